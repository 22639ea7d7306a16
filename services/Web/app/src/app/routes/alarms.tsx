import AlarmsBoardPage from '@/features/alarms/AlarmsBoardPage';
import { useSession } from '../session';
import { RequireRole } from './guards';

export function StationAlarms() {
  const me = useSession();
  return (
    <RequireRole roles={['supervisor', 'coordinator', 'caseworker', 'admin']}>
      <AlarmsBoardPage scope={me.stationId ? { kind: 'station', stationId: me.stationId } : null} />
    </RequireRole>
  );
}

export function DistrictAlarms() {
  const me = useSession();
  return (
    <RequireRole roles={['district-officer', 'admin']}>
      <AlarmsBoardPage scope={me.districtCode ? { kind: 'district', districtCode: me.districtCode } : null} />
    </RequireRole>
  );
}
