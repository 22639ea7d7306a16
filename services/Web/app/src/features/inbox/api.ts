import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { body, notificationsApi } from '@/lib/api/clients';
import type { InboxItem, InboxPage, InboxUpdated } from '@/lib/api/responses';

export const inboxKey = ['notifications', 'inbox'] as const;

export function useInbox(page: number, pageSize: number, unreadOnly: boolean) {
  return useQuery({
    queryKey: [...inboxKey, { page, pageSize, unreadOnly }],
    queryFn: () => body<InboxPage>(notificationsApi.GET('/inbox', {
      params: { query: { page, pageSize, unread: unreadOnly || undefined } },
    })),
    placeholderData: (previous) => previous,
  });
}

/** The unread count for the header badge: one item's page carries it. */
export function useUnreadCount(enabled: boolean) {
  return useQuery({
    queryKey: [...inboxKey, 'unread'],
    queryFn: async () => (await body<InboxPage>(notificationsApi.GET('/inbox', { params: { query: { page: 1, pageSize: 1 } } }))).unread,
    enabled,
    refetchInterval: 5 * 60_000,
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => body<InboxUpdated>(notificationsApi.POST('/inbox/{id}/read', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: inboxKey }),
  });
}

/** Acknowledging an urgent notification stops its escalation (and acknowledges its alarm). */
export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: string) => body<InboxUpdated>(notificationsApi.POST('/inbox/{id}/acknowledge', { params: { path: { id } } })),
    onSettled: async () => {
      await queryClient.invalidateQueries({ queryKey: inboxKey });
      await queryClient.invalidateQueries({ queryKey: ['notifications', 'alarms'] });
    },
  });
}

export function needsAcknowledgement(item: InboxItem): boolean {
  // The service leaves null fields out of its JSON: not acknowledged arrives as no field at all.
  return item.urgency === 'Urgent' && item.acknowledgedAt == null;
}

export const INBOX_STREAM_URL = '/api/notifications/inbox/stream';
