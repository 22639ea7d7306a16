import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, casesApi } from '@/lib/api/clients';
import type {
  CaseOpened, ClientCategory, ClientGroup, HouseholdRegistered, HouseholdsMerged, StationRoster, StationView,
} from '@/lib/api/responses';
import type { components } from '@/lib/api/cases';

export type RelationToHead = NonNullable<components['schemas']['RelationToHead']>;
export type Gender = NonNullable<components['schemas']['Gender']>;

export const RELATIONS: readonly RelationToHead[] = ['Self', 'Spouse', 'Child', 'ChildInLaw', 'Grandchild', 'Parent', 'Sibling', 'Other'];
export const GENDERS: readonly Gender[] = ['Female', 'Male'];

/** The station the person works at: its district and township fill in a new household's place. */
export function useStation(stationId: string | null | undefined) {
  return useQuery({
    queryKey: ['cases', 'stations', stationId],
    queryFn: () => body<StationView>(casesApi.GET('/stations/{id}', { params: { path: { id: stationId! } } })),
    enabled: !!stationId,
    staleTime: 10 * 60_000,
    retry: false,
  });
}

export interface MemberValues {
  memberId: string;
  name: string;
  relationToHead: RelationToHead;
  gender: Gender;
  /** yyyy-mm-dd */
  birthDate: string;
  idNumber?: string;
  phone?: string;
}

export interface HouseholdValues {
  address: string;
  location: { district: string; township: string; community: string; grid: string; latitude?: number | null; longitude?: number | null };
  members: MemberValues[];
}

const blankToNull = (value: string | undefined) => (value?.trim() ? value.trim() : null);

/** POST /households with the client's household and member ids: a repeat registers nothing new. */
export function useRegisterHousehold() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ values, householdId }: { values: HouseholdValues; householdId: string }) =>
      body<HouseholdRegistered>(casesApi.POST('/households', {
        body: {
          householdId,
          address: values.address.trim(),
          location: {
            district: values.location.district.trim(), township: values.location.township.trim(),
            community: values.location.community.trim(), grid: values.location.grid.trim(),
            latitude: values.location.latitude ?? null, longitude: values.location.longitude ?? null,
          },
          members: values.members.map((m) => ({
            memberId: m.memberId, name: m.name.trim(), relationToHead: m.relationToHead, gender: m.gender, birthDate: m.birthDate,
            idNumber: blankToNull(m.idNumber)?.toUpperCase() ?? null, phone: blankToNull(m.phone),
          })),
        },
      })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cases', 'households'] }),
  });
}

/** POST /households/{kept}/merge: the other household (a duplicate registration) is merged into the kept one. */
export function useMergeHouseholds() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ keptId, otherId }: { keptId: string; otherId: string }) =>
      body<HouseholdsMerged>(casesApi.POST('/households/{id}/merge', { params: { path: { id: keptId } }, body: { otherId } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cases', 'households'] }),
  });
}

export interface OpenCaseValues {
  clientGroup: ClientGroup;
  categories: ClientCategory[];
}

export interface CaseFor {
  stationId: string;
  caseworkerId: string;
  householdId: string;
  memberId: string;
  location: { district: string; township: string; grid: string };
}

/** POST /cases for a registered member, by the caseworker themself, with the client's case id. */
export function useOpenCase() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ values, caseId, client }: { values: OpenCaseValues; caseId: string; client: CaseFor }) =>
      body<CaseOpened>(casesApi.POST('/cases', {
        body: {
          caseId, stationId: client.stationId, caseworkerId: client.caseworkerId,
          clientGroup: values.clientGroup, categories: values.categories, location: client.location,
          client: { householdId: client.householdId, memberId: client.memberId },
        },
      })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cases', 'caseworkers'] }),
  });
}

/** The station's roster (the same cache as the roster page): a supervisor names the caseworker. */
export function useStationCaseworkers(stationId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'stations', stationId, 'staff'],
    queryFn: () => body<StationRoster>(casesApi.GET('/stations/{id}/staff', { params: { path: { id: stationId } } })),
    enabled,
    select: (roster) => roster.staff.filter((m) => m.role === 'Caseworker'),
  });
}
