import { describe, expect, it } from 'vitest';
import { fileNameFrom, reportUrl } from '@/lib/report-download';
import { monthFrom, monthOf, recentMonths } from './report-month';

describe('report months', () => {
  const today = new Date(2026, 11, 7);

  it('names a month as yyyy-MM', () => {
    expect(monthOf(today)).toBe('2026-12');
    expect(monthOf(new Date(2027, 0, 31))).toBe('2027-01');
  });

  it('offers the recent months newest first, across a year and never before 2020-01', () => {
    expect(recentMonths(today, 3)).toEqual(['2026-12', '2026-11', '2026-10']);
    expect(recentMonths(new Date(2027, 0, 3), 2)).toEqual(['2027-01', '2026-12']);
    expect(recentMonths(new Date(2020, 1, 1), 5)).toEqual(['2020-02', '2020-01']);
  });

  it('takes the month from the address bar only when the services would', () => {
    expect(monthFrom('2026-11', today)).toBe('2026-11');
    expect(monthFrom(null, today)).toBe('2026-12');
    expect(monthFrom('2027-01', today)).toBe('2026-12');
    expect(monthFrom('2019-12', today)).toBe('2026-12');
    expect(monthFrom('2026-13', today)).toBe('2026-12');
    expect(monthFrom('2026-1', today)).toBe('2026-12');
  });
});

describe('report downloads', () => {
  it('builds the host address with the query and the format, leaving out what is unset', () => {
    expect(reportUrl('cases', '/statistics', { month: '2026-12', district: undefined }, 'xlsx'))
      .toBe('/api/cases/statistics?month=2026-12&format=xlsx');
  });

  it('reads the Chinese file name the service gave, then the plain one, then the fallback', () => {
    const header = "attachment; filename=\"____2026-12.xlsx\"; filename*=UTF-8''%E6%9C%8D%E5%8A%A1%E5%8F%B0%E8%B4%A6_2026-12.xlsx";
    expect(fileNameFrom(header, 'x.xlsx')).toBe('服务台账_2026-12.xlsx');
    expect(fileNameFrom('attachment; filename=ledger.csv', 'x.csv')).toBe('ledger.csv');
    expect(fileNameFrom("attachment; filename*=UTF-8''%E0%A4%A", 'x.csv')).toBe('x.csv');
    expect(fileNameFrom(null, 'x.csv')).toBe('x.csv');
  });
});
