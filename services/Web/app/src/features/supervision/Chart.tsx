import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
// Only the parts drawn here: the full echarts bundle would be several times the size.
import * as echarts from 'echarts/core';
import { BarChart, PieChart } from 'echarts/charts';
import { GridComponent, TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useElderMode } from '@/lib/elder-mode';
import type { ChartItem } from './chart-data';

echarts.use([BarChart, PieChart, GridComponent, TooltipComponent, CanvasRenderer]);

export interface ChartProps {
  title: string;
  kind: 'bar' | 'pie';
  items: ChartItem[];
  /** A colour per item key (e.g. risk levels); the label always says the same, so colour is never the only signal. */
  colours?: Record<string, string>;
  /** How a value reads in the table (e.g. a percentage); the number itself by default. */
  format?: (value: number) => string;
}

/**
 * A chart, and the same numbers as a visually hidden table for screen readers (the canvas is
 * hidden from them): what a sighted reader sees, a listener hears.
 */
export function Chart({ title, kind, items, colours, format = String }: ChartProps) {
  const { t } = useTranslation();
  const [elder] = useElderMode();
  const element = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);

  useEffect(() => {
    if (!element.current) return undefined;
    const instance = echarts.init(element.current);
    chart.current = instance;
    const resize = new ResizeObserver(() => instance.resize());
    resize.observe(element.current);
    return () => {
      resize.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    const fontSize = elder ? 16 : 12;
    const data = items.map((item) => ({
      name: item.label, value: item.value, itemStyle: colours?.[item.key] ? { color: colours[item.key] } : undefined,
    }));
    chart.current?.setOption({
      animation: false,
      textStyle: { fontSize },
      tooltip: { trigger: 'item' },
      ...(kind === 'bar'
        ? {
          grid: { left: 8, right: 16, top: 16, bottom: 8, containLabel: true },
          xAxis: { type: 'value', minInterval: format === String ? 1 : undefined, axisLabel: { fontSize, formatter: (v: number) => format(v) } },
          yAxis: { type: 'category', inverse: true, data: items.map((i) => i.label), axisLabel: { fontSize } },
          series: [{ type: 'bar', data, label: { show: true, position: 'right', fontSize, formatter: (p: { value: number }) => format(p.value) } }],
        }
        : {
          series: [{
            type: 'pie', radius: ['35%', '65%'], data,
            label: { fontSize, formatter: (p: { name: string; value: number }) => `${p.name} ${format(p.value)}` },
          }],
        }),
    }, true);
  }, [items, kind, colours, elder, format]);

  const height = kind === 'bar' ? Math.max(160, items.length * (elder ? 40 : 32) + 40) : (elder ? 300 : 260);
  return (
    <figure className="supervision-chart">
      <div ref={element} style={{ height }} aria-hidden="true" />
      <table className="visually-hidden">
        <caption>{t('supervision.dashboard.tableCaption', { title })}</caption>
        <thead>
          <tr><th scope="col">{t('supervision.dashboard.item')}</th><th scope="col">{t('supervision.dashboard.count')}</th></tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.key}><th scope="row">{item.label}</th><td>{format(item.value)}</td></tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
