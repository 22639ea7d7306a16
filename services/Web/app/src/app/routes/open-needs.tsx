import OpenNeedsPage from '@/features/supervision/OpenNeedsPage';
import { StationPage } from './station-page';

export function Component() {
  return <StationPage>{(stationId) => <OpenNeedsPage stationId={stationId} />}</StationPage>;
}
