import type { GridSituation } from '@/lib/api/responses';

/** A grid's dot radius in pixels: its area grows with the number of clients, between 6 and 30. */
export function dotRadius(clients: number, most: number): number {
  if (most <= 0 || clients <= 0) return 6;
  return Math.round(6 + 24 * Math.sqrt(clients / most));
}

/** The grids with a position as a GeoJSON FeatureCollection (longitude first, as GeoJSON has it). */
export function gridsAsGeoJson(grids: GridSituation[]): GeoJSON.FeatureCollection<GeoJSON.Point, GridSituation> {
  return {
    type: 'FeatureCollection',
    features: grids.filter((g) => g.centroid).map((g) => ({
      type: 'Feature',
      geometry: { type: 'Point', coordinates: [g.centroid!.longitude, g.centroid!.latitude] },
      properties: g,
    })),
  };
}

/** How urgent a grid looks: safety checks and missed meals before overdue visits and open needs. */
export function gridConcern(g: GridSituation): 'high' | 'medium' | 'low' {
  if (g.safetyChecksRequired > 0 || g.missedDeliveriesLast7Days > 0) return 'high';
  if (g.overdueVisits > 0 || g.openNeeds > 0) return 'medium';
  return 'low';
}
