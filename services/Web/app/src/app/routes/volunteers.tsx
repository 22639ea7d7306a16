import VolunteersPage from '@/features/dispatch/VolunteersPage';
import { StationPage } from './station-page';

export function Component() {
  return <StationPage roles={['coordinator', 'supervisor', 'admin']}>{(stationId) => <VolunteersPage stationId={stationId} />}</StationPage>;
}
