import { useState } from 'react';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '@/components/QueryState';
import type { PlanAwaitingApproval, StationAuditEntry } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDate, formatDateTime, riskColour, riskLabel, shortId } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import {
  useApprovePlan, usePlansAwaitingApproval, useSendBackPlan, useStaffNames, useStationAudit, type SendBackValues,
} from './api';
import { AuditedRecord, CaseLink, staffName } from './common';

const PAGE_SIZE = 10;

/** The supervisor's queue: service plans to approve or send back, and other stations' break-the-glass reads to review. */
export default function ApprovalsPage({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('supervision.approvals.title')}</Typography.Title>
      <Card title={<h2 className="card-heading">{t('supervision.approvals.plansTitle')}</h2>}>
        <PlansQueue stationId={stationId} />
      </Card>
      <Card title={<h2 className="card-heading">{t('supervision.approvals.breakGlassTitle')}</h2>}
        extra={<Link to="/audit?breakGlass=true">{t('supervision.approvals.allAudit')}</Link>}>
        <BreakGlassReads stationId={stationId} />
      </Card>
    </Flex>
  );
}

function PlansQueue({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const [page, setPage] = useState(1);
  const plans = usePlansAwaitingApproval(stationId, { page, pageSize: PAGE_SIZE });
  const names = useStaffNames(stationId);
  const approve = useApprovePlan(stationId);
  const [sendingBack, setSendingBack] = useState<string | null>(null);

  const columns: ColumnsType<PlanAwaitingApproval> = [
    {
      key: 'client',
      title: t('supervision.approvals.client'),
      render: (_, row) => (
        <Flex vertical gap={4}>
          <span><CaseLink caseId={row.caseId} /> · {t(`clientGroup.${row.clientGroup}`)}</span>
          <Space size={4} wrap>
            {row.categories.map((c) => <Tag key={c}>{t(`clientCategory.${c}`)}</Tag>)}
            <Tag color={riskColour(row.riskLevel)}>{riskLabel(t, row.riskLevel)}</Tag>
          </Space>
        </Flex>
      ),
    },
    {
      key: 'plan',
      title: t('supervision.approvals.plan'),
      render: (_, row) => (
        <Flex vertical gap={4}>
          <span>{t('supervision.approvals.goals', { count: row.goals })} · {t(`supervision.frequency.${row.visitFrequency}`)}</span>
          <Typography.Text type="secondary">{t('supervision.approvals.reviewDate', { date: formatDate(row.reviewDate, i18n.language) })}</Typography.Text>
        </Flex>
      ),
    },
    {
      key: 'proposed',
      title: t('supervision.approvals.proposed'),
      responsive: ['md'],
      render: (_, row) => t('supervision.approvals.proposedBy', {
        who: staffName(names.data, row.proposedBy, t), date: formatDateTime(row.proposedAt, i18n.language),
      }),
    },
    {
      key: 'actions',
      title: t('supervision.approvals.actions'),
      render: (_, row) => {
        const id = shortId(row.caseId);
        return (
          <Space wrap>
            <Button type="primary" icon={<CheckOutlined />} aria-label={t('supervision.approvals.approveCase', { id })}
              loading={approve.isPending && approve.variables === row.caseId}
              onClick={() => approve.mutate(row.caseId, {
                onSuccess: () => void message.success(t('supervision.approvals.approved', { id })),
                onError: (error) => void message.error(describeError(t, error)),
              })}>
              {t('supervision.approvals.approve')}
            </Button>
            <Button icon={<RollbackOutlined />} aria-label={t('supervision.approvals.sendBackCase', { id })}
              onClick={() => setSendingBack(row.caseId)}>
              {t('supervision.approvals.sendBack')}
            </Button>
          </Space>
        );
      },
    },
  ];

  return (
    <QueryState query={plans}>
      {(data) => (
        <>
          <Typography.Paragraph>{t('supervision.approvals.plansSummary', { count: data.total })}</Typography.Paragraph>
          <Table<PlanAwaitingApproval>
            aria-label={t('supervision.approvals.plansTitle')}
            rowKey="caseId"
            columns={columns}
            dataSource={data.items}
            locale={{ emptyText: <Empty description={t('supervision.approvals.plansEmpty')} /> }}
            pagination={{
              current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, hideOnSinglePage: true,
              showTotal: (total) => t('supervision.pageTotal', { total }),
            }}
            scroll={{ x: 'max-content' }}
          />
          {sendingBack && (
            <SendBackDialog stationId={stationId} caseId={sendingBack} onClose={() => setSendingBack(null)} />
          )}
        </>
      )}
    </QueryState>
  );
}

function SendBackDialog({ stationId, caseId, onClose }: { stationId: string; caseId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<SendBackValues>();
  const sendBack = useSendBackPlan(stationId, caseId);
  const { onFinish, pending, formError } = useServerForm(form, (values: SendBackValues) => sendBack.mutateAsync(values), {
    describe: (error) => describeError(t, error),
    onSuccess: () => {
      void message.success(t('supervision.approvals.sentBack', { id: shortId(caseId) }));
      onClose();
    },
  });
  const title = t('supervision.approvals.sendBackTitle');
  return (
    <Modal open title={title} onCancel={onClose} destroyOnHidden footer={null}
      closable={{ 'aria-label': t('supervision.approvals.cancel') }}>
      <Typography.Paragraph>{t('supervision.approvals.sendBackIntro')}</Typography.Paragraph>
      <Form<SendBackValues> form={form} layout="vertical" aria-label={title} onFinish={(values) => void onFinish(values)} requiredMark>
        {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
        <Form.Item name="reason" label={t('supervision.approvals.reason')}
          rules={[
            { required: true, whitespace: true, message: t('supervision.approvals.reasonRequired') },
            { max: 1000, message: t('supervision.approvals.reasonTooLong') },
          ]}>
          <Input.TextArea rows={4} autoFocus />
        </Form.Item>
        <Flex justify="end" gap="small">
          <Button onClick={onClose}>{t('supervision.approvals.cancel')}</Button>
          <Button type="primary" htmlType="submit" loading={pending}>{t('supervision.approvals.confirmSendBack')}</Button>
        </Flex>
      </Form>
    </Modal>
  );
}

function BreakGlassReads({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const reads = useStationAudit(stationId, { breakGlass: true, page, pageSize: PAGE_SIZE });
  const columns: ColumnsType<StationAuditEntry> = [
    { key: 'at', title: t('supervision.audit.at'), render: (_, row) => formatDateTime(row.at, i18n.language) },
    { key: 'reader', title: t('supervision.audit.reader'), render: (_, row) => t('supervision.personLabel', { id: shortId(row.readerId) }) },
    {
      key: 'record', title: t('supervision.audit.record'),
      render: (_, row) => <AuditedRecord entry={row} />,
    },
    { key: 'reason', title: t('supervision.audit.reason'), dataIndex: 'reason' },
  ];
  return (
    <>
      <Typography.Paragraph>{t('supervision.approvals.breakGlassIntro')}</Typography.Paragraph>
      <QueryState query={reads}>
        {(data) => (
          <Table<StationAuditEntry>
            aria-label={t('supervision.approvals.breakGlassTitle')}
            rowKey="id"
            columns={columns}
            dataSource={data.items}
            locale={{ emptyText: <Empty description={t('supervision.approvals.breakGlassEmpty')} /> }}
            pagination={{ current: page, pageSize: PAGE_SIZE, total: data.total, onChange: setPage, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
          />
        )}
      </QueryState>
    </>
  );
}
