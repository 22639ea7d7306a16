import { describe, expect, it } from 'vitest';
import { chartItems, describeItems, percent } from './chart-data';

describe('chart data', () => {
  it('keeps every key in order and counts a missing one as zero', () => {
    const items = chartItems({ Child: 2 }, ['Elderly', 'Child'], (k) => k.toLowerCase());
    expect(items).toEqual([
      { key: 'Elderly', label: 'elderly', value: 0 },
      { key: 'Child', label: 'child', value: 2 },
    ]);
  });

  it('says the numbers in words for screen readers', () => {
    expect(describeItems([{ key: 'a', label: '老年人', value: 3 }, { key: 'b', label: '儿童', value: 1 }], '，')).toBe('老年人 3，儿童 1');
  });

  it('shows a coverage ratio with one decimal', () => {
    expect(percent(0.825)).toBe('82.5%');
    expect(percent(1)).toBe('100.0%');
    expect(percent(0)).toBe('0.0%');
  });
});
