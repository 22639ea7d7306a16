import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { apiFetch, isUnsafeMethod } from './fetch';
import { ApiProblem, camelCaseField, NetworkError, parseRetryAfter } from './problem';
import { setCsrfToken, setRequestLanguage } from './session-headers';

const sent: Request[] = [];

function answer(response: Response) {
  vi.stubGlobal('fetch', vi.fn(async (request: Request) => {
    sent.push(request);
    return response.clone();
  }));
}

beforeEach(() => {
  sent.length = 0;
  setCsrfToken('token-123');
  setRequestLanguage('zh-CN');
  answer(new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
});

afterEach(() => {
  vi.unstubAllGlobals();
  setCsrfToken(undefined);
});

describe('apiFetch', () => {
  it.each(['POST', 'PUT', 'PATCH', 'DELETE'])('sends the CSRF token on %s', async (method) => {
    await apiFetch('http://localhost/api/cases/x', { method });
    expect(sent[0]!.headers.get('X-CSRF-Token')).toBe('token-123');
  });

  it.each(['GET', 'HEAD', 'OPTIONS'])('does not send the CSRF token on %s', async (method) => {
    await apiFetch('http://localhost/api/cases/x', { method });
    expect(sent[0]!.headers.get('X-CSRF-Token')).toBeNull();
  });

  it('strips a CSRF header a caller set on a safe method', async () => {
    await apiFetch('http://localhost/api/cases/x', { headers: { 'X-CSRF-Token': 'leak' } });
    expect(sent[0]!.headers.get('X-CSRF-Token')).toBeNull();
  });

  it('sends the chosen language and the same-origin cookie', async () => {
    setRequestLanguage('en');
    await apiFetch(new Request('http://localhost/api/notifications/inbox'));
    expect(sent[0]!.headers.get('Accept-Language')).toBe('en');
    expect(sent[0]!.credentials).toBe('same-origin');
  });

  it('keeps the body of an unsafe request', async () => {
    await apiFetch('http://localhost/api/cases/stations/1/staff', {
      method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ personId: 'p' }),
    });
    expect(await sent[0]!.json()).toEqual({ personId: 'p' });
  });

  it('turns a validation problem into fieldErrors in camelCase', async () => {
    answer(new Response(JSON.stringify({
      type: 'https://tools.ietf.org/html/rfc9110#section-15.5.1', title: 'One or more validation errors occurred.', status: 400,
      errors: { PersonId: ['is required and must be a non-empty id.'], 'Members[0].BirthDate': ['is required.'], role: ['is required.'] },
    }), { status: 400, headers: { 'Content-Type': 'application/problem+json' } }));

    const error = await apiFetch('http://localhost/api/cases/x', { method: 'POST' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiProblem);
    const problem = error as ApiProblem;
    expect(problem.status).toBe(400);
    expect(problem.fieldErrors).toEqual({
      personId: ['is required and must be a non-empty id.'],
      'members[0].birthDate': ['is required.'],
      role: ['is required.'],
    });
  });

  it('carries the rule of a 422 and the Retry-After of a 429', async () => {
    answer(new Response(JSON.stringify({ status: 422, detail: 'Capacity is used up.', rule: 'offer-capacity' }),
      { status: 422, headers: { 'Content-Type': 'application/problem+json' } }));
    const refused = (await apiFetch('http://localhost/api/matching/x', { method: 'POST' }).catch((e: unknown) => e)) as ApiProblem;
    expect(refused.rule).toBe('offer-capacity');
    expect(refused.detail).toBe('Capacity is used up.');

    answer(new Response(JSON.stringify({ status: 429, rule: 'rate-limit' }),
      { status: 429, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '12' } }));
    const limited = (await apiFetch('http://localhost/api/matching/x').catch((e: unknown) => e)) as ApiProblem;
    expect(limited.status).toBe(429);
    expect(limited.retryAfter).toBe(12);
  });

  it('gives the status of a failure without a problem body', async () => {
    answer(new Response('gateway down', { status: 502, headers: { 'Content-Type': 'text/plain' } }));
    const error = (await apiFetch('http://localhost/api/x').catch((e: unknown) => e)) as ApiProblem;
    expect(error.status).toBe(502);
    expect(error.fieldErrors).toEqual({});
  });

  it('reports a network failure as a NetworkError', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => { throw new TypeError('Failed to fetch'); }));
    await expect(apiFetch('http://localhost/api/x')).rejects.toBeInstanceOf(NetworkError);
  });
});

describe('problem helpers', () => {
  it('knows the unsafe methods', () => {
    expect(isUnsafeMethod('post')).toBe(true);
    expect(isUnsafeMethod('GET')).toBe(false);
  });

  it('camel-cases field paths', () => {
    expect(camelCaseField('Address.GridCode')).toBe('address.gridCode');
    expect(camelCaseField('$.personId')).toBe('personId');
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('30')).toBe(30);
    expect(parseRetryAfter(new Date(Date.UTC(2026, 0, 1, 0, 1)).toUTCString(), Date.UTC(2026, 0, 1))).toBe(60);
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
