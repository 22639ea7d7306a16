import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { NotFound } from '@/components/ResultPages';
import { QueryState } from '@/components/QueryState';
import type { StationSummary } from '@/lib/api/responses';
import { useDistrictStations } from './api';
import DashboardPage from './DashboardPage';

/** 辖区社工站: the district officer's stations, each opening its dashboard read-only (counts, never case contents). */
export function DistrictStationsPage({ districtCode }: { districtCode: string }) {
  const { t } = useTranslation();
  const stations = useDistrictStations(districtCode);
  const columns: ColumnsType<StationSummary> = [
    { key: 'name', title: t('supervision.districtStations.name'), render: (_, row) => <Link className="case-link" to={`/district/stations/${row.id}`}>{row.name}</Link> },
    { key: 'township', title: t('supervision.districtStations.township'), dataIndex: 'townshipCode' },
    {
      key: 'registered', title: t('supervision.districtStations.registered'),
      render: (_, row) => row.registeredInNationalSystem
        ? <Tag color="success">{t('supervision.districtStations.yes')}</Tag>
        : <Tag>{t('supervision.districtStations.no')}</Tag>,
    },
  ];
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('supervision.districtStations.title')}</Typography.Title>
      <QueryState query={stations}>
        {(page) => page.items.length === 0
          ? <Card><Empty description={t('supervision.districtStations.empty')} /></Card>
          : (
            <>
              <Typography.Paragraph>
                {t('supervision.districtStations.summary', {
                  count: page.total, registered: page.items.filter((s) => s.registeredInNationalSystem).length,
                })}
              </Typography.Paragraph>
              <Card>
                <Table<StationSummary> aria-label={t('supervision.districtStations.title')} rowKey="id" columns={columns}
                  dataSource={page.items} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
              </Card>
            </>
          )}
      </QueryState>
    </Flex>
  );
}

/** One station of the district: its dashboard under its name; a station of another district is not found. */
export function DistrictStationPage({ districtCode, stationId }: { districtCode: string; stationId: string }) {
  const { t } = useTranslation();
  const stations = useDistrictStations(districtCode);
  return (
    <Flex vertical gap="small">
      <Link to="/district/stations">← {t('supervision.districtStations.back')}</Link>
      <QueryState query={stations}>
        {(page) => {
          const station = page.items.find((s) => s.id === stationId);
          return station
            ? <DashboardPage stationId={station.id} title={t('supervision.districtStations.stationTitle', { name: station.name })} />
            : <NotFound />;
        }}
      </QueryState>
    </Flex>
  );
}
