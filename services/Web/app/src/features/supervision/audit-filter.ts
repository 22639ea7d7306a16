import { endOfBeijingDay, startOfBeijingDay } from '@/lib/format';
import type { Dayjs } from 'dayjs';
import type { AuditFilter } from './api';

export interface AuditFormValues {
  breakGlass?: boolean;
  readerId?: string;
  recordId?: string;
  period?: [Dayjs | null, Dayjs | null];
}

/** The audit's filter as the address bar keeps it, so a filtered view can be linked and reloaded. */
export function auditFilterFrom(search: URLSearchParams): Omit<AuditFilter, 'pageSize'> {
  const text = (key: string) => search.get(key)?.trim() || undefined;
  const page = Number(search.get('page'));
  return {
    breakGlass: search.get('breakGlass') === 'true' ? true : undefined,
    readerId: text('readerId'),
    recordId: text('recordId'),
    from: text('from'),
    to: text('to'),
    page: Number.isInteger(page) && page > 0 ? page : 1,
  };
}

/** The form's values as the address bar's query (a new filter starts at page 1). */
export function auditSearchFrom(values: AuditFormValues): Record<string, string> {
  const search: Record<string, string> = {};
  if (values.breakGlass) search.breakGlass = 'true';
  if (values.readerId?.trim()) search.readerId = values.readerId.trim();
  if (values.recordId?.trim()) search.recordId = values.recordId.trim();
  const [from, to] = values.period ?? [null, null];
  if (from) search.from = from.format('YYYY-MM-DD');
  if (to) search.to = to.format('YYYY-MM-DD');
  return search;
}

/** The filter as the service takes it: a day "from" is its Beijing midnight, a day "to" runs to that day's end. */
export function auditQuery<T extends { from?: string; to?: string }>(filter: T): T {
  return {
    ...filter,
    from: filter.from ? startOfBeijingDay(filter.from) : undefined,
    to: filter.to ? endOfBeijingDay(filter.to) : undefined,
  };
}
