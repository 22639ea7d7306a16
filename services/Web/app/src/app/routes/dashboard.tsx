import DashboardPage from '@/features/supervision/DashboardPage';
import { StationPage } from './station-page';

export function Component() {
  return <StationPage>{(stationId) => <DashboardPage stationId={stationId} />}</StationPage>;
}
