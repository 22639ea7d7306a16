import { describe, expect, it } from 'vitest';
import type { PreferencesView } from '@/lib/api/responses';
import { toRequest, toValues } from './api';

const view: PreferencesView = {
  userId: '0193a000-0000-7000-8000-000000000001',
  channels: ['InApp', 'Sms', 'WeChat'],
  language: 'zh-CN',
  phone: '13812345678',
  email: null,
  quietFrom: '22:00',
  quietTo: '07:00',
  smsRules: ['missed-meal'],
  timeZone: 'Asia/Shanghai',
  version: 3,
};

describe('notification settings', () => {
  it('shows only the channels a person chooses here (in-app is always on, WeChat comes from the binding)', () => {
    expect(toValues(view)).toEqual({ channels: ['Sms'], phone: '13812345678', email: undefined, quietFrom: '22:00', quietTo: '07:00', language: 'zh-CN' });
  });

  it('sends the whole set back, in-app first, blanks as null, keeping what the form does not show', () => {
    const request = toRequest({ channels: ['Sms', 'Email'], phone: ' 13812345678 ', email: 'li@example.cn', quietFrom: '', language: 'en' }, view);
    expect(request).toEqual({
      channels: ['InApp', 'Sms', 'Email'], phone: '13812345678', email: 'li@example.cn', quietFrom: null, quietTo: null,
      language: 'en', smsRules: ['missed-meal'], timeZone: 'Asia/Shanghai',
    });
  });
});
