import { describe, expect, it } from 'vitest';
import type { ReferralStatus, ReferralView } from '@/lib/api/responses';
import { currentReferral, holdsPlace, isOver } from './api';

const referral = (id: string, status: ReferralStatus) => ({ id, status }) as ReferralView;

describe('the referral that speaks for a need', () => {
  it('is the one still going, even when a newer one is over', () => {
    expect(currentReferral([referral('b', 'Declined'), referral('a', 'AwaitingAcceptance')])?.id).toBe('a');
  });

  it('is the latest when all are over, and none when there are none', () => {
    expect(currentReferral([referral('b', 'Expired'), referral('a', 'Declined')])?.id).toBe('b');
    expect(currentReferral([])).toBeUndefined();
  });

  it('holds a place once accepted and until the service ends', () => {
    expect(['Accepted', 'InService'].every((s) => holdsPlace(s as ReferralStatus))).toBe(true);
    expect(holdsPlace('AwaitingAcceptance')).toBe(false);
    expect(isOver('Completed') && !isOver('InService')).toBe(true);
  });
});
