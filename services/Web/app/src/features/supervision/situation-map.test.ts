import { describe, expect, it } from 'vitest';
import type { GridSituation } from '@/lib/api/responses';
import { dotRadius, gridConcern, gridsAsGeoJson } from './situation-map';

const grid = (over: Partial<GridSituation>): GridSituation => ({
  district: '971001', township: '新华街道', grid: 'XH-01', clients: 0, clientsByGroup: {}, clientsByCategory: {},
  openNeeds: 0, openNeedsByCategory: {}, overdueVisits: 0, missedDeliveriesLast7Days: 0, safetyChecksRequired: 0,
  centroid: null, ...over,
});

describe('the situation map', () => {
  it('sizes dots by area: four times the clients, twice the radius above the least', () => {
    expect(dotRadius(0, 10)).toBe(6);
    expect(dotRadius(10, 10)).toBe(30);
    expect(dotRadius(25, 100)).toBe(18);
  });

  it('puts only grids with a position on the map, longitude first', () => {
    const json = gridsAsGeoJson([grid({ grid: 'A', centroid: { latitude: 39.9, longitude: 116.4 } }), grid({ grid: 'B' })]);
    expect(json.features).toHaveLength(1);
    expect(json.features[0]!.geometry.coordinates).toEqual([116.4, 39.9]);
    expect(json.features[0]!.properties.grid).toBe('A');
  });

  it('ranks a grid by its most urgent sign', () => {
    expect(gridConcern(grid({ safetyChecksRequired: 1 }))).toBe('high');
    expect(gridConcern(grid({ missedDeliveriesLast7Days: 2, openNeeds: 1 }))).toBe('high');
    expect(gridConcern(grid({ overdueVisits: 1 }))).toBe('medium');
    expect(gridConcern(grid({ clients: 5 }))).toBe('low');
  });
});
