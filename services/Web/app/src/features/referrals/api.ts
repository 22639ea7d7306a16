import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, matchingApi } from '@/lib/api/clients';
import type { ReferralDeclineReason, ReferralStatus, ReferralView } from '@/lib/api/responses';

export const referralsKey = ['matching', 'referrals'] as const;

/** A need's referrals, newest first (Matching proposes the next candidate after a decline or expiry). */
export function useNeedReferrals(needId: string) {
  return useQuery({
    queryKey: [...referralsKey, { needId }],
    queryFn: () => body<ReferralView[]>(matchingApi.GET('/referrals', { params: { query: { needId } } })),
  });
}

export function useReferral(id: string, enabled = true) {
  return useQuery({
    queryKey: [...referralsKey, id],
    queryFn: () => body<ReferralView>(matchingApi.GET('/referrals/{id}', { params: { path: { id } } })),
    enabled,
  });
}

/** The referrals of an inbox page in one call (not one per notification), by id. */
export function useReferralsOf(ids: string[]) {
  return useQuery({
    queryKey: [...referralsKey, { ids }],
    queryFn: async () => new Map((await body<ReferralView[]>(matchingApi.GET('/referrals', { params: { query: { id: ids } } })))
      .map((r) => [r.id, r] as const)),
    enabled: ids.length > 0,
  });
}

export interface DeclineReferralValues {
  reason: ReferralDeclineReason;
  note?: string;
}

/** After a decision Matching and Cases both move: the referral, the need's candidates and the case file. */
function useAfterDecision() {
  const queryClient = useQueryClient();
  return async () => {
    await queryClient.invalidateQueries({ queryKey: ['matching'] });
    await queryClient.invalidateQueries({ queryKey: ['cases'] });
  };
}

export function useApproveReferral() {
  const settled = useAfterDecision();
  return useMutation({
    mutationFn: (id: string) => body<ReferralView>(matchingApi.POST('/referrals/{id}/approve', { params: { path: { id } } })),
    onSettled: settled,
  });
}

export function useDeclineReferral() {
  const settled = useAfterDecision();
  return useMutation({
    mutationFn: ({ id, values }: { id: string; values: DeclineReferralValues }) =>
      body<ReferralView>(matchingApi.POST('/referrals/{id}/decline', {
        params: { path: { id } },
        body: { reason: values.reason, note: values.note?.trim() || null },
      })),
    onSettled: settled,
  });
}

const OVER: ReadonlySet<ReferralStatus> = new Set(['Completed', 'Declined', 'Expired', 'Cancelled']);

/** Declined, expired, cancelled or completed: nothing more happens to it. */
export function isOver(status: ReferralStatus): boolean {
  return OVER.has(status);
}

/** The referral that speaks for a need now: the one still going, else the latest. */
export function currentReferral(referrals: ReferralView[]): ReferralView | undefined {
  return referrals.find((r) => !isOver(r.status)) ?? referrals[0];
}

/** A referral that holds a place with the provider: its need is (or is about to be) Matched on the case. */
export function holdsPlace(status: ReferralStatus): boolean {
  return status === 'Accepted' || status === 'InService';
}

/** The inbox rule of a proposal the caseworker is asked to approve (Notifications: Rules/NotificationRules.cs). */
export const PROPOSAL_TO_APPROVE = 'referral-proposed.approve';
