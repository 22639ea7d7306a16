import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Dayjs } from 'dayjs';
import { body, casesApi, matchingApi } from '@/lib/api/clients';
import { isApiProblem } from '@/lib/api/problem';
import type { CandidatesView, CaseNeeds, NeedCategory, NeedWritten, Recurrence } from '@/lib/api/responses';
import type { NeedUrgency } from '@/lib/format';

/** The case file as GET /cases/{id} has it; the same key as the rest of the case file, so a refresh refreshes all. */
export const caseKey = (caseId: string) => ['cases', caseId] as const;
export const candidatesKey = ['matching', 'needs'] as const;

export function useCaseNeeds(caseId: string) {
  return useQuery({
    queryKey: caseKey(caseId),
    queryFn: () => body<CaseNeeds>(casesApi.GET('/cases/{id}', { params: { path: { id: caseId } } })),
  });
}

/**
 * The offers that fit a need, with their reasons. Matching hears of a new need over the bus a moment
 * after Cases took it: until then it answers 404, so a 404 is asked again, a little later each time.
 */
export function useCandidates(needId: string) {
  return useQuery({
    queryKey: [...candidatesKey, needId, 'candidates'],
    queryFn: () => body<CandidatesView>(matchingApi.GET('/needs/{needId}/candidates', { params: { path: { needId } } })),
    retry: (count, error) => (isApiProblem(error) && error.status === 404 ? count < 6 : !(isApiProblem(error) && error.status < 500) && count < 2),
    retryDelay: (attempt) => Math.min(500 * 2 ** attempt, 8_000),
  });
}

export interface RaiseNeedValues {
  category: NeedCategory;
  urgency: NeedUrgency;
  recurrence: Recurrence;
  quantity: number;
  startDate: Dayjs;
  note?: string;
}

export const NEED_FIELDS = ['category', 'urgency', 'recurrence', 'quantity', 'startDate', 'note'] as const;

/** Raising sends the form's own id for the need: a repeated submit raises it once. */
export function useRaiseNeed(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ values, needId }: { values: RaiseNeedValues; needId: string }) =>
      body<NeedWritten>(casesApi.POST('/cases/{id}/needs', {
        params: { path: { id: caseId } },
        body: {
          needId,
          category: values.category,
          urgency: values.urgency,
          recurrence: values.recurrence,
          quantity: values.quantity,
          startDate: values.startDate.format('YYYY-MM-DD'),
          note: values.note?.trim() || null,
        },
      })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: caseKey(caseId) }),
  });
}

export interface WithdrawNeedValues {
  reason: string;
}

export function useWithdrawNeed(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ needId, values }: { needId: string; values: WithdrawNeedValues }) =>
      casesApi.POST('/cases/{id}/needs/{needId}/withdraw', {
        params: { path: { id: caseId, needId } },
        body: { reason: values.reason.trim() },
      }),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
      await queryClient.invalidateQueries({ queryKey: ['matching'] });
    },
  });
}
