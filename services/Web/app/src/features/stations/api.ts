import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, casesApi } from '@/lib/api/clients';
import type { StaffWritten, StationRole, StationRoster } from '@/lib/api/responses';

const rosterKey = (stationId: string) => ['cases', 'stations', stationId, 'staff'] as const;

export function useStationRoster(stationId: string) {
  return useQuery({
    queryKey: rosterKey(stationId),
    queryFn: () => body<StationRoster>(casesApi.GET('/stations/{id}/staff', { params: { path: { id: stationId } } })),
  });
}

export interface JoinStaffValues {
  personId: string;
  role: NonNullable<StationRole>;
  name?: string;
}

export function useJoinStaff(stationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: JoinStaffValues) => body<StaffWritten>(casesApi.POST('/stations/{id}/staff', {
      params: { path: { id: stationId } },
      body: { personId: values.personId, role: values.role, name: values.name?.trim() || null },
    })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: rosterKey(stationId) }),
  });
}
