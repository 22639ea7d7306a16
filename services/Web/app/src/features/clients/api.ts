import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { casesApi } from '@/lib/api/clients';
import type { components } from '@/lib/api/cases';

export type ClientSearchPage = components['schemas']['ClientSearchPage'];
export type ClientMatch = components['schemas']['ClientMatch'];

export const PAGE_SIZE = 20;

/** The station's clients matching the query (nothing is asked for an empty one); every search is audited by the service. */
export function useClientSearch(q: string, page: number) {
  return useQuery({
    queryKey: ['cases', 'clients', q, page],
    queryFn: async () => {
      const { data } = await casesApi.POST('/clients/search', { body: { q, page, pageSize: PAGE_SIZE } });
      return data as ClientSearchPage;
    },
    enabled: q.length > 0,
    placeholderData: keepPreviousData,
    // A search is a read of personal data, audited each time: do not repeat it behind the person's back.
    staleTime: 60_000,
    refetchOnWindowFocus: false,
  });
}
