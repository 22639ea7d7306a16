import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, casesApi } from '@/lib/api/clients';
import type {
  ActivityDetails, ActivityKind, ActivityPage, ActivityWritten, CaseFile, CaseWritten, ClientGroup, ConsentPurpose, HouseholdView,
  StationRoster, TimelineEntry, VisitFrequency,
} from '@/lib/api/responses';
import type { DifficultyType, LivingSituation, MentalState, SocialParticipation } from './barthel';

/**
 * The header a supervisor's read of another station's file carries (break-the-glass, services/Cases
 * Auditing/CaseFileAccess.cs). Percent-encoded: a header carries no Chinese as it is, and the
 * service decodes it before it records the reason.
 */
export const BREAK_GLASS_HEADER = 'X-Break-Glass-Reason';

function readHeaders(reason: string | null): Record<string, string> | undefined {
  return reason ? { [BREAK_GLASS_HEADER]: encodeURIComponent(reason) } : undefined;
}

export const caseKey = (caseId: string) => ['cases', caseId] as const;

export function useCaseFile(caseId: string, reason: string | null, asOf?: string) {
  return useQuery({
    queryKey: [...caseKey(caseId), 'file', reason, asOf ?? null],
    queryFn: () => body<CaseFile>(casesApi.GET('/cases/{id}', {
      params: { path: { id: caseId }, query: asOf ? { asOf } : undefined },
      headers: readHeaders(reason),
    })),
    // A case nobody may see answers 404 at once: asking again changes nothing.
    retry: false,
  });
}

export function useTimeline(caseId: string, reason: string | null) {
  return useQuery({
    queryKey: [...caseKey(caseId), 'timeline', reason],
    queryFn: () => body<TimelineEntry[]>(casesApi.GET('/cases/{id}/timeline', {
      params: { path: { id: caseId } }, headers: readHeaders(reason),
    })),
  });
}

export function useHousehold(householdId: string | undefined, reason: string | null) {
  return useQuery({
    queryKey: ['cases', 'households', householdId, reason],
    queryFn: () => body<HouseholdView>(casesApi.GET('/households/{id}', {
      params: { path: { id: householdId! } }, headers: readHeaders(reason),
    })),
    enabled: householdId !== undefined,
    retry: false,
  });
}

/** The station's roster, for the caseworker's name (the same cache as the roster page). */
export function useStaffNames(stationId: string, enabled: boolean) {
  return useQuery({
    queryKey: ['cases', 'stations', stationId, 'staff'],
    queryFn: () => body<StationRoster>(casesApi.GET('/stations/{id}/staff', { params: { path: { id: stationId } } })),
    enabled,
    retry: false,
  });
}

/** A command on the case: afterwards the file and its timeline are read again. */
function useCaseCommand<TValues, TResult>(caseId: string, run: (values: TValues, requestId: string) => Promise<TResult>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ values, requestId }: { values: TValues; requestId: string }) => run(values, requestId),
    onSettled: () => queryClient.invalidateQueries({ queryKey: caseKey(caseId) }),
  });
}

export interface AssessValues {
  livingSituation: LivingSituation;
  mentalState: MentalState;
  socialParticipation: SocialParticipation;
  difficultyType?: DifficultyType | null;
  healthConditions?: string[];
  adlScore: number;
}

export function useRecordAssessment(caseId: string) {
  return useCaseCommand(caseId, (values: AssessValues, requestId: string) => body<CaseWritten>(casesApi.POST('/cases/{id}/assessments', {
    params: { path: { id: caseId } },
    body: {
      assessmentId: requestId,
      livingSituation: values.livingSituation,
      mentalState: values.mentalState,
      socialParticipation: values.socialParticipation,
      difficultyType: values.difficultyType ?? null,
      healthConditions: values.healthConditions ?? [],
      medications: [],
      adlScore: values.adlScore,
    },
  })));
}

export interface PlanValues {
  goals: string[];
  interventions: string[];
  visitFrequency: VisitFrequency;
  reviewDate: string;
}

export function useProposePlan(caseId: string) {
  return useCaseCommand(caseId, (values: PlanValues, requestId: string) => body<CaseWritten>(casesApi.POST('/cases/{id}/service-plan', {
    params: { path: { id: caseId } }, body: { planId: requestId, ...values },
  })));
}

export function useApprovePlan(caseId: string) {
  return useCaseCommand(caseId, () => body<CaseWritten>(casesApi.POST('/cases/{id}/service-plan/approve', {
    params: { path: { id: caseId } },
  })));
}

export function useSendBackPlan(caseId: string) {
  return useCaseCommand(caseId, (values: { reason: string }) => body<CaseWritten>(casesApi.POST('/cases/{id}/service-plan/send-back', {
    params: { path: { id: caseId } }, body: values,
  })));
}

export interface VisitValues { visitedAt: string; observations: string; concernsRaised: boolean }

export function useRecordVisit(caseId: string) {
  return useCaseCommand(caseId, (values: VisitValues, requestId: string) => body<CaseWritten>(casesApi.POST('/cases/{id}/visits', {
    params: { path: { id: caseId } }, body: { visitId: requestId, ...values },
  })));
}

export interface ConsentValues {
  givenBy: 'Client' | 'Guardian';
  guardianName?: string | null;
  purpose: ConsentPurpose;
  organisations?: string[];
  validUntil: string;
  dietaryNotes?: string | null;
}

export function useGiveConsent(caseId: string) {
  return useCaseCommand(caseId, (values: ConsentValues, requestId: string) => body<CaseWritten>(casesApi.POST('/cases/{id}/consents', {
    params: { path: { id: caseId } },
    body: {
      consentId: requestId,
      givenBy: values.givenBy,
      guardianName: values.givenBy === 'Guardian' ? values.guardianName ?? null : null,
      purpose: values.purpose,
      organisations: values.organisations ?? [],
      validUntil: values.validUntil,
      dietaryNotes: values.dietaryNotes || null,
    },
  })));
}

export function useWithdrawConsent(caseId: string) {
  return useCaseCommand(caseId, (values: { consentId: string; reason?: string }) =>
    body<CaseWritten>(casesApi.POST('/cases/{id}/consents/{consentId}/withdraw', {
      params: { path: { id: caseId, consentId: values.consentId } }, body: { reason: values.reason || null },
    })));
}

export function useCloseCase(caseId: string) {
  return useCaseCommand(caseId, (values: { reason: string }) => body<CaseWritten>(casesApi.POST('/cases/{id}/close', {
    params: { path: { id: caseId } }, body: values,
  })));
}

export function useReopenCase(caseId: string) {
  return useCaseCommand(caseId, (values: { reason: string }) => body<CaseWritten>(casesApi.POST('/cases/{id}/reopen', {
    params: { path: { id: caseId } }, body: values,
  })));
}

const activitiesKey = (stationId: string) => ['cases', 'activities', 'station', stationId] as const;
const activityKey = (activityId: string) => ['cases', 'activities', activityId] as const;

export function useActivities(stationId: string) {
  return useQuery({
    queryKey: activitiesKey(stationId),
    queryFn: () => body<ActivityPage>(casesApi.GET('/activities', { params: { query: { stationId, pageSize: 50 } } })),
  });
}

export function useActivity(activityId: string | undefined) {
  return useQuery({
    queryKey: activityKey(activityId ?? ''),
    queryFn: () => body<ActivityDetails>(casesApi.GET('/activities/{id}', { params: { path: { id: activityId! } } })),
    enabled: activityId !== undefined,
  });
}

export interface ActivityValues {
  title: string;
  description?: string;
  kind: ActivityKind;
  targetGroup?: ClientGroup | null;
  startsAt: string;
  endsAt: string;
  capacity: number;
}

export function useScheduleActivity(stationId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ values, requestId }: { values: ActivityValues; requestId: string }) =>
      body<ActivityWritten>(casesApi.POST('/activities', {
        body: { activityId: requestId, stationId, ...values, description: values.description || null, targetGroup: values.targetGroup ?? null },
      })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: activitiesKey(stationId) }),
  });
}

/** Enrolling and attendance change the activity, and attendance the client's timeline too. */
function useActivityCommand<TValues>(caseId: string, stationId: string, run: (activityId: string, values: TValues) => Promise<ActivityWritten>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ activityId, values }: { activityId: string; values: TValues }) => run(activityId, values),
    onSettled: (_data, _error, { activityId }) => Promise.all([
      queryClient.invalidateQueries({ queryKey: activityKey(activityId) }),
      queryClient.invalidateQueries({ queryKey: activitiesKey(stationId) }),
      queryClient.invalidateQueries({ queryKey: caseKey(caseId) }),
    ]),
  });
}

export function useEnrol(caseId: string, stationId: string) {
  return useActivityCommand(caseId, stationId, (activityId, _values: void) => body<ActivityWritten>(casesApi.POST('/activities/{id}/enrolments', {
    params: { path: { id: activityId } }, body: { caseId },
  })));
}

export function useRecordAttendance(caseId: string, stationId: string) {
  return useActivityCommand(caseId, stationId, (activityId, values: { attendedOn: string }) =>
    body<ActivityWritten>(casesApi.POST('/activities/{id}/attendance', {
      params: { path: { id: activityId } }, body: { caseIds: [caseId], attendedOn: values.attendedOn },
    })));
}
