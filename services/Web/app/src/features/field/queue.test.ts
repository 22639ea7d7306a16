import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiProblem, NetworkError } from '@/lib/api/problem';
import { dismiss, enqueue, inOrder, pendingAvailability, projectedStatus, replay, requestFor, type QueuedAction } from './queue';
import { closeFieldDb, indexedDbActions as store, loadCached, saveCached } from './store';

afterEach(async () => {
  for (const a of await store.all()) await store.remove(a.actionId);
  closeFieldDb();
});

const at = (minute: number) => new Date(Date.UTC(2026, 11, 7, 2, minute));

describe('the offline queue', () => {
  it('keeps actions with when they happened and replays them in the order taken', async () => {
    await enqueue(store, { kind: 'pickup', target: 'd1' }, at(1), 'a1');
    await enqueue(store, { kind: 'complete', target: 'd1', details: { wellbeing: 'Fine' } }, at(5), 'a2');
    const sent: QueuedAction[] = [];
    const outcome = await replay(store, async (a) => { sent.push(a); });
    expect(outcome).toEqual({ sent: 2, refused: 0, stopped: false });
    expect(sent.map((a) => [a.actionId, a.occurredAt])).toEqual([['a1', at(1).toISOString()], ['a2', at(5).toISOString()]]);
    expect(await store.all()).toEqual([]);
  });

  it('keeps only the newest week\'s plan waiting, behind the answers taken before it, and sends it as a PUT', async () => {
    const monday = [{ days: ['Monday'], from: '09:00', to: '12:00' }];
    const weekend = [{ days: ['Saturday', 'Sunday'], from: '08:00', to: '11:00' }];
    await enqueue(store, { kind: 'set-availability', target: 'v1', details: { slots: monday } }, at(1), 'a1');
    await enqueue(store, { kind: 'pickup', target: 'd1' }, at(2), 'a2');
    await enqueue(store, { kind: 'set-availability', target: 'v1', details: { slots: weekend } }, at(3), 'a3');
    const waiting = await inOrder(store);
    expect(waiting.map((a) => a.actionId)).toEqual(['a2', 'a3']);
    expect(pendingAvailability(waiting, 'v1')).toEqual(weekend);
    expect(pendingAvailability(waiting, 'v2')).toBeUndefined();
    expect(requestFor(waiting[1]!)).toEqual({ method: 'PUT', path: '/volunteers/v1/availability', body: { slots: weekend } });
  });

  it('stops at the first action it cannot deliver and keeps it and those after it', async () => {
    await enqueue(store, { kind: 'pickup', target: 'd1' }, at(1), 'a1');
    await enqueue(store, { kind: 'complete', target: 'd1' }, at(2), 'a2');
    const outcome = await replay(store, async () => { throw new NetworkError(new TypeError('Failed to fetch')); });
    expect(outcome.stopped).toBe(true);
    expect((await inOrder(store)).map((a) => [a.actionId, a.state])).toEqual([['a1', 'pending'], ['a2', 'pending']]);
    const busy = await replay(store, async () => { throw new ApiProblem(503, { title: 'busy' }); });
    expect(busy).toEqual({ sent: 0, refused: 0, stopped: true });
  });

  it('keeps a refused action with the server\'s reason until it is dismissed, and goes on with the next', async () => {
    await enqueue(store, { kind: 'complete', target: 'd1' }, at(1), 'a1');
    await enqueue(store, { kind: 'accept', target: 'd2' }, at(2), 'a2');
    const outcome = await replay(store, async (a) => {
      if (a.target === 'd1') throw new ApiProblem(422, { status: 422, title: '业务规则不允许', detail: '该配送任务属于另一位志愿者。', rule: 'delivery.not-your-task' });
    });
    expect(outcome).toEqual({ sent: 1, refused: 1, stopped: false });
    const refused = (await inOrder(store))[0]!;
    expect(refused.state).toBe('refused');
    expect(refused.refusal).toEqual({ status: 422, title: '业务规则不允许', detail: '该配送任务属于另一位志愿者。', rule: 'delivery.not-your-task' });
    expect(await replay(store, async () => { throw new Error('never sent again'); })).toEqual({ sent: 0, refused: 0, stopped: false });
    await dismiss(store, 'a1');
    expect(await store.all()).toEqual([]);
  });

  it('survives a reload: the queue and the cached day are in IndexedDB', async () => {
    await enqueue(store, { kind: 'pickup', target: 'd1' }, at(1), 'a1');
    await saveCached('tasks:v1', [{ id: 'd1' }]);
    closeFieldDb();
    expect((await store.all()).map((a) => a.actionId)).toEqual(['a1']);
    expect(await loadCached('tasks:v1')).toEqual([{ id: 'd1' }]);
  });
});

describe('what the phone shows and sends', () => {
  const action = (kind: QueuedAction['kind'], seq: number, state: QueuedAction['state'] = 'pending'): QueuedAction =>
    ({ actionId: `a${seq}`, seq, kind, target: 'd1', details: {}, occurredAt: at(seq).toISOString(), state });

  it('moves a task on by the actions still waiting, never by refused ones', () => {
    expect(projectedStatus('Accepted', [action('complete', 2), action('pickup', 1)])).toBe('Completed');
    expect(projectedStatus('Offered', [action('accept', 1)])).toBe('Accepted');
    expect(projectedStatus('Accepted', [action('pickup', 1, 'refused')])).toBe('Accepted');
  });

  it('sends the action id and the time it happened; reported hours use it as their report id', () => {
    const complete = { ...action('complete', 3), details: { wellbeing: 'Fine' } };
    expect(requestFor(complete)).toEqual({
      method: 'POST', path: '/deliveries/d1/complete', body: { actionId: 'a3', occurredAt: at(3).toISOString(), wellbeing: 'Fine' },
    });
    const hours = { ...action('report-hours', 4), target: 'v1', details: { hours: 2, date: '2026-12-07', note: '买药' } };
    expect(requestFor(hours)).toEqual({
      method: 'POST', path: '/volunteers/v1/hours', body: { reportId: 'a4', occurredAt: at(4).toISOString(), hours: 2, date: '2026-12-07', note: '买药' },
    });
  });
});
