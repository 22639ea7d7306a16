import MapPage from '@/features/supervision/MapPage';
import { StationPage } from './station-page';

export function Component() {
  return <StationPage>{(stationId) => <MapPage stationId={stationId} />}</StationPage>;
}
