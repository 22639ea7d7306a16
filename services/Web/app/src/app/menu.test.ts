import { describe, expect, it } from 'vitest';
import type { Me, Role } from '@/features/auth/api';
import { homeFor, menuFor } from './menu';

const as = (...roles: Role[]): Me => ({ personId: 'p', name: 'n', roles, csrfToken: 't' });

describe('the side menu', () => {
  it('sends each role home to the page of their day', () => {
    expect(homeFor(as('caseworker'))).toBe('/caseload');
    expect(homeFor(as('supervisor'))).toBe('/dashboard');
    expect(homeFor(as('coordinator'))).toBe('/dispatch');
    expect(homeFor(as('district-officer'))).toBe('/district/alarms');
    expect(homeFor(as('volunteer'))).toBe('/field/');
  });

  it('offers a volunteer nothing of the case work', () => {
    expect(menuFor(as('volunteer')).map((m) => m.path)).toEqual(['/inbox']);
    expect(menuFor(as('caseworker')).map((m) => m.path)).not.toContain('/approvals');
  });

  it('gives a district officer its district: alarms first, then its stations and reports, read-only', () => {
    expect(menuFor(as('district-officer')).map((m) => m.path)).toEqual(
      ['/district/alarms', '/district/stations', '/coverage', '/reports', '/district/audit', '/inbox', '/settings/notifications']);
  });

  it("sends a provider home to the referrals waiting for them, with their offers and inbox and no station's pages", () => {
    expect(homeFor(as('provider'))).toBe('/provider/referrals');
    expect(menuFor(as('provider')).map((m) => m.path)).toEqual(['/provider/referrals', '/provider/offers', '/provider/directory', '/inbox', '/settings/notifications']);
  });
});
