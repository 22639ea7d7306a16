import type { ClientContact } from '@/lib/api/responses';

/** What the portal shows for a referral's client: the contact itself, or whom to call at the station. */
export type ContactView =
  | { kind: 'shared'; name: string; phone?: string; tel?: string; address?: string }
  | { kind: 'call'; station?: string; caseworker?: string };

/** A tel: link of the phone's digits (and a leading +), so that spaces or dashes as written still dial; none without digits. */
export function telHref(phone: string | null | undefined): string | undefined {
  const trimmed = phone?.trim() ?? '';
  const digits = trimmed.replace(/[^\d]/g, '');
  if (!digits) return undefined;
  return `tel:${trimmed.startsWith('+') ? '+' : ''}${digits}`;
}

const text = (value: string | null | undefined) => (value?.trim() ? value.trim() : undefined);

export function contactView(contact: ClientContact): ContactView {
  if (contact.shared && text(contact.name)) {
    return { kind: 'shared', name: text(contact.name)!, phone: text(contact.phone), tel: telHref(contact.phone), address: text(contact.address) };
  }
  return { kind: 'call', station: text(contact.station?.name), caseworker: text(contact.caseworker?.name) };
}
