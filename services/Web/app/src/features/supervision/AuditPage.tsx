import { Button, Card, DatePicker, Empty, Flex, Form, Input, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryState } from '@/components/QueryState';
import { ReportDownloads } from '@/components/ReportDownloads';
import type { StationAuditEntry } from '@/lib/api/responses';
import { formatDateTime, shortId } from '@/lib/format';
import { useDistrictAudit, useDistrictStations, useStationAudit, type AuditFilter } from './api';
import { auditFilterFrom, auditQuery, auditSearchFrom, type AuditFormValues } from './audit-filter';
import { AuditedRecord, StaffName } from './common';

const PAGE_SIZE = 20;

/** The station's audit (its supervisor), or every station's of a district (its officer). */
export type AuditScope = { stationId: string } | { districtCode: string };

/**
 * Who read which of the station's files, when, and why for a break-the-glass read; filtered by the
 * address bar, and downloadable as Excel or CSV with the same filter (the download audited too).
 * A district officer reads the same for every station of the district.
 */
export default function AuditPage({ scope }: { scope: AuditScope }) {
  const station = 'stationId' in scope ? scope.stationId : undefined;
  const district = 'districtCode' in scope ? scope.districtCode : undefined;
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filter: AuditFilter = { ...auditFilterFrom(search), pageSize: PAGE_SIZE };
  const query = auditQuery(filter);
  const stationAudit = useStationAudit(station ?? '', query, station !== undefined);
  const districtAudit = useDistrictAudit(district ?? '', query, district !== undefined);
  const audit = station !== undefined ? stationAudit : districtAudit;
  const [form] = Form.useForm<AuditFormValues>();
  const title = district ? t('supervision.audit.districtTitle') : t('supervision.audit.title');

  // On a station's audit, the reader by name and whether of this station; on a district's, the station read.
  const stationColumns = (id: string): ColumnsType<StationAuditEntry> => [
    { key: 'reader', title: t('supervision.audit.reader'), render: (_, row) => <StaffName stationId={id} personId={row.readerId} /> },
    {
      key: 'readerStation', title: t('supervision.audit.readerStation'), responsive: ['md'],
      render: (_, row) => row.readerStationId === id ? t('supervision.audit.ownStation') : t('supervision.audit.otherStation'),
    },
  ];
  const districtColumns = (code: string): ColumnsType<StationAuditEntry> => [
    { key: 'station', title: t('supervision.audit.station'), render: (_, row) => <DistrictStationName districtCode={code} stationId={row.stationId} /> },
    { key: 'reader', title: t('supervision.audit.reader'), render: (_, row) => t('supervision.personLabel', { id: shortId(row.readerId) }) },
  ];
  const columns: ColumnsType<StationAuditEntry> = [
    { key: 'at', title: t('supervision.audit.at'), render: (_, row) => formatDateTime(row.at, i18n.language) },
    ...(station !== undefined ? stationColumns(station) : districtColumns(district ?? '')),
    {
      key: 'record', title: t('supervision.audit.record'),
      render: (_, row) => <AuditedRecord entry={row} />,
    },
    { key: 'what', title: t('supervision.audit.what'), render: (_, row) => t(`supervision.auditWhat.${row.what}`, { defaultValue: row.what }) },
    {
      key: 'kind', title: t('supervision.audit.breakGlass'),
      render: (_, row) => row.breakGlass
        ? <Flex vertical gap={4}><Tag color="#cf1322">{t('supervision.audit.breakGlass')}</Tag><span>{row.reason}</span></Flex>
        : <Typography.Text type="secondary">{t('supervision.audit.normal')}</Typography.Text>,
    },
  ];

  const initial: AuditFormValues = {
    breakGlass: filter.breakGlass ?? false,
    readerId: filter.readerId, recordId: filter.recordId,
    period: filter.from || filter.to ? [filter.from ? dayjs(filter.from) : null, filter.to ? dayjs(filter.to) : null] as [Dayjs | null, Dayjs | null] : undefined,
  };
  const guid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const idRule = { pattern: guid, message: t('supervision.audit.invalidId') };

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{title}</Typography.Title>
      <Card title={<h2 className="card-heading">{t('supervision.audit.filters')}</h2>}
        extra={(
          <ReportDownloads service="cases" path={station !== undefined ? `/stations/${station}/audit` : `/districts/${district}/audit`}
            name={title} query={{
              breakGlass: query.breakGlass ? 'true' : undefined, readerId: query.readerId, recordId: query.recordId, from: query.from, to: query.to,
            }} />
        )}>
        <Form<AuditFormValues> form={form} layout="inline" initialValues={initial} aria-label={t('supervision.audit.filters')}
          onFinish={(values) => setSearch(auditSearchFrom(values))}>
          <Form.Item name="breakGlass" label={t('supervision.audit.onlyBreakGlass')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="readerId" label={t('supervision.audit.readerId')} rules={[idRule]}>
            <Input allowClear style={{ width: '24em' }} />
          </Form.Item>
          <Form.Item name="recordId" label={t('supervision.audit.recordId')} rules={[idRule]}>
            <Input allowClear style={{ width: '24em' }} />
          </Form.Item>
          <Form.Item name="period" label={t('supervision.audit.period')}>
            <DatePicker.RangePicker allowEmpty={[true, true]}
              placeholder={[t('supervision.audit.from'), t('supervision.audit.to')]} />
          </Form.Item>
          <Form.Item>
            <Flex gap="small">
              <Button type="primary" htmlType="submit">{t('supervision.audit.search')}</Button>
              <Button onClick={() => { form.resetFields(); setSearch({}); }}>{t('supervision.audit.reset')}</Button>
            </Flex>
          </Form.Item>
        </Form>
      </Card>
      <QueryState query={audit}>
        {(data) => (
          <Card>
            <Typography.Paragraph>{t('supervision.audit.summary', { total: data.total })}</Typography.Paragraph>
            <Table<StationAuditEntry> aria-label={title} rowKey="id" columns={columns} dataSource={data.items}
              locale={{ emptyText: <Empty description={t('supervision.audit.empty')} /> }}
              pagination={{
                current: filter.page ?? 1, pageSize: PAGE_SIZE, total: data.total, hideOnSinglePage: true,
                showTotal: (total) => t('supervision.pageTotal', { total }),
                onChange: (page) => setSearch((s) => { const next = new URLSearchParams(s); next.set('page', String(page)); return next; }),
              }} />
          </Card>
        )}
      </QueryState>
    </Flex>
  );
}

/** A station of the district by its name when the district's list has it, else by short id. */
function DistrictStationName({ districtCode, stationId }: { districtCode: string; stationId: string }) {
  const { t } = useTranslation();
  const stations = useDistrictStations(districtCode);
  const name = stations.data?.items.find((s) => s.id === stationId)?.name;
  return <span>{name ?? t('supervision.stationLabel', { id: shortId(stationId) })}</span>;
}
