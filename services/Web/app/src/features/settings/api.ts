import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, notificationsApi } from '@/lib/api/clients';
import { getJson } from '@/lib/api/fetch';
import type { Channel, PreferencesView, WeChatBindingView } from '@/lib/api/responses';

const preferencesKey = ['notifications', 'preferences'] as const;
const bindingKey = ['notifications', 'wechat-binding'] as const;

/** Where the Web host's WeChat sign-in starts; it comes back to this page with ?wechat=bound. */
export const WECHAT_BIND_URL = '/auth/wechat/bind';

export function usePreferences() {
  return useQuery({ queryKey: preferencesKey, queryFn: () => body<PreferencesView>(notificationsApi.GET('/preferences')) });
}

export function useWeChatBinding() {
  return useQuery({ queryKey: bindingKey, queryFn: () => body<WeChatBindingView>(notificationsApi.GET('/wechat-binding')) });
}

/** The channels a person chooses here; in-app is always on, WeChat comes from the binding. */
export type ChosenChannel = Exclude<Channel, 'InApp' | 'WeChat'>;

export interface PreferencesValues {
  channels: ChosenChannel[];
  phone?: string;
  email?: string;
  quietFrom?: string;
  quietTo?: string;
  language: string;
}

/** The form's values from what the server holds. */
export function toValues(view: PreferencesView): PreferencesValues {
  return {
    channels: view.channels.filter((c): c is ChosenChannel => c !== 'InApp' && c !== 'WeChat'),
    phone: view.phone ?? undefined,
    email: view.email ?? undefined,
    quietFrom: view.quietFrom ?? undefined,
    quietTo: view.quietTo ?? undefined,
    language: view.language,
  };
}

/** What PUT /preferences is sent: the whole set (it replaces), keeping what this form does not show (SMS rules, time zone). */
export function toRequest(values: PreferencesValues, current: PreferencesView) {
  const blank = (text?: string) => (text?.trim() ? text.trim() : null);
  return {
    channels: ['InApp' as Channel, ...values.channels],
    phone: blank(values.phone),
    email: blank(values.email),
    quietFrom: blank(values.quietFrom),
    quietTo: blank(values.quietTo),
    language: values.language,
    smsRules: current.smsRules ?? null,
    timeZone: current.timeZone,
  };
}

export function useSavePreferences(current: PreferencesView) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (values: PreferencesValues) =>
      body<PreferencesView>(notificationsApi.PUT('/preferences', { body: toRequest(values, current) })),
    onSuccess: (saved) => queryClient.setQueryData(preferencesKey, saved),
  });
}

/** Whether this installation has a WeChat official account (the Web host's own endpoint). */
export function useWeChatChannel() {
  return useQuery({ queryKey: ['auth', 'wechat'], queryFn: () => getJson<{ enabled: boolean }>('/auth/wechat'), staleTime: Infinity });
}
