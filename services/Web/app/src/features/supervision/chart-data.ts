/** One bar or slice of a chart: its label (already translated) and its count. */
export interface ChartItem {
  key: string;
  label: string;
  value: number;
}

/** A count keyed by enum name as the chart's items, in the given key order, labelled by `label`. */
export function chartItems(counts: Record<string, number> | Partial<Record<string, number>>, keys: readonly string[], label: (key: string) => string): ChartItem[] {
  return keys.map((key) => ({ key, label: label(key), value: counts[key] ?? 0 }));
}

/** The numbers a chart shows, in words, for its accessible name: "老年人 3，儿童 1". */
export function describeItems(items: ChartItem[], separator: string): string {
  return items.map((item) => `${item.label} ${item.value}`).join(separator);
}

/** A ratio 0…1 as a percentage with one decimal: 0.825 → "82.5%". */
export function percent(ratio: number): string {
  return `${(Math.round(ratio * 1000) / 10).toFixed(1)}%`;
}
