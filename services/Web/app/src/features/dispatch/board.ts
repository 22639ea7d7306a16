// How the dispatch board arranges a day: pure, so that it is tested without a browser.
import type { DeliveryListItem, DeliveryStatus, MapStop } from '@/lib/api/responses';

export interface Round {
  volunteerId: string;
  deliveries: DeliveryListItem[];
}

export interface Arranged {
  /** Each volunteer's round, stops in order, volunteers with the most stops first. */
  rounds: Round[];
  /** Deliveries nobody holds: nobody could take them, or waiting for the next offer. */
  untaken: DeliveryListItem[];
  /** How many deliveries of the day are in each status (cancelled ones are in no round and not untaken). */
  counts: Record<DeliveryStatus, number>;
}

const STATUSES: DeliveryStatus[] = ['Scheduled', 'Offered', 'Accepted', 'PickedUp', 'Completed', 'Missed', 'Cancelled', 'Unassigned'];

/** Statuses a coordinator may still hand to someone else (the meal is not yet with a volunteer). */
export const REASSIGNABLE: ReadonlySet<DeliveryStatus> = new Set(['Scheduled', 'Offered', 'Accepted', 'Unassigned']);

export function arrange(day: DeliveryListItem[]): Arranged {
  const counts = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<DeliveryStatus, number>;
  const byVolunteer = new Map<string, DeliveryListItem[]>();
  const untaken: DeliveryListItem[] = [];
  for (const d of day) {
    counts[d.status] += 1;
    if (d.status === 'Cancelled') continue;
    if (d.volunteerId) byVolunteer.set(d.volunteerId, [...(byVolunteer.get(d.volunteerId) ?? []), d]);
    else untaken.push(d);
  }
  const rounds = [...byVolunteer.entries()]
    .map(([volunteerId, deliveries]) => ({ volunteerId, deliveries: [...deliveries].sort((a, b) => a.routeStop - b.routeStop) }))
    .sort((a, b) => b.deliveries.length - a.deliveries.length || a.volunteerId.localeCompare(b.volunteerId));
  untaken.sort((a, b) => a.windowFrom.localeCompare(b.windowFrom) || a.id.localeCompare(b.id));
  return { rounds, untaken, counts };
}

/** The day with one delivery as the live stream sent it (newer versions only: a late event never undoes a newer read). */
export function withChange(day: DeliveryListItem[] | undefined, item: DeliveryListItem): DeliveryListItem[] | undefined {
  if (!day) return day;
  const at = day.findIndex((d) => d.id === item.id);
  const before = day[at];
  if (!before) return [...day, item];
  if (before.version >= item.version) return day;
  return day.map((d, i) => (i === at ? item : d));
}

/** "11:00–12:30" from the service's "11:00:00". */
export function windowText(d: Pick<DeliveryListItem, 'windowFrom' | 'windowTo'>): string {
  return `${d.windowFrom.slice(0, 5)}–${d.windowTo.slice(0, 5)}`;
}

/**
 * The short reference a board shows for a household's case (no name: the board is about rounds, not
 * people). Its tail: ids made one after another (version 7) share their leading, time-ordered digits.
 */
export function caseRef(caseId: string): string {
  return caseId.slice(-8);
}

export type LatLng = [number, number];

export interface RoundLine {
  volunteerId: string;
  /** The canteen, then each placed stop in route order. */
  points: LatLng[];
  stops: { delivery: DeliveryListItem; at: LatLng }[];
}

/** Each round as a line on the map (its stops without a place are left out), and the untaken deliveries that have a place. */
export function mapOf(arranged: Pick<Arranged, 'rounds' | 'untaken'>, stops: MapStop[]): { lines: RoundLine[]; untaken: { delivery: DeliveryListItem; at: LatLng }[] } {
  const byId = new Map(stops.map((s) => [s.deliveryId, s]));
  const at = (d: DeliveryListItem): LatLng | null => {
    const place = byId.get(d.id)?.place;
    return place ? [place.latitude, place.longitude] : null;
  };
  const lines = arranged.rounds.map((round) => {
    const placed = round.deliveries.flatMap((delivery) => {
      const where = at(delivery);
      return where ? [{ delivery, at: where }] : [];
    });
    const first = round.deliveries[0];
    const pickUp = first ? byId.get(first.id)?.pickUp : null;
    const points: LatLng[] = [...(pickUp ? [[pickUp.latitude, pickUp.longitude] as LatLng] : []), ...placed.map((p) => p.at)];
    return { volunteerId: round.volunteerId, points, stops: placed };
  });
  const untaken = arranged.untaken.flatMap((delivery) => {
    const where = at(delivery);
    return where ? [{ delivery, at: where }] : [];
  });
  return { lines, untaken };
}
