import type { TFunction } from 'i18next';

/** How long is left to answer a referral, or how long ago its deadline passed, in whole minutes. */
export interface Countdown {
  overdue: boolean;
  days: number;
  hours: number;
  minutes: number;
  /** calm: more than a day left; soon: a day or less; late: past the deadline. */
  urgency: 'calm' | 'soon' | 'late';
}

const MINUTE = 60_000;
const DAY_MINUTES = 24 * 60;

/** The time between now and a deadline, split for reading; undefined for no (or an unreadable) deadline. */
export function countdown(dueAt: string | null | undefined, now: Date): Countdown | undefined {
  if (!dueAt) return undefined;
  const due = new Date(dueAt).getTime();
  if (Number.isNaN(due)) return undefined;
  const left = due - now.getTime();
  const overdue = left < 0;
  // Rounded towards the deadline's side a person cares about: 59.5 s left is "under a minute", not "1 minute".
  const total = overdue ? Math.ceil(-left / MINUTE) : Math.floor(left / MINUTE);
  return {
    overdue,
    days: Math.floor(total / DAY_MINUTES),
    hours: Math.floor((total % DAY_MINUTES) / 60),
    minutes: total % 60,
    urgency: overdue ? 'late' : total <= DAY_MINUTES ? 'soon' : 'calm',
  };
}

/** "还剩 1 天 3 小时" / "已超时 25 分钟": the largest two units that are not zero, in the reader's language. */
export function countdownText(t: TFunction, value: Countdown): string {
  const parts: string[] = [];
  if (value.days > 0) parts.push(t('providers.countdown.days', { count: value.days }));
  if (value.hours > 0) parts.push(t('providers.countdown.hours', { count: value.hours }));
  if (value.days === 0 && value.minutes > 0) parts.push(t('providers.countdown.minutes', { count: value.minutes }));
  const span = parts.slice(0, 2).join(' ') || t('providers.countdown.underAMinute');
  return t(value.overdue ? 'providers.countdown.overdue' : 'providers.countdown.left', { span });
}
