import type { ReactNode } from 'react';
import { render } from '@testing-library/react';
import { QueryClient } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from '@/app/providers';
import { createI18n, type Language } from '@/lib/i18n';

/** Renders routes with the app's providers, as a person would reach them. */
export function renderRoutes(routes: RouteObject[], path: string, language: Language = 'zh-CN') {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  return render(
    <AppProviders i18n={createI18n(language)} queryClient={queryClient}>
      <RouterProvider router={router} />
    </AppProviders>,
  );
}

export function renderPage(element: ReactNode, language: Language = 'zh-CN') {
  return renderRoutes([{ path: '*', element }], '/', language);
}

/** A fetch answering by method and path; anything else is a 404 problem. */
export function fakeHost(routes: Record<string, unknown | ((request: Request) => unknown)>) {
  return async (input: Request) => {
    const url = new URL(input.url);
    const key = `${input.method} ${url.pathname}`;
    if (!(key in routes)) {
      return new Response(JSON.stringify({ status: 404 }), { status: 404, headers: { 'Content-Type': 'application/problem+json' } });
    }
    const value = routes[key];
    const answer = typeof value === 'function' ? await (value as (r: Request) => unknown)(input) : value;
    if (answer instanceof Response) return answer;
    return new Response(JSON.stringify(answer ?? {}), { status: 200, headers: { 'Content-Type': 'application/json' } });
  };
}
