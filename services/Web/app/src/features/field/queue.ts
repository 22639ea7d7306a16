import { isApiProblem } from '@/lib/api/problem';

/**
 * The phone's offline queue (离线队列): every answer a volunteer gives is queued first, with the
 * time it happened and its own id, then sent in the order given. A refused one stays, with the
 * server's reason, until the volunteer dismisses it; nothing is dropped silently. Pure: the store
 * and the sending are passed in (IndexedDB and the API in the app, fakes in tests).
 */
export type FieldActionKind = 'accept' | 'decline' | 'pickup' | 'complete' | 'miss' | 'report-hours' | 'set-availability';

export type MissReason = 'NoAnswerAtDoor' | 'Refused' | 'Unwell' | 'Other';

export interface RefusalReason {
  status: number;
  title?: string;
  detail?: string;
  rule?: string;
}

export interface QueuedAction {
  /** The client-generated id the server uses to act once, however often it is sent. */
  actionId: string;
  /** The order the volunteer acted in. */
  seq: number;
  kind: FieldActionKind;
  /** The delivery, or for reported hours the volunteer. */
  target: string;
  /** What the action says besides its id and time (wellbeing, reason, hours…). */
  details: Record<string, unknown>;
  occurredAt: string;
  state: 'pending' | 'refused';
  refusal?: RefusalReason;
}

export interface ActionStore {
  all(): Promise<QueuedAction[]>;
  put(action: QueuedAction): Promise<void>;
  remove(actionId: string): Promise<void>;
}

/** Sends one action; throws an ApiProblem when the server answers with an error, anything else when it could not be reached. */
export type SendAction = (action: QueuedAction) => Promise<void>;

export interface ReplayOutcome {
  sent: number;
  refused: number;
  /** Stopped at an action that could not be delivered (offline, server trouble): it and those after it wait. */
  stopped: boolean;
}

export async function enqueue(
  store: ActionStore,
  action: { kind: FieldActionKind; target: string; details?: Record<string, unknown> },
  now: Date = new Date(),
  actionId: string = crypto.randomUUID(),
): Promise<QueuedAction> {
  const existing = await store.all();
  // The week is set whole: a newer plan still waiting replaces an older one, which need not go out.
  if (action.kind === 'set-availability')
    for (const older of existing.filter((a) => a.kind === 'set-availability' && a.target === action.target && a.state === 'pending'))
      await store.remove(older.actionId);
  const seq = existing.reduce((max, a) => Math.max(max, a.seq), 0) + 1;
  const queued: QueuedAction = {
    actionId, seq, kind: action.kind, target: action.target, details: action.details ?? {},
    occurredAt: now.toISOString(), state: 'pending',
  };
  await store.put(queued);
  return queued;
}

export async function inOrder(store: ActionStore): Promise<QueuedAction[]> {
  return (await store.all()).sort((a, b) => a.seq - b.seq);
}

/** A refusal is final (the server will answer the same again); a timeout, a throttle or a server error is worth another try later. */
function isRefusal(error: unknown): error is { status: number; title?: string; detail?: string; rule?: string } {
  return isApiProblem(error) && error.status >= 400 && error.status < 500 && error.status !== 408 && error.status !== 429;
}

/**
 * Sends the pending actions one by one in the order they were taken. A delivered one leaves the
 * queue; a refused one stays, marked with the server's reason; the first that cannot be delivered
 * stops the replay, so nothing overtakes it.
 */
export async function replay(store: ActionStore, send: SendAction): Promise<ReplayOutcome> {
  const outcome: ReplayOutcome = { sent: 0, refused: 0, stopped: false };
  for (const action of await inOrder(store)) {
    if (action.state !== 'pending') continue;
    try {
      await send(action);
      await store.remove(action.actionId);
      outcome.sent++;
    } catch (error) {
      if (!isRefusal(error)) {
        outcome.stopped = true;
        return outcome;
      }
      await store.put({
        ...action, state: 'refused',
        refusal: { status: error.status, title: error.title, detail: error.detail, rule: error.rule },
      });
      outcome.refused++;
    }
  }
  return outcome;
}

/** The volunteer has read why an action was refused: only then it leaves the queue. */
export async function dismiss(store: ActionStore, actionId: string): Promise<void> {
  await store.remove(actionId);
}

type Status = 'Scheduled' | 'Offered' | 'Accepted' | 'PickedUp' | 'Completed' | 'Missed' | 'Cancelled' | 'Unassigned';

/** A task's status as the phone sees it: the server's, moved on by the actions still waiting to be sent. */
export function projectedStatus(status: Status, pending: QueuedAction[]): Status {
  return pending
    .filter((a) => a.state === 'pending')
    .sort((a, b) => a.seq - b.seq)
    .reduce<Status>((current, action) => {
      switch (action.kind) {
        case 'accept': return current === 'Offered' ? 'Accepted' : current;
        case 'decline': return current === 'Offered' || current === 'Accepted' ? 'Scheduled' : current;
        case 'pickup': return current === 'Accepted' ? 'PickedUp' : current;
        case 'complete': return current === 'PickedUp' || current === 'Accepted' ? 'Completed' : current;
        case 'miss': return current === 'PickedUp' || current === 'Accepted' ? 'Missed' : current;
        default: return current;
      }
    }, status);
}

/** The slots of the week's plan still waiting to be sent, if one is. */
export function pendingAvailability<T>(actions: QueuedAction[], volunteerId: string): T[] | undefined {
  const newest = actions.filter((a) => a.kind === 'set-availability' && a.target === volunteerId && a.state === 'pending').at(-1);
  return newest?.details.slots as T[] | undefined;
}

/** The request an action makes: its method, route and body, with its id and the time it happened. */
export function requestFor(action: QueuedAction): { method: 'POST' | 'PUT'; path: string; body: Record<string, unknown> } {
  const common = { actionId: action.actionId, occurredAt: action.occurredAt };
  switch (action.kind) {
    case 'report-hours':
      // Reported hours are idempotent by their report id already: the action id is it.
      return {
        method: 'POST',
        path: `/volunteers/${action.target}/hours`,
        body: { reportId: action.actionId, occurredAt: action.occurredAt, ...action.details },
      };
    case 'set-availability':
      // Setting the whole week is idempotent itself: sent twice, it says the same.
      return { method: 'PUT', path: `/volunteers/${action.target}/availability`, body: { slots: action.details.slots } };
    default:
      return { method: 'POST', path: `/deliveries/${action.target}/${action.kind}`, body: { ...common, ...action.details } };
  }
}
