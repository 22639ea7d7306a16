import { useQuery } from '@tanstack/react-query';
import { body, notificationsApi } from '@/lib/api/clients';
import type { AlarmBoard } from '@/lib/api/responses';

export type AlarmScope = { kind: 'station'; stationId: string } | { kind: 'district'; districtCode: string };
export type AlarmFilter = 'open' | 'all';

export function useAlarmBoard(scope: AlarmScope, state: AlarmFilter) {
  return useQuery({
    queryKey: ['notifications', 'alarms', scope, state],
    queryFn: () => scope.kind === 'station'
      ? body<AlarmBoard>(notificationsApi.GET('/stations/{id}/alarms', { params: { path: { id: scope.stationId }, query: { state } } }))
      : body<AlarmBoard>(notificationsApi.GET('/districts/{code}/alarms', { params: { path: { code: scope.districtCode }, query: { state } } })),
    refetchInterval: 60_000,
  });
}
