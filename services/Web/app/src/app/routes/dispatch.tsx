import DispatchBoardPage from '@/features/dispatch/DispatchBoardPage';
import { StationPage } from './station-page';

export function Component() {
  return <StationPage roles={['coordinator', 'supervisor', 'admin']}>{(stationId) => <DispatchBoardPage stationId={stationId} />}</StationPage>;
}
