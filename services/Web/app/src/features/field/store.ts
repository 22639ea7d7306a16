import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ActionStore, QueuedAction } from './queue';

/** The phone's own database: the queued actions, and the last lists fetched (so the day shows offline). */
interface FieldDb extends DBSchema {
  actions: { key: string; value: QueuedAction };
  cache: { key: string; value: { key: string; value: unknown; savedAt: string } };
}

const NAME = 'fivesoc-field';

let opened: Promise<IDBPDatabase<FieldDb>> | undefined;

export function fieldDb(): Promise<IDBPDatabase<FieldDb>> {
  opened ??= openDB<FieldDb>(NAME, 1, {
    upgrade(db) {
      db.createObjectStore('actions', { keyPath: 'actionId' });
      db.createObjectStore('cache', { keyPath: 'key' });
    },
  });
  return opened;
}

/** For tests: forget the open connection (each test may start a fresh fake IndexedDB). */
export function closeFieldDb(): void {
  void opened?.then((db) => db.close());
  opened = undefined;
}

export const indexedDbActions: ActionStore = {
  all: async () => (await fieldDb()).getAll('actions'),
  put: async (action) => { await (await fieldDb()).put('actions', action); },
  remove: async (actionId) => { await (await fieldDb()).delete('actions', actionId); },
};

export async function saveCached(key: string, value: unknown): Promise<void> {
  await (await fieldDb()).put('cache', { key, value, savedAt: new Date().toISOString() });
}

export async function loadCached<T>(key: string): Promise<T | undefined> {
  return (await (await fieldDb()).get('cache', key))?.value as T | undefined;
}
