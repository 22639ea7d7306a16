import { describe, expect, it } from 'vitest';
import type { InboxItem } from '@/lib/api/responses';
import { concernsCase } from './NeedsTab';

const item = (caseId: string | null, parameters: Record<string, string> = {}) => ({ caseId, parameters }) as InboxItem;

describe('a notification concerns the case', () => {
  it('when it names the case, as a referral notification does', () => {
    expect(concernsCase(item('c1'), 'c1')).toBe(true);
    expect(concernsCase(item('c2'), 'c1')).toBe(false);
  });

  it('when a new resource lists the case among those it fits, and not for a case whose id merely starts alike', () => {
    expect(concernsCase(item(null, { cases: 'c0, c1' }), 'c1')).toBe(true);
    expect(concernsCase(item(null, { cases: 'c10' }), 'c1')).toBe(false);
    expect(concernsCase(item(null), 'c1')).toBe(false);
  });
});
