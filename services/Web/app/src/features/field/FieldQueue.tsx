import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { apiFetch } from '@/lib/api/fetch';
import { dismiss, enqueue, inOrder, replay, requestFor, type ActionStore, type FieldActionKind, type QueuedAction } from './queue';
import { indexedDbActions } from './store';

interface FieldQueueValue {
  actions: QueuedAction[];
  online: boolean;
  syncing: boolean;
  act: (kind: FieldActionKind, target: string, details?: Record<string, unknown>) => Promise<void>;
  dismiss: (actionId: string) => Promise<void>;
  sync: () => Promise<void>;
}

const FieldQueueContext = createContext<FieldQueueValue | null>(null);

export function useFieldQueue(): FieldQueueValue {
  const value = useContext(FieldQueueContext);
  if (!value) throw new Error('useFieldQueue outside FieldQueueProvider');
  return value;
}

const send = async (action: QueuedAction) => {
  const { method, path, body } = requestFor(action);
  await apiFetch(`/api/volunteers${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
};

/** The phone's queue for the whole app: acts at once when online, later when not, and replays when the network returns. */
export function FieldQueueProvider({ children, store = indexedDbActions }: { children: ReactNode; store?: ActionStore }) {
  const client = useQueryClient();
  const [actions, setActions] = useState<QueuedAction[]>([]);
  const [online, setOnline] = useState(() => globalThis.navigator?.onLine ?? true);
  const [syncing, setSyncing] = useState(false);
  const running = useRef<Promise<void> | null>(null);

  const refresh = useCallback(async () => setActions(await inOrder(store)), [store]);

  const sync = useCallback(async () => {
    // One replay at a time: a second call waits for the running one, then replays what is left.
    while (running.current) await running.current;
    const run = (async () => {
      setSyncing(true);
      try {
        const outcome = await replay(store, send);
        if (outcome.sent > 0 || outcome.refused > 0) await client.invalidateQueries({ queryKey: ['volunteers'] });
      } finally {
        await refresh();
        setSyncing(false);
      }
    })();
    running.current = run;
    try { await run; } finally { running.current = null; }
  }, [client, refresh, store]);

  useEffect(() => {
    void refresh().then(() => (navigator.onLine ? sync() : undefined));
    const up = () => { setOnline(true); void sync(); };
    const down = () => setOnline(false);
    window.addEventListener('online', up);
    window.addEventListener('offline', down);
    return () => { window.removeEventListener('online', up); window.removeEventListener('offline', down); };
  }, [refresh, sync]);

  const value = useMemo<FieldQueueValue>(() => ({
    actions, online, syncing, sync,
    act: async (kind, target, details) => {
      await enqueue(store, { kind, target, details });
      await refresh();
      if (navigator.onLine) await sync();
    },
    dismiss: async (actionId) => { await dismiss(store, actionId); await refresh(); },
  }), [actions, online, syncing, sync, refresh, store]);

  return <FieldQueueContext.Provider value={value}>{children}</FieldQueueContext.Provider>;
}
