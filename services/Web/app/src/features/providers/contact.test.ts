import { describe, expect, it } from 'vitest';
import { contactView, telHref } from './contact';

describe('the client contact a provider sees', () => {
  it('shows a shared contact with its phone as a tel: link', () => {
    expect(contactView({ shared: true, name: '孙秀英', phone: '138 0000-1234', address: '南河堡村三组12号', note: '' })).toEqual({
      kind: 'shared', name: '孙秀英', phone: '138 0000-1234', tel: 'tel:13800001234', address: '南河堡村三组12号',
    });
  });

  it('keeps a leading + and gives no link without digits', () => {
    expect(telHref('+86 138-0000-1234')).toBe('tel:+8613800001234');
    expect(telHref('  ')).toBeUndefined();
    expect(telHref(null)).toBeUndefined();
  });

  it('says whom to call when the contact is not shared', () => {
    expect(contactView({ shared: false, station: { name: '南河堡乡社工站' }, caseworker: { name: '王芳' }, note: '' })).toEqual({
      kind: 'call', station: '南河堡乡社工站', caseworker: '王芳',
    });
    expect(contactView({ shared: false, station: { name: ' ' }, caseworker: null, note: '' })).toEqual({ kind: 'call', station: undefined, caseworker: undefined });
  });

  it('never shows a shared answer without a name as a contact', () => {
    expect(contactView({ shared: true, name: null, note: '' }).kind).toBe('call');
  });
});
