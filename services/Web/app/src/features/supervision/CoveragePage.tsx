import { Card, Empty, Flex, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import type { DistrictCoverageReport } from '@/lib/api/responses';
import { useSession } from '@/app/session';
import { useCityCoverage } from './api';
import { Chart } from './Chart';
import { percent } from './chart-data';

/** How many townships have a nationally registered station, city-wide and by district (the bureau's coverage figure). */
export default function CoveragePage() {
  const { t } = useTranslation();
  const me = useSession();
  const coverage = useCityCoverage();
  const columns: ColumnsType<DistrictCoverageReport> = [
    {
      key: 'district', title: t('supervision.coverage.district'),
      render: (_, row) => row.districtCode === me.districtCode ? <strong>{row.districtName}</strong> : row.districtName,
    },
    { key: 'townships', title: t('supervision.coverage.townships'), dataIndex: 'townships', align: 'right' },
    { key: 'stations', title: t('supervision.coverage.stations'), dataIndex: 'stations', align: 'right' },
    { key: 'registered', title: t('supervision.coverage.registered'), dataIndex: 'townshipsWithRegisteredStation', align: 'right' },
    {
      key: 'rate', title: t('supervision.coverage.rate'), align: 'right',
      sorter: (a, b) => a.coverage - b.coverage, render: (_, row) => percent(row.coverage),
    },
  ];
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('supervision.coverage.title')}</Typography.Title>
      <QueryState query={coverage}>
        {(data) => (
          <>
            <Typography.Paragraph>
              {t('supervision.coverage.summary', {
                townships: data.townships, registered: data.townshipsWithRegisteredStation, coverage: percent(data.coverage),
              })}
            </Typography.Paragraph>
            {data.districts.length === 0
              ? <Card><Empty description={t('supervision.coverage.empty')} /></Card>
              : (
                <>
                  <Card title={<h2 className="card-heading">{t('supervision.coverage.chart')}</h2>}>
                    <Chart title={t('supervision.coverage.chart')} kind="bar" format={percent}
                      items={data.districts.map((d) => ({ key: d.districtCode, label: d.districtName, value: d.coverage }))} />
                  </Card>
                  <Card>
                    <Table<DistrictCoverageReport> aria-label={t('supervision.coverage.title')} rowKey="districtCode"
                      columns={columns} dataSource={data.districts} pagination={{ pageSize: 20, hideOnSinglePage: true }} />
                  </Card>
                </>
              )}
          </>
        )}
      </QueryState>
    </Flex>
  );
}
