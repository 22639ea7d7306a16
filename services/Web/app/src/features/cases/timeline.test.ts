import { describe, expect, it } from 'vitest';
import type { TimelineEntry } from '@/lib/api/responses';
import { endOfBeijingDay } from '@/lib/format';
import { entriesAsOf } from './TimelineTab';

const entry = (version: number, recordedAt: string): TimelineEntry =>
  ({ version, at: recordedAt, recordedAt, kind: 'Test', by: null, summary: `entry ${version}` });

describe('the timeline as of a day', () => {
  it('ends the day at midnight in Beijing, whatever the browser zone', () => {
    expect(endOfBeijingDay('2026-12-01')).toBe('2026-12-01T15:59:59.999Z');
  });

  it('keeps what the store had recorded by then, and everything without a day', () => {
    const entries = [entry(1, '2026-12-01T01:00:00Z'), entry(2, '2026-12-01T15:59:59Z'), entry(3, '2026-12-01T16:00:00Z')];
    expect(entriesAsOf(entries, endOfBeijingDay('2026-12-01')).map((e) => e.version)).toEqual([1, 2]);
    expect(entriesAsOf(entries, endOfBeijingDay('2026-11-30'))).toEqual([]);
    expect(entriesAsOf(entries, null)).toHaveLength(3);
  });
});
