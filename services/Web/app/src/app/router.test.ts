import type { RouteObject } from 'react-router';
import { describe, expect, it } from 'vitest';
import { lazyRoutes } from '../../build/lazy-routes';
import routerSource from './router.tsx?raw';
import { routes } from './router';

function lazyPaths(tree: RouteObject[]): string[] {
  return tree.flatMap((r) => [...(r.lazy && r.path ? [r.path.replace(/^\//, '')] : []), ...lazyPaths(r.children ?? [])]);
}

describe('the pages the Web host preloads on a first visit', () => {
  it('are read from the router for every page that is its own chunk, each with its module', () => {
    const read = lazyRoutes(routerSource);
    expect(read.map((r) => r.path).sort()).toEqual(lazyPaths(routes).sort());
    expect(read.find((r) => r.path === 'cases/:id')?.module).toBe('./routes/case-file');
    expect(read.find((r) => r.path === 'district/alarms')?.module).toBe('./routes/alarms');
  });

  it('are not read from a route that loads no page module', () => {
    expect(lazyRoutes("{ path: '/field/*', element: <FieldPage /> },\n{ path: 'x', lazy: () => import('./routes/x') },")).toEqual([{ path: 'x', module: './routes/x' }]);
  });
});
