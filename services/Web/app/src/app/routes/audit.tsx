import AuditPage from '@/features/supervision/AuditPage';
import { StationPage } from './station-page';

export function Component() {
  return <StationPage>{(stationId) => <AuditPage scope={{ stationId }} />}</StationPage>;
}
