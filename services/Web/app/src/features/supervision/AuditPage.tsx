import { Button, Card, DatePicker, Empty, Flex, Form, Input, Switch, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryState } from '@/components/QueryState';
import type { StationAuditEntry } from '@/lib/api/responses';
import { formatDateTime } from '@/lib/format';
import { useStationAudit, type AuditFilter } from './api';
import { auditFilterFrom, auditQuery, auditSearchFrom, type AuditFormValues } from './audit-filter';
import { AuditedRecord, StaffName } from './common';

const PAGE_SIZE = 20;

/** Who read which of the station's files, when, and why for a break-the-glass read; filtered by the address bar. */
export default function AuditPage({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const filter: AuditFilter = { ...auditFilterFrom(search), pageSize: PAGE_SIZE };
  const audit = useStationAudit(stationId, auditQuery(filter));
  const [form] = Form.useForm<AuditFormValues>();

  const columns: ColumnsType<StationAuditEntry> = [
    { key: 'at', title: t('supervision.audit.at'), render: (_, row) => formatDateTime(row.at, i18n.language) },
    { key: 'reader', title: t('supervision.audit.reader'), render: (_, row) => <StaffName stationId={stationId} personId={row.readerId} /> },
    {
      key: 'readerStation', title: t('supervision.audit.readerStation'), responsive: ['md'],
      render: (_, row) => row.readerStationId === stationId ? t('supervision.audit.ownStation') : t('supervision.audit.otherStation'),
    },
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
      <Typography.Title level={1}>{t('supervision.audit.title')}</Typography.Title>
      <Card title={<h2 className="card-heading">{t('supervision.audit.filters')}</h2>}>
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
            <Table<StationAuditEntry> aria-label={t('supervision.audit.title')} rowKey="id" columns={columns} dataSource={data.items}
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
