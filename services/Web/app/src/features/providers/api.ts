import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, casesApi, matchingApi } from '@/lib/api/clients';
import { apiFetch } from '@/lib/api/fetch';
import type {
  ClientContact, ClientGroup, DirectoryImported, NeedCategory, OfferStatus, OfferView, OfferWritten, ReferralOutcome, ReferralView,
} from '@/lib/api/responses';

// Matching scopes GET /referrals to the caller's provider: the portal never names it, and cannot see another's.
export const providerReferralsKey = ['matching', 'referrals', 'provider'] as const;
export const providerOffersKey = ['matching', 'offers', 'provider'] as const;

/** Referrals for the signed-in provider, newest first; the caseworker's step before them (awaiting approval) is not theirs to see. */
export function useProviderReferrals() {
  return useQuery({
    queryKey: providerReferralsKey,
    queryFn: async () => (await body<ReferralView[]>(matchingApi.GET('/referrals')))
      .filter((r) => r.status !== 'AwaitingApproval'),
  });
}

/** Waiting for the provider's answer, or in their hands: what the page shows first. */
export function isOpenForProvider(referral: ReferralView): boolean {
  return referral.status === 'AwaitingAcceptance' || referral.status === 'Accepted' || referral.status === 'InService';
}

/** A referral the provider is serving: the client's contact is asked of Cases for it. */
export function isInProgress(referral: ReferralView): boolean {
  return referral.status === 'Accepted' || referral.status === 'InService';
}

/**
 * The client's contact for a referral in the provider's hands, from Cases (Matching holds no
 * client data); each read of a shared contact is audited there, so it is not refetched on focus.
 */
export function useClientContact(referralId: string) {
  return useQuery({
    queryKey: ['cases', 'referrals', referralId, 'client-contact'],
    queryFn: () => body<ClientContact>(casesApi.GET('/referrals/{referralId}/client-contact', { params: { path: { referralId } } })),
    refetchOnWindowFocus: false,
    staleTime: 60_000,
    // Cases hears of an acceptance a moment after Matching: a "call the station" answer (not audited) is asked again.
    refetchInterval: (query) => (query.state.data?.shared ? false : 15_000),
  });
}

function useAfterReferralStep() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ queryKey: ['matching'] });
}

export function useAcceptReferral() {
  const settled = useAfterReferralStep();
  return useMutation({
    mutationFn: (id: string) => body<ReferralView>(matchingApi.POST('/referrals/{id}/accept', { params: { path: { id } } })),
    onSettled: settled,
  });
}

export function useStartReferral() {
  const settled = useAfterReferralStep();
  return useMutation({
    mutationFn: (id: string) => body<ReferralView>(matchingApi.POST('/referrals/{id}/start', { params: { path: { id } } })),
    onSettled: settled,
  });
}

export interface CompleteValues { outcome: ReferralOutcome; note?: string }

export function useCompleteReferral() {
  const settled = useAfterReferralStep();
  return useMutation({
    mutationFn: ({ id, values }: { id: string; values: CompleteValues }) =>
      body<ReferralView>(matchingApi.POST('/referrals/{id}/complete', {
        params: { path: { id } },
        body: { outcome: values.outcome, note: values.note?.trim() || null },
      })),
    onSettled: settled,
  });
}

export function useProviderOffers(providerId: string, status: OfferStatus) {
  return useQuery({
    queryKey: [...providerOffersKey, providerId, status],
    queryFn: () => body<OfferView[]>(matchingApi.GET('/offers', { params: { query: { providerId, status } } })),
  });
}

/** Shaped as POST /offers is, so the server's field errors ("area.districts") land on the form's own fields. */
export interface NewOfferValues {
  title: string;
  category: NeedCategory;
  capacity: number;
  description?: string;
  area: { districts: string[] };
  eligibility?: { clientGroups?: ClientGroup[] };
}

/** Publishes with the client's own offer id (useServerForm's requestId): a double click publishes once. */
export function usePublishOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ offerId, values }: { offerId: string; values: NewOfferValues }) =>
      body<OfferWritten>(matchingApi.POST('/offers', {
        body: {
          offerId, title: values.title, category: values.category, capacity: values.capacity,
          description: values.description?.trim() || null,
          area: { districts: values.area.districts, townships: [], grids: [] },
          eligibility: { clientGroups: values.eligibility?.clientGroups ?? [], categories: [], abilityLevels: [] },
        },
      })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: providerOffersKey }),
  });
}

export function useChangeCapacity() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, capacity }: { id: string; capacity: number }) =>
      body<OfferWritten>(matchingApi.POST('/offers/{id}/capacity', { params: { path: { id } }, body: { capacity } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: providerOffersKey }),
  });
}

export function useWithdrawOffer() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => body<OfferWritten>(matchingApi.POST('/offers/{id}/withdraw', { params: { path: { id } } })),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: providerOffersKey });
      await queryClient.invalidateQueries({ queryKey: providerReferralsKey });
    },
  });
}

export const DIRECTORY_URL = '/api/matching/directory/hsds';

/**
 * Imports an HSDS file as it is: a .zip is the tabular data package, anything else JSON. Sent as
 * the file's bytes (not through the typed client, whose body is JSON only); a 400 carries every
 * problem by file and row.
 */
export function useImportDirectory() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const zip = file.name.toLowerCase().endsWith('.zip');
      const response = await apiFetch(DIRECTORY_URL, {
        method: 'POST',
        headers: { 'Content-Type': zip ? 'application/zip' : 'application/json' },
        body: await file.arrayBuffer(),
      });
      return (await response.json()) as DirectoryImported;
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['matching'] }),
  });
}
