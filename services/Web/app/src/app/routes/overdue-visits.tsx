import OverdueVisitsPage from '@/features/supervision/OverdueVisitsPage';
import { StationPage } from './station-page';

export function Component() {
  return <StationPage>{(stationId) => <OverdueVisitsPage stationId={stationId} />}</StationPage>;
}
