import { useEffect, useMemo, useRef } from 'react';
import { Alert, Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { QueryState } from '@/components/QueryState';
import type { GridSituation, StationSituationMap } from '@/lib/api/responses';
import { useAppSettings } from '@/lib/app-settings';
import { formatDateTime } from '@/lib/format';
import { useSituationMap } from './api';
import { dotRadius, gridConcern, gridsAsGeoJson } from './situation-map';
import './supervision.css';

// Dark enough for contrast on the plain background; the table and the tooltip say the same in words.
const CONCERN_COLOURS = { high: '#cf1322', medium: '#874d00', low: '#237804' } as const;

/** The station's situation by grid: dots sized by clients and coloured by concern, and the same figures as a table. */
export default function MapPage({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const map = useSituationMap(stationId);
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('supervision.map.title')}</Typography.Title>
      <QueryState query={map}>
        {(data) => data.grids.length === 0
          ? <Card><Empty description={t('supervision.map.empty')} /></Card>
          : (
            <>
              <Typography.Text type="secondary">{t('supervision.asOf', { date: formatDateTime(data.asOf, i18n.language) })}</Typography.Text>
              <GridMap data={data} />
              <GridTable grids={data.grids} />
            </>
          )}
      </QueryState>
    </Flex>
  );
}

function GridMap({ data }: { data: StationSituationMap }) {
  const { t } = useTranslation();
  const settings = useAppSettings();
  const element = useRef<HTMLDivElement>(null);
  const positioned = useMemo(() => data.grids.filter((g) => g.centroid), [data.grids]);
  const tiles = settings.data?.mapTiles ?? null;

  useEffect(() => {
    if (!element.current || positioned.length === 0 || settings.isPending) return undefined;
    const map = L.map(element.current, { zoomControl: false, attributionControl: Boolean(tiles) });
    L.control.zoom({ zoomInTitle: t('supervision.map.zoomIn'), zoomOutTitle: t('supervision.map.zoomOut') }).addTo(map);
    if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
    const most = Math.max(...positioned.map((g) => g.clients));
    const layer = L.geoJSON(gridsAsGeoJson(positioned), {
      pointToLayer: (feature, at) => {
        const grid = feature.properties as GridSituation;
        const colour = CONCERN_COLOURS[gridConcern(grid)];
        return L.circleMarker(at, { radius: dotRadius(grid.clients, most), color: colour, fillColor: colour, fillOpacity: 0.45, weight: 2 })
          .bindTooltip(popupText(t, grid));
      },
    }).addTo(map);
    map.fitBounds(layer.getBounds(), { padding: [40, 40], maxZoom: 15 });
    return () => { map.remove(); };
  }, [positioned, tiles, settings.isPending, t]);

  const unplaced = data.grids.length - positioned.length;
  return (
    <Card>
      <Flex vertical gap="small">
        {!tiles && !settings.isPending && <Alert type="info" showIcon title={t('supervision.map.offline')} />}
        {unplaced > 0 && <Alert type="warning" showIcon title={t('supervision.map.noPosition', { count: unplaced })} />}
        {positioned.length > 0 && (
          <div ref={element} className="supervision-map" role="region"
            aria-label={t('supervision.map.mapLabel', { count: positioned.length })} />
        )}
        <Flex gap="small" wrap aria-hidden="true">
          {(['high', 'medium', 'low'] as const).map((c) => (
            <Tag key={c} color={CONCERN_COLOURS[c]}>{t(`supervision.map.concern.${c}`)}</Tag>
          ))}
        </Flex>
      </Flex>
    </Card>
  );
}

function popupText(t: TFunction, g: GridSituation): string {
  return t('supervision.map.popup', { grid: g.grid, clients: g.clients, needs: g.openNeeds, overdue: g.overdueVisits });
}

function GridTable({ grids }: { grids: GridSituation[] }) {
  const { t } = useTranslation();
  const number = (key: keyof GridSituation, title: string) => ({
    key, title, align: 'right' as const, dataIndex: key,
    sorter: (a: GridSituation, b: GridSituation) => (a[key] as number) - (b[key] as number),
  });
  const columns: ColumnsType<GridSituation> = [
    { key: 'grid', title: t('supervision.map.grid'), dataIndex: 'grid' },
    { key: 'township', title: t('supervision.map.township'), dataIndex: 'township', responsive: ['md'] },
    number('clients', t('supervision.map.clients')),
    number('openNeeds', t('supervision.map.openNeeds')),
    number('overdueVisits', t('supervision.map.overdueVisits')),
    number('missedDeliveriesLast7Days', t('supervision.map.missed')),
    number('safetyChecksRequired', t('supervision.map.safety')),
  ];
  return (
    <Card title={<h2 className="card-heading">{t('supervision.map.tableTitle')}</h2>}>
      <Table<GridSituation> aria-label={t('supervision.map.tableTitle')} rowKey={(g) => `${g.township}/${g.grid}`}
        columns={columns} dataSource={grids} pagination={{ pageSize: 20, hideOnSinglePage: true }} size="middle" />
    </Card>
  );
}
