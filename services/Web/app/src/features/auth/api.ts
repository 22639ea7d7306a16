import { useQuery, useQueryClient, useMutation } from '@tanstack/react-query';
import { getJson, postJson } from '@/lib/api/fetch';
import { isApiProblem } from '@/lib/api/problem';
import { setCsrfToken } from '@/lib/api/session-headers';

// The host's own session routes (services/Web), not a service's: no OpenAPI document, so typed here.
export type Role = 'caseworker' | 'supervisor' | 'coordinator' | 'district-officer' | 'admin' | 'provider' | 'volunteer';

export interface Me {
  personId: string;
  name: string;
  roles: Role[];
  stationId?: string | null;
  stationName?: string | null;
  districtCode?: string | null;
  csrfToken: string;
  /** A provider's person: the provider (organisation) they act for. */
  providerId?: string | null;
}

export interface DemoPerson {
  personId: string;
  name: string;
  role: 'caseworker' | 'supervisor' | 'coordinator' | 'district-officer' | 'volunteer' | 'provider';
  stationId?: string | null;
  stationName?: string | null;
  districtCode: string;
  providerId?: string | null;
}

export const meKey = ['auth', 'me'] as const;

/** The signed-in person, or null when signed out (401). Sets the CSRF token every unsafe call carries. */
export async function fetchMe(): Promise<Me | null> {
  try {
    const me = await getJson<Me>('/auth/me');
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (isApiProblem(error) && error.status === 401) {
      setCsrfToken(undefined);
      return null;
    }
    throw error;
  }
}

export function useMe() {
  return useQuery({ queryKey: meKey, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

/** Demo people, or null where the host offers none (production: sign in through OpenID Connect). */
export async function fetchDemoPeople(): Promise<DemoPerson[] | null> {
  try {
    return await getJson<DemoPerson[]>('/auth/demo-people');
  } catch (error) {
    if (isApiProblem(error) && (error.status === 404 || error.status === 405)) return null;
    throw error;
  }
}

export function useDemoPeople() {
  return useQuery({ queryKey: ['auth', 'demo-people'], queryFn: fetchDemoPeople, staleTime: Infinity, retry: false });
}

export function useDemoSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (personId: string) => postJson('/auth/demo-sign-in', { personId }),
    onSuccess: async () => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      await queryClient.invalidateQueries({ queryKey: meKey });
    },
  });
}

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => postJson('/auth/sign-out'),
    onSettled: () => {
      setCsrfToken(undefined);
      queryClient.clear();
      queryClient.setQueryData(meKey, null);
    },
  });
}

export function productionSignInUrl(returnUrl: string): string {
  return `/auth/sign-in?returnUrl=${encodeURIComponent(returnUrl)}`;
}

export function hasRole(me: Me | null | undefined, ...roles: Role[]): boolean {
  return !!me && me.roles.some((role) => roles.includes(role));
}
