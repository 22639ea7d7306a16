import { useEffect, useMemo, useRef } from 'react';
import { Alert, Card, Flex, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import L from 'leaflet';
import 'leaflet/dist/leaflet.css';
import { useAppSettings } from '@/lib/app-settings';
import { useDayMap } from './api';
import { caseRef, mapOf, type Arranged } from './board';

// Dark enough to read on the plain background; the tables below say the same in words.
const ROUND_COLOURS = ['#0958d9', '#389e0d', '#531dab', '#c41d7f', '#08979c', '#d46b08', '#1d39c4', '#5b8c00'];
const UNTAKEN_COLOUR = '#cf1322';

/** Each volunteer's round on the map (canteen, then stops in order) and the deliveries nobody took, in red. */
export function RoundsMap({ stationId, date, arranged, nameOf }: {
  stationId: string; date: string; arranged: Pick<Arranged, 'rounds' | 'untaken'>; nameOf: (volunteerId: string) => string;
}) {
  const { t } = useTranslation();
  const places = useDayMap(stationId, date);
  const settings = useAppSettings();
  const element = useRef<HTMLDivElement>(null);
  const tiles = settings.data?.mapTiles ?? null;
  const drawn = useMemo(() => mapOf(arranged, places.data?.stops ?? []), [arranged, places.data]);
  const placed = drawn.lines.reduce((n, l) => n + l.stops.length, 0) + drawn.untaken.length;

  useEffect(() => {
    if (!element.current || placed === 0 || settings.isPending) return undefined;
    const map = L.map(element.current, { zoomControl: false, attributionControl: Boolean(tiles) });
    L.control.zoom({ zoomInTitle: t('dispatch.map.zoomIn'), zoomOutTitle: t('dispatch.map.zoomOut') }).addTo(map);
    if (tiles) L.tileLayer(tiles, { maxZoom: 19 }).addTo(map);
    const layers = L.featureGroup().addTo(map);
    drawn.lines.forEach((line, i) => {
      const colour = ROUND_COLOURS[i % ROUND_COLOURS.length]!;
      const name = nameOf(line.volunteerId);
      if (line.points.length > 1) L.polyline(line.points, { color: colour, weight: 3, opacity: 0.8 }).addTo(layers);
      for (const { delivery, at } of line.stops)
        L.circleMarker(at, { radius: 8, color: colour, fillColor: colour, fillOpacity: 0.6, weight: 2 })
          .bindTooltip(t('dispatch.map.stop', { name, stop: delivery.routeStop, ref: caseRef(delivery.caseId), status: t(`dispatch.statuses.${delivery.status}`) }))
          .addTo(layers);
    });
    for (const { delivery, at } of drawn.untaken)
      L.circleMarker(at, { radius: 9, color: UNTAKEN_COLOUR, fillColor: '#fff', fillOpacity: 1, weight: 3, dashArray: '3' })
        .bindTooltip(t('dispatch.map.untaken', { ref: caseRef(delivery.caseId) }))
        .addTo(layers);
    map.fitBounds(layers.getBounds(), { padding: [40, 40], maxZoom: 16 });
    return () => { map.remove(); };
  }, [drawn, placed, tiles, settings.isPending, nameOf, t]);

  if (placed === 0) return null;
  return (
    <Card title={<h2 className="card-heading">{t('dispatch.map.title')}</h2>}>
      <Flex vertical gap="small">
        {!tiles && !settings.isPending && <Alert type="info" showIcon title={t('dispatch.map.offline')} />}
        <div ref={element} className="dispatch-map" role="region" aria-label={t('dispatch.map.label', { rounds: drawn.lines.length, untaken: drawn.untaken.length })} />
        <Flex gap="small" wrap aria-hidden="true">
          {drawn.lines.map((line, i) => (
            <Tag key={line.volunteerId} className="status-tag" color={ROUND_COLOURS[i % ROUND_COLOURS.length]}>{nameOf(line.volunteerId)}</Tag>
          ))}
          {drawn.untaken.length > 0 && <Tag className="status-tag" color={UNTAKEN_COLOUR}>{t('dispatch.map.untakenLegend')}</Tag>}
        </Flex>
      </Flex>
    </Card>
  );
}
