import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { Forbidden, NotFound } from '@/components/ResultPages';
import { AppLayout } from './AppLayout';
import { FIELD_HOME, homeFor } from './menu';
import { useSession } from './session';

/** A path of the volunteer's phone app reached inside the workbench (after signing in): load that app's page. */
function FieldPage() {
  window.location.replace(window.location.pathname + window.location.search);
  return null;
}

function Home() {
  const home = homeFor(useSession());
  if (home === FIELD_HOME) {
    window.location.replace(home);
    return null;
  }
  return <Navigate to={home} replace />;
}

// Every page is its own chunk (route-level code splitting); the layout and sign-in gate are not.
export const routes: RouteObject[] = [
  { path: '/sign-in', lazy: () => import('./routes/sign-in') },
  { path: '/field/*', element: <FieldPage /> },
  {
    element: <AppLayout />,
    children: [
      { index: true, element: <Home /> },
      { path: 'caseload', lazy: () => import('./routes/caseload') },
      { path: 'clients', lazy: () => import('./routes/clients') },
      { path: 'alarms', lazy: async () => ({ Component: (await import('./routes/alarms')).StationAlarms }) },
      { path: 'district/alarms', lazy: async () => ({ Component: (await import('./routes/alarms')).DistrictAlarms }) },
      { path: 'district/stations', lazy: () => import('./routes/district-stations') },
      { path: 'district/stations/:stationId', lazy: () => import('./routes/district-stations') },
      { path: 'district/audit', lazy: () => import('./routes/district-audit') },
      { path: 'roster', lazy: () => import('./routes/roster') },
      { path: 'inbox', lazy: () => import('./routes/inbox') },
      { path: 'settings/notifications', lazy: () => import('./routes/notification-settings') },
      { path: 'households/new', lazy: () => import('./routes/register-household') },
      { path: 'cases/:id', lazy: () => import('./routes/case-file') },
      { path: 'cases/:id/:tab', lazy: () => import('./routes/case-file') },
      { path: 'approvals', lazy: () => import('./routes/approvals') },
      { path: 'dashboard', lazy: () => import('./routes/dashboard') },
      { path: 'overdue-visits', lazy: () => import('./routes/overdue-visits') },
      { path: 'open-needs', lazy: () => import('./routes/open-needs') },
      { path: 'situation-map', lazy: () => import('./routes/situation-map') },
      { path: 'coverage', lazy: () => import('./routes/coverage') },
      { path: 'audit', lazy: () => import('./routes/audit') },
      { path: 'reports', lazy: () => import('./routes/reports') },
      { path: 'provider/referrals', lazy: () => import('./routes/provider-referrals') },
      { path: 'provider/offers', lazy: () => import('./routes/provider-offers') },
      { path: 'provider/directory', lazy: () => import('./routes/provider-directory') },
      { path: 'dispatch', lazy: () => import('./routes/dispatch') },
      { path: 'volunteers', lazy: () => import('./routes/volunteers') },
      { path: 'forbidden', element: <Forbidden /> },
      { path: '*', element: <NotFound /> },
    ],
  },
];

export function createRouter() {
  return createBrowserRouter(routes);
}
