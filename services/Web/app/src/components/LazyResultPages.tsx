import { lazy, Suspense, type ComponentProps } from 'react';

// antd's Result carries its illustrations inline (tens of KB): pages that show it only when
// something went wrong load it then, which keeps it out of the phone app's first download.
const pages = () => import('./ResultPages');
const ForbiddenPage = lazy(() => pages().then((m) => ({ default: m.Forbidden })));
const NotFoundPage = lazy(() => pages().then((m) => ({ default: m.NotFound })));

export function LazyForbidden(props: ComponentProps<typeof ForbiddenPage>) {
  return <Suspense fallback={null}><ForbiddenPage {...props} /></Suspense>;
}

export function LazyNotFound() {
  return <Suspense fallback={null}><NotFoundPage /></Suspense>;
}
