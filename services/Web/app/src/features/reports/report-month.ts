/** The months a report may be asked for, as yyyy-MM: the services take 2020-01 up to this month. */
export const EARLIEST_MONTH = '2020-01';

export function monthOf(day: Date): string {
  return `${day.getFullYear()}-${String(day.getMonth() + 1).padStart(2, '0')}`;
}

/** The last `count` months up to this one, newest first, never before 2020-01. */
export function recentMonths(today: Date, count: number): string[] {
  const months: string[] = [];
  for (let i = 0; i < count; i++) {
    const month = monthOf(new Date(today.getFullYear(), today.getMonth() - i, 1));
    if (month < EARLIEST_MONTH) break;
    months.push(month);
  }
  return months;
}

/** The month in the address bar when it is one the services take, else this month. */
export function monthFrom(value: string | null, today: Date): string {
  const current = monthOf(today);
  return value && /^\d{4}-(0[1-9]|1[0-2])$/.test(value) && value >= EARLIEST_MONTH && value <= current ? value : current;
}
