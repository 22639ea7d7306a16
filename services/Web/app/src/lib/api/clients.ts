import createClient from 'openapi-fetch';
import { apiFetch } from './fetch';
import type { paths as CasesPaths } from './cases';
import type { paths as MatchingPaths } from './matching';
import type { paths as NotificationsPaths } from './notifications';
import type { paths as VolunteersPaths } from './volunteers';

// One typed client per service, reached through the host's /api/<service> routes. apiFetch adds
// the CSRF and language headers and throws an ApiProblem for any failed response, so a call
// either resolves with its data or throws.
const options = (service: string) => ({
  baseUrl: `${globalThis.location?.origin ?? ''}/api/${service}`,
  fetch: (request: Request) => apiFetch(request),
});

export const casesApi = createClient<CasesPaths>(options('cases'));
export const matchingApi = createClient<MatchingPaths>(options('matching'));
export const volunteersApi = createClient<VolunteersPaths>(options('volunteers'));
export const notificationsApi = createClient<NotificationsPaths>(options('notifications'));

/**
 * The body of a successful call. Many of the services' OpenAPI documents do not yet describe their
 * responses (TypedResults inside Task<IResult> publish no schema), so the expected type is named
 * here from src/lib/api/responses.ts until the services declare it and `npm run api` brings it in.
 */
export async function body<T>(call: Promise<{ data?: unknown; error?: unknown; response: Response }>): Promise<T> {
  const { data } = await call;
  return data as T;
}
