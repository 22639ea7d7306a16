import { useQuery } from '@tanstack/react-query';
import { body, casesApi } from '@/lib/api/clients';
import type { Caseload } from '@/lib/api/responses';

export function useCaseload(caseworkerId: string) {
  return useQuery({
    queryKey: ['cases', 'caseworkers', caseworkerId, 'caseload'],
    queryFn: () => body<Caseload>(casesApi.GET('/caseworkers/{id}/caseload', { params: { path: { id: caseworkerId } } })),
  });
}
