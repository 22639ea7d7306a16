import { describe, expect, it } from 'vitest';
import i18next from 'i18next';
import { resources } from '@/lib/i18n';
import { countdown, countdownText } from './countdown';

const now = new Date('2026-12-06T08:00:00Z');
const after = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

async function translator(language: 'zh-CN' | 'en') {
  const instance = i18next.createInstance();
  await instance.init({ lng: language, resources, interpolation: { escapeValue: false } });
  return instance.t;
}

describe('a referral deadline counted down', () => {
  it('splits what is left into days, hours and minutes', () => {
    expect(countdown(after(27 * 60 + 5), now)).toEqual({ overdue: false, days: 1, hours: 3, minutes: 5, urgency: 'calm' });
  });

  it('is soon within a day and late once passed, counting the passed minutes up', () => {
    expect(countdown(after(24 * 60), now)?.urgency).toBe('soon');
    expect(countdown(after(-0.5), now)).toEqual({ overdue: true, days: 0, hours: 0, minutes: 1, urgency: 'late' });
  });

  it('has nothing to count without a readable deadline', () => {
    expect(countdown(null, now)).toBeUndefined();
    expect(countdown('not a date', now)).toBeUndefined();
  });

  it('reads as the two largest units in Chinese and English', async () => {
    const zh = await translator('zh-CN');
    const en = await translator('en');
    expect(countdownText(zh, countdown(after(27 * 60 + 5), now)!)).toBe('还剩 1 天 3 小时');
    expect(countdownText(zh, countdown(after(-25), now)!)).toBe('已超时 25 分钟');
    expect(countdownText(en, countdown(after(2 * 60 + 1), now)!)).toBe('2 hours 1 minute left');
    expect(countdownText(en, countdown(after(0.5), now)!)).toBe('under a minute left');
  });
});
