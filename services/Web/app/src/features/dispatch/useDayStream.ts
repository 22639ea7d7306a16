import { useEffect, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { dayKey, dayStreamUrl, missedAlarmsKey } from './api';
import { withChange } from './board';
import type { DeliveryListItem } from '@/lib/api/responses';

export type DayStreamState = 'connecting' | 'open' | 'reconnecting';

/**
 * Follows a station's day live (`event: delivery` from the Volunteers service): each changed
 * delivery replaces its row at once; a miss also reads the alarms again, since the missed meal's
 * alarm follows it. On every (re)connection the day is read again, so nothing in between is lost.
 */
export function useDayStream(stationId: string, date: string): DayStreamState {
  const queryClient = useQueryClient();
  const [state, setState] = useState<DayStreamState>('connecting');

  useEffect(() => {
    if (typeof EventSource === 'undefined') return undefined;
    setState('connecting');
    const source = new EventSource(dayStreamUrl(stationId, date), { withCredentials: true });
    const received = (event: MessageEvent<string>) => {
      try {
        const item = JSON.parse(event.data) as DeliveryListItem;
        queryClient.setQueryData<DeliveryListItem[]>(dayKey(stationId, date), (day) => withChange(day, item));
        if (item.status === 'Missed') void queryClient.invalidateQueries({ queryKey: missedAlarmsKey(stationId) });
      } catch {
        void queryClient.invalidateQueries({ queryKey: dayKey(stationId, date) });
      }
    };
    source.addEventListener('delivery', received as EventListener);
    source.onopen = () => {
      setState('open');
      void queryClient.invalidateQueries({ queryKey: dayKey(stationId, date) });
    };
    source.onerror = () => setState('reconnecting');
    return () => source.close();
  }, [stationId, date, queryClient]);

  return state;
}
