import type { TFunction } from 'i18next';

/** Every time the workbench shows is Beijing time, whatever the browser's own zone. */
export const BEIJING = 'Asia/Shanghai';

type Time = string | Date | null | undefined;

function toDate(value: Time): Date | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const date = value instanceof Date ? value : new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(language: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(language, { ...options, timeZone: BEIJING });
    formatters.set(key, found);
  }
  return found;
}

/** "2026/12/06 08:05" (zh-CN) or "12/06/2026, 08:05" (en), in Beijing time; "" for no time. */
export function formatDateTime(value: Time, language: string): string {
  const date = toDate(value);
  if (!date) return '';
  return formatter(language, {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(date);
}

/** The calendar day in Beijing: "2026/12/06". */
export function formatDate(value: Time, language: string): string {
  const date = toDate(value);
  if (!date) return '';
  return formatter(language, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** The start of a Beijing calendar day ("2026-12-01") as an instant: a "from" day includes all of it. */
export function startOfBeijingDay(isoDate: string): string {
  return new Date(`${isoDate}T00:00:00+08:00`).toISOString();
}

/** The end of a Beijing calendar day ("2026-12-01") as an instant: "as of" or "to" that day includes all of it. */
export function endOfBeijingDay(isoDate: string): string {
  return new Date(`${isoDate}T23:59:59.999+08:00`).toISOString();
}

/** The ISO date (yyyy-mm-dd) of an instant in Beijing, e.g. for a day's deliveries. */
export function beijingIsoDate(value: Time): string {
  const date = toDate(value);
  if (!date) return '';
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: BEIJING, year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(date);
  const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('year')}-${part('month')}-${part('day')}`;
}

export type Risk = 'High' | 'Medium' | 'Low';
export type NotificationUrgency = 'Urgent' | 'Normal';
export type NeedUrgency = 'Urgent' | 'Soon' | 'Routine';

/** The risk's words (never its colour alone): 高风险 … ; a case not yet assessed says so. */
export function riskLabel(t: TFunction, risk: Risk | null | undefined): string {
  return t(risk ? `risk.${risk}` : 'risk.unknown');
}

export function urgencyLabel(t: TFunction, urgency: NotificationUrgency | NeedUrgency | string): string {
  return t(`urgency.${urgency}`, { defaultValue: urgency });
}

/** A status colour for a risk level (antd Tag preset), shown with its icon and label. */
export function riskColour(risk: Risk | null | undefined): string {
  switch (risk) {
    case 'High': return 'error';
    case 'Medium': return 'warning';
    case 'Low': return 'success';
    default: return 'default';
  }
}

/** A short id for people to read aloud: the first 8 hex digits. */
export function shortId(id: string): string {
  return id.slice(0, 8);
}
