import dayjs from 'dayjs';
import { describe, expect, it } from 'vitest';
import { auditFilterFrom, auditQuery, auditSearchFrom } from './audit-filter';

describe("the audit's filter in the address bar", () => {
  it('reads what is there and starts at page 1', () => {
    expect(auditFilterFrom(new URLSearchParams('breakGlass=true&readerId=%20r1%20&from=2026-12-01'))).toEqual({
      breakGlass: true, readerId: 'r1', recordId: undefined, from: '2026-12-01', to: undefined, page: 1,
    });
    expect(auditFilterFrom(new URLSearchParams('page=3')).page).toBe(3);
    expect(auditFilterFrom(new URLSearchParams('page=-2')).page).toBe(1);
    expect(auditFilterFrom(new URLSearchParams('breakGlass=false')).breakGlass).toBeUndefined();
  });

  it('writes only what is set, dates as days, and round-trips', () => {
    const search = auditSearchFrom({ breakGlass: true, readerId: ' ', period: [dayjs('2026-12-01T10:00'), null] });
    expect(search).toEqual({ breakGlass: 'true', from: '2026-12-01' });
    expect(auditFilterFrom(new URLSearchParams(search))).toMatchObject({ breakGlass: true, from: '2026-12-01', page: 1 });
  });
});

describe("the audit's query to the service", () => {
  it('bounds the chosen days in Beijing time, whole days', () => {
    expect(auditQuery({ from: '2026-12-01', to: '2026-12-02', page: 1 })).toEqual({
      from: '2026-11-30T16:00:00.000Z', to: '2026-12-02T15:59:59.999Z', page: 1,
    });
  });
});
