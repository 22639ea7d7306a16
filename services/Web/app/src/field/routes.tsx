import { createBrowserRouter, Navigate, type RouteObject } from 'react-router';
import { useSession } from '@/app/session';
import { AvailabilityPage } from '@/features/field/AvailabilityPage';
import { TimeBankPage } from '@/features/field/TimeBankPage';
import { TodayPage } from '@/features/field/TodayPage';
import { FieldShell } from './FieldShell';

// Four small pages: one chunk, so all of them are precached and open offline.
function Today() { return <TodayPage volunteerId={useSession().personId} />; }
function Visits() { return <TodayPage volunteerId={useSession().personId} kind="CompanionshipVisit" />; }
function Availability() { return <AvailabilityPage volunteerId={useSession().personId} />; }
function Hours() { return <TimeBankPage volunteerId={useSession().personId} />; }

export const fieldRoutes: RouteObject[] = [
  {
    element: <FieldShell />,
    children: [
      { index: true, element: <Navigate to="/today" replace /> },
      { path: 'today', element: <Today /> },
      { path: 'visits', element: <Visits /> },
      { path: 'availability', element: <Availability /> },
      { path: 'hours', element: <Hours /> },
      { path: '*', element: <Navigate to="/today" replace /> },
    ],
  },
];

export function createFieldRouter() {
  return createBrowserRouter(fieldRoutes, { basename: '/field' });
}
