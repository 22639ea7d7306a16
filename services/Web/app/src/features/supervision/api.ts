import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, casesApi } from '@/lib/api/clients';
import type {
  CityCoverageReport, DistrictCoverageReport, ListPage, OverdueVisit, PlanAwaitingApproval, StationAuditEntry, StationDashboard,
  StationOpenNeed, StationRoster, StationSituationMap, StationSummary,
} from '@/lib/api/responses';

const stationKey = (stationId: string) => ['cases', 'stations', stationId] as const;

export function useStationDashboard(stationId: string) {
  return useQuery({
    queryKey: [...stationKey(stationId), 'dashboard'],
    queryFn: () => body<StationDashboard>(casesApi.GET('/stations/{id}/dashboard', { params: { path: { id: stationId } } })),
  });
}

/** The stations of one district (a district officer reads its own), by township. */
export function useDistrictStations(districtCode: string) {
  return useQuery({
    queryKey: ['cases', 'districts', districtCode, 'stations'],
    queryFn: () => body<ListPage<StationSummary>>(casesApi.GET('/stations', {
      params: { query: { district: districtCode, pageSize: 100 } }, // a district has a few dozen townships at most
    })),
  });
}

export function useOverdueVisits(stationId: string) {
  return useQuery({
    queryKey: [...stationKey(stationId), 'overdue-visits'],
    queryFn: () => body<OverdueVisit[]>(casesApi.GET('/stations/{id}/overdue-visits', { params: { path: { id: stationId } } })),
  });
}

export function useOpenNeeds(stationId: string, category?: string) {
  return useQuery({
    queryKey: [...stationKey(stationId), 'open-needs', category ?? null],
    queryFn: () => body<StationOpenNeed[]>(casesApi.GET('/stations/{id}/open-needs', {
      params: { path: { id: stationId }, query: category ? { category } : {} },
    })),
    placeholderData: keepPreviousData,
  });
}

export function useSituationMap(stationId: string) {
  return useQuery({
    queryKey: [...stationKey(stationId), 'situation-map'],
    queryFn: () => body<StationSituationMap>(casesApi.GET('/stations/{id}/situation-map', { params: { path: { id: stationId } } })),
  });
}

export function useCityCoverage() {
  return useQuery({
    queryKey: ['cases', 'coverage'],
    queryFn: () => body<CityCoverageReport>(casesApi.GET('/coverage')),
  });
}

export function useDistrictCoverage(code: string) {
  return useQuery({
    queryKey: ['cases', 'districts', code, 'coverage'],
    queryFn: () => body<DistrictCoverageReport>(casesApi.GET('/districts/{code}/coverage', { params: { path: { code } } })),
  });
}

export interface Paged {
  page: number;
  pageSize: number;
}

const plansKey = (stationId: string) => [...stationKey(stationId), 'plans-awaiting-approval'] as const;

export function usePlansAwaitingApproval(stationId: string, paging: Paged) {
  return useQuery({
    queryKey: [...plansKey(stationId), paging],
    queryFn: () => body<ListPage<PlanAwaitingApproval>>(casesApi.GET('/stations/{id}/plans-awaiting-approval', {
      params: { path: { id: stationId }, query: paging },
    })),
    placeholderData: keepPreviousData,
  });
}

export function useApprovePlan(stationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (caseId: string) => casesApi.POST('/cases/{id}/service-plan/approve', { params: { path: { id: caseId } } }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: stationKey(stationId) }),
  });
}

export interface SendBackValues {
  reason: string;
}

export function useSendBackPlan(stationId: string, caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: SendBackValues) => casesApi.POST('/cases/{id}/service-plan/send-back', {
      params: { path: { id: caseId } },
      body: { reason: values.reason },
    }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: stationKey(stationId) }),
  });
}

export interface AuditFilter extends Paged {
  breakGlass?: boolean;
  readerId?: string;
  recordId?: string;
  from?: string;
  to?: string;
}

export function useStationAudit(stationId: string, filter: AuditFilter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: [...stationKey(stationId), 'audit', filter],
    queryFn: () => body<ListPage<StationAuditEntry>>(casesApi.GET('/stations/{id}/audit', {
      params: { path: { id: stationId }, query: filter },
    })),
    placeholderData: keepPreviousData,
  });
}

/** The access audit of every station of a district, for its officer. */
export function useDistrictAudit(districtCode: string, filter: AuditFilter, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['cases', 'districts', districtCode, 'audit', filter],
    queryFn: () => body<ListPage<StationAuditEntry>>(casesApi.GET('/districts/{code}/audit', {
      params: { path: { code: districtCode }, query: filter },
    })),
    placeholderData: keepPreviousData,
  });
}

/** Names of the station's staff by person id, from its roster (the same query the roster page keeps). */
export function useStaffNames(stationId: string) {
  return useQuery({
    queryKey: [...stationKey(stationId), 'staff'],
    queryFn: () => body<StationRoster>(casesApi.GET('/stations/{id}/staff', { params: { path: { id: stationId } } })),
    select: (roster) => new Map(roster.staff.filter((m) => m.name).map((m) => [m.personId, m.name as string])),
    staleTime: 5 * 60_000,
  });
}
