import { useEffect, useRef, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { InboxItem } from '@/lib/api/responses';
import { INBOX_STREAM_URL, inboxKey } from './api';

export type StreamState = 'connecting' | 'open' | 'reconnecting';

type ItemListener = (item: InboxItem) => void;
// Pages that follow the one stream the signed-in layout keeps open (a second EventSource per page would double the connections).
const itemListeners = new Set<ItemListener>();

/**
 * Calls `listener` with each item the live inbox stream delivers while the component is mounted:
 * a page refreshes what a notification is about (a referral, a case) when it comes, not on a timer.
 */
export function useInboxItems(listener: ItemListener): void {
  const listenerRef = useRef(listener);
  listenerRef.current = listener;
  useEffect(() => {
    const forward: ItemListener = (item) => listenerRef.current(item);
    itemListeners.add(forward);
    return () => {
      itemListeners.delete(forward);
    };
  }, []);
}

/**
 * Follows the live inbox (server-sent events, `event: notification`). EventSource itself reconnects
 * with Last-Event-ID, so nothing is lost; each new item refreshes the inbox queries and the badge.
 */
export function useInboxStream(enabled: boolean, onItem?: (item: InboxItem) => void): StreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<StreamState>('connecting');
  const onItemRef = useRef(onItem);
  onItemRef.current = onItem;

  useEffect(() => {
    if (!enabled || typeof EventSource === 'undefined') return;
    const source = new EventSource(INBOX_STREAM_URL, { withCredentials: true });
    let timer: ReturnType<typeof setTimeout> | undefined;
    const refresh = () => {
      clearTimeout(timer);
      timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: inboxKey }), 300);
    };
    const received = (event: MessageEvent<string>) => {
      try {
        const item = JSON.parse(event.data) as InboxItem;
        if (item.readAt == null) { // absent when unread: the service leaves nulls out
          queryClient.setQueryData<number>([...inboxKey, 'unread'], (count) => (count ?? 0) + 1);
        }
        onItemRef.current?.(item);
        for (const listener of itemListeners) listener(item);
      } catch {
        // Not an item: refresh anyway.
      }
      refresh();
    };
    source.addEventListener('notification', received as EventListener);
    source.onopen = () => setState('open');
    source.onerror = () => setState(source.readyState === EventSource.CLOSED ? 'reconnecting' : 'reconnecting');
    return () => {
      clearTimeout(timer);
      source.close();
    };
  }, [enabled, queryClient]);

  return state;
}
