import { NetworkError, problemFrom } from './problem';
import { getCsrfToken, getRequestLanguage } from './session-headers';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE']);

export function isUnsafeMethod(method: string): boolean {
  return !SAFE_METHODS.has(method.toUpperCase());
}

/**
 * fetch for the host's /api and /auth routes: same-origin cookie, Accept-Language, the CSRF header
 * on unsafe methods; a failed response becomes a thrown ApiProblem (with fieldErrors and rule),
 * a failure to reach the host a NetworkError.
 */
export async function apiFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
  // A path resolves against the page's origin (the host); outside a browser Request needs it spelt out.
  const target = typeof input === 'string' && input.startsWith('/') && globalThis.location ? new URL(input, globalThis.location.origin) : input;
  const request = new Request(target, init);
  const headers = new Headers(request.headers);
  headers.set('Accept-Language', getRequestLanguage());
  if (!headers.has('Accept')) headers.set('Accept', 'application/json, application/problem+json');
  const token = getCsrfToken();
  if (isUnsafeMethod(request.method) && token) headers.set('X-CSRF-Token', token);
  else headers.delete('X-CSRF-Token');

  let response: Response;
  try {
    response = await fetch(new Request(request, { headers, credentials: 'same-origin' }));
  } catch (error) {
    throw new NetworkError(error);
  }
  if (!response.ok) throw await problemFrom(response);
  return response;
}

/** JSON helpers for the host's own routes (/auth/…), which have no OpenAPI document. */
export async function getJson<T>(url: string): Promise<T> {
  const response = await apiFetch(url);
  return (await response.json()) as T;
}

export async function postJson<T = void>(url: string, body?: unknown): Promise<T> {
  const response = await apiFetch(url, {
    method: 'POST',
    headers: body === undefined ? undefined : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}
