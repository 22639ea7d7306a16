import { describe, expect, it } from 'vitest';
import { createI18n } from './i18n';
import { beijingIsoDate, formatDate, formatDateTime, riskLabel, urgencyLabel } from './format';

describe('Beijing time', () => {
  // 2026-12-05T18:30Z is 02:30 on 6 December in Beijing (UTC+8), whatever the machine's zone.
  const instant = '2026-12-05T18:30:00Z';

  it('shows an instant in Beijing time', () => {
    expect(formatDateTime(instant, 'zh-CN')).toBe('2026/12/06 02:30');
    expect(formatDateTime('2026-12-06T02:30:00+08:00', 'zh-CN')).toBe('2026/12/06 02:30');
  });

  it('shows the Beijing calendar day in English too', () => {
    expect(formatDate(instant, 'en')).toBe('12/06/2026');
    expect(formatDateTime(instant, 'en')).toContain('02:30');
  });

  it('gives the ISO date of the Beijing day', () => {
    expect(beijingIsoDate(instant)).toBe('2026-12-06');
  });

  it('shows nothing for no time or a bad one', () => {
    expect(formatDateTime(null, 'zh-CN')).toBe('');
    expect(formatDate('not a date', 'zh-CN')).toBe('');
  });
});

describe('labels', () => {
  it('names risk levels in both languages', () => {
    const zh = createI18n('zh-CN');
    const en = createI18n('en');
    expect(riskLabel(zh.t, 'High')).toBe('高风险');
    expect(riskLabel(zh.t, null)).toBe('未评估');
    expect(riskLabel(en.t, 'Medium')).toBe('Medium risk');
    expect(riskLabel(en.t, undefined)).toBe('Not assessed');
  });

  it('names urgencies in both languages', () => {
    expect(urgencyLabel(createI18n('zh-CN').t, 'Urgent')).toBe('紧急');
    expect(urgencyLabel(createI18n('en').t, 'Routine')).toBe('Routine');
  });
});
