import { describe, expect, it } from 'vitest';
import { arrange, caseRef, mapOf, withChange, windowText } from './board';
import type { DeliveryListItem } from '@/lib/api/responses';

const item = (over: Partial<DeliveryListItem>): DeliveryListItem => ({
  id: 'd1', caseId: 'c1', stationId: 's', date: '2026-12-07', windowFrom: '11:00:00', windowTo: '12:30:00',
  status: 'Offered', routeStop: 1, version: 2, volunteerId: 'v1', confirmation: 'NotAsked', ...over,
});

describe('arrange', () => {
  it('puts each volunteer\'s stops in route order and the ones nobody holds apart', () => {
    const { rounds, untaken, counts } = arrange([
      item({ id: 'a', routeStop: 2 }), item({ id: 'b', routeStop: 1 }),
      item({ id: 'c', volunteerId: 'v2' }),
      item({ id: 'd', volunteerId: null, status: 'Unassigned' }),
      item({ id: 'e', volunteerId: null, status: 'Cancelled' }),
    ]);
    expect(rounds.map((r) => r.volunteerId)).toEqual(['v1', 'v2']);
    expect(rounds[0]?.deliveries.map((d) => d.id)).toEqual(['b', 'a']);
    expect(untaken.map((d) => d.id)).toEqual(['d']);
    expect(counts.Unassigned).toBe(1);
    expect(counts.Cancelled).toBe(1);
  });
});

describe('withChange', () => {
  it('replaces a delivery with a newer version and ignores an older one', () => {
    const day = [item({ version: 3 })];
    expect(withChange(day, item({ version: 4, status: 'Missed' }))?.[0]?.status).toBe('Missed');
    expect(withChange(day, item({ version: 2, status: 'Scheduled' }))).toBe(day);
    expect(withChange(day, item({ id: 'new' }))).toHaveLength(2);
    expect(withChange(undefined, item({}))).toBeUndefined();
  });
});

it('shows a window as hours and minutes', () => {
  expect(windowText(item({}))).toBe('11:00–12:30');
});

it('tells cases made one after another apart by the tail of their ids', () => {
  expect(caseRef('0193a1b2-0000-7000-8000-00000000d001')).toBe('0000d001');
  expect(caseRef('0193a1b2-0000-7000-8000-00000000d002')).not.toBe(caseRef('0193a1b2-0000-7000-8000-00000000d001'));
});

const pos = (latitude: number, longitude: number) => ({ latitude, longitude, isValid: true });

describe('mapOf', () => {
  it('draws a round from its canteen through its placed stops in order and keeps the untaken apart', () => {
    const arranged = arrange([
      item({ id: 'a', routeStop: 2 }), item({ id: 'b', routeStop: 1 }), item({ id: 'x', routeStop: 3 }),
      item({ id: 'u', volunteerId: null, status: 'Unassigned' }),
    ]);
    const canteen = pos(40, 113);
    const { lines, untaken } = mapOf(arranged, [
      { deliveryId: 'a', place: pos(40.2, 113.2), pickUp: canteen },
      { deliveryId: 'b', place: pos(40.1, 113.1), pickUp: canteen },
      { deliveryId: 'x', place: null, pickUp: canteen },
      { deliveryId: 'u', place: pos(40.3, 113.3), pickUp: canteen },
    ]);
    expect(lines[0]?.points).toEqual([[40, 113], [40.1, 113.1], [40.2, 113.2]]);
    expect(untaken.map((u) => u.delivery.id)).toEqual(['u']);
  });
});
