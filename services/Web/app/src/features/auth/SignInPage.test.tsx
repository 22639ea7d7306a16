import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeHost, renderRoutes } from '@/test/render';
import SignInPage from './SignInPage';

const people = [
  { personId: 'a1', name: '王芳', role: 'caseworker', stationId: 's1', stationName: '广陵镇社工站', districtCode: '321002' },
  { personId: 'a2', name: '李强', role: 'supervisor', stationId: 's1', stationName: '广陵镇社工站', districtCode: '321002' },
  { personId: 'a3', name: '赵敏', role: 'district-officer', districtCode: '321002' },
];

afterEach(() => vi.unstubAllGlobals());

describe('sign-in', () => {
  it('lists demo people by station and district and signs the chosen one in', async () => {
    let signedIn: string | undefined;
    vi.stubGlobal('fetch', vi.fn(fakeHost({
      'GET /auth/me': () => signedIn
        ? { personId: signedIn, name: '王芳', roles: ['caseworker'], stationId: 's1', districtCode: '321002', csrfToken: 't' }
        : new Response(null, { status: 401 }),
      'GET /auth/demo-people': people,
      'POST /auth/demo-sign-in': async (request: Request) => { signedIn = ((await request.json()) as { personId: string }).personId; return {}; },
    })));

    renderRoutes([
      { path: '/sign-in', element: <SignInPage /> },
      { path: '/caseload', element: <p>home</p> },
    ], '/sign-in?returnUrl=%2Fcaseload');

    expect(await screen.findByRole('heading', { name: '广陵镇社工站' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: '区县民政 · 321002' })).toBeInTheDocument();

    await userEvent.type(screen.getByRole('searchbox', { name: '搜索演示人员' }), '赵');
    await waitFor(() => expect(screen.queryByRole('button', { name: /王芳/ })).not.toBeInTheDocument());
    await userEvent.clear(screen.getByRole('searchbox', { name: '搜索演示人员' }));

    // The accessible name starts with the visible text (WCAG 2.5.3, axe's label-content-name-mismatch).
    const wang = screen.getByRole('button', { name: '王芳 · 社工：以此身份登录' });
    expect(wang.getAttribute('aria-label')).toContain(wang.textContent?.trim());
    await userEvent.click(wang);
    expect(await screen.findByText('home')).toBeInTheDocument();
    expect(signedIn).toBe('a1');
  });

  it('offers the identity service where there are no demo people', async () => {
    vi.stubGlobal('fetch', vi.fn(fakeHost({ 'GET /auth/me': new Response(null, { status: 401 }) })));
    renderRoutes([{ path: '/sign-in', element: <SignInPage /> }], '/sign-in', 'en');
    const link = await screen.findByRole('link', { name: /Sign in/ });
    expect(link).toHaveAttribute('href', '/auth/sign-in?returnUrl=%2F');
  });
});
