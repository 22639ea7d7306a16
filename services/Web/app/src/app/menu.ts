import type { Me, Role } from '@/features/auth/api';

export interface MenuEntry {
  path: string;
  labelKey: string;
  roles: Role[];
}

/** The side menu, by role, in the order of a working day; the first entry a person may open is their home (a supervisor's: the dashboard). */
export const MENU: MenuEntry[] = [
  { path: '/caseload', labelKey: 'nav.caseload', roles: ['caseworker'] },
  { path: '/dashboard', labelKey: 'nav.dashboard', roles: ['supervisor'] },
  { path: '/approvals', labelKey: 'nav.approvals', roles: ['supervisor'] },
  { path: '/dispatch', labelKey: 'nav.dispatch', roles: ['coordinator', 'supervisor'] },
  { path: '/clients', labelKey: 'nav.clients', roles: ['caseworker', 'supervisor'] },
  { path: '/alarms', labelKey: 'nav.alarms', roles: ['supervisor', 'coordinator', 'caseworker', 'admin'] },
  { path: '/households/new', labelKey: 'nav.registerHousehold', roles: ['caseworker', 'supervisor'] },
  { path: '/district/alarms', labelKey: 'nav.districtAlarms', roles: ['district-officer', 'admin'] },
  { path: '/district/stations', labelKey: 'nav.districtStations', roles: ['district-officer'] },
  { path: '/overdue-visits', labelKey: 'nav.overdueVisits', roles: ['supervisor'] },
  { path: '/open-needs', labelKey: 'nav.openNeeds', roles: ['supervisor'] },
  { path: '/situation-map', labelKey: 'nav.situationMap', roles: ['supervisor'] },
  { path: '/coverage', labelKey: 'nav.coverage', roles: ['supervisor', 'district-officer', 'admin'] },
  { path: '/reports', labelKey: 'nav.reports', roles: ['supervisor', 'district-officer', 'admin'] },
  { path: '/district/audit', labelKey: 'nav.districtAudit', roles: ['district-officer'] },
  { path: '/audit', labelKey: 'nav.audit', roles: ['supervisor'] },
  { path: '/roster', labelKey: 'nav.roster', roles: ['supervisor', 'admin'] },
  { path: '/volunteers', labelKey: 'nav.volunteers', roles: ['coordinator', 'supervisor'] },
  { path: '/provider/referrals', labelKey: 'nav.providerReferrals', roles: ['provider'] },
  { path: '/provider/offers', labelKey: 'nav.providerOffers', roles: ['provider'] },
  { path: '/provider/directory', labelKey: 'nav.providerDirectory', roles: ['provider'] },
  { path: '/inbox', labelKey: 'nav.inbox', roles: ['caseworker', 'supervisor', 'coordinator', 'district-officer', 'admin', 'provider', 'volunteer'] },
  { path: '/settings/notifications', labelKey: 'nav.notificationSettings', roles: ['caseworker', 'supervisor', 'coordinator', 'district-officer', 'admin', 'provider'] },
];

export function menuFor(me: Me): MenuEntry[] {
  return MENU.filter((entry) => entry.roles.some((role) => me.roles.includes(role)));
}

/** The volunteer's phone app: another entry of the host, so reached by loading its page. */
export const FIELD_HOME = '/field/';

export function homeFor(me: Me): string {
  if (me.roles.length > 0 && me.roles.every((role) => role === 'volunteer')) return FIELD_HOME;
  return menuFor(me)[0]?.path ?? '/inbox';
}
