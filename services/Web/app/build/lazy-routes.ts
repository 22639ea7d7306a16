/** A page of the router whose code is its own chunk: its path pattern and the module it loads. */
export interface LazyRoute {
  path: string;
  module: string;
}

/**
 * The lazily loaded pages of src/app/router.tsx, read from its source: each route object written on
 * one line as `{ path: '…', lazy: … import('./routes/…') … }`. The build turns them into the chunks
 * the Web host preloads for a page's first load (src/app/router.test.ts keeps this in step with the router).
 */
export function lazyRoutes(routerSource: string): LazyRoute[] {
  const routes: LazyRoute[] = [];
  for (const line of routerSource.split('\n')) {
    const path = /\bpath:\s*'([^']+)'/.exec(line)?.[1];
    const module = /\bimport\('(\.\/routes\/[^']+)'\)/.exec(line)?.[1];
    if (path && module) routes.push({ path: path.replace(/^\//, ''), module });
  }
  return routes;
}
