import ApprovalsPage from '@/features/supervision/ApprovalsPage';
import { StationPage } from './station-page';

export function Component() {
  return <StationPage>{(stationId) => <ApprovalsPage stationId={stationId} />}</StationPage>;
}
