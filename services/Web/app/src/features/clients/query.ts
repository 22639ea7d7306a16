/**
 * How a search text is read, as the Cases service reads it (ClientKeys.KindOf): an 18-character
 * resident ID number, else the digits of a phone, else a full name. The page shows the kind as
 * the person types and refuses a query too short to be any of them before asking the server.
 */
export type ClientQueryKind = 'Name' | 'IdNumber' | 'Phone';

export const MINIMUM_LENGTH = 2;

const compact = (query: string) => query.replace(/\s/g, '').toUpperCase();

export function queryKindOf(query: string): ClientQueryKind {
  const text = compact(query);
  if (/^\d{17}[\dX]$/.test(text)) return 'IdNumber';
  if (/\d/.test(text) && /^[\d+\-()]+$/.test(text)) return 'Phone';
  return 'Name';
}

/** The characters that count: a phone's digits, a name without spaces or middle dots. */
export function significantLength(query: string): number {
  return queryKindOf(query) === 'Phone'
    ? query.replace(/\D/g, '').length
    : compact(query).replace(/[·•・]/g, '').length;
}

export function isSearchable(query: string): boolean {
  return significantLength(query) >= MINIMUM_LENGTH;
}
