import { Alert, App, Button, Card, Checkbox, Col, DatePicker, Empty, Form, Input, Row, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseFile, CaseVisit } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import { useRecordVisit } from './api';
import type { CaseReader } from './CaseFilePage';
import { FormErrors } from './parts';

interface VisitForm { visitedAt: Dayjs; observations: string; concernsRaised: boolean }

/** 探访: when the next visit is due, the visits so far, and the caseworker's form to record one. */
export function VisitsTab({ file, reader }: { file: CaseFile; reader: CaseReader }) {
  const { t, i18n } = useTranslation();
  const columns: ColumnsType<CaseVisit> = [
    { key: 'at', title: t('caseFile.visits.at'), render: (_, v) => formatDateTime(v.visitedAt, i18n.language) },
    { key: 'by', title: t('caseFile.visits.by'), render: (_, v) => t(`caseFile.visits.role.${v.visitorRole}`) },
    { key: 'concerns', title: t('caseFile.visits.concerns'),
      render: (_, v) => v.concernsRaised
        ? <Tag color="error" icon={<ExclamationCircleOutlined />}>{t('caseFile.visits.concernsYes')}</Tag>
        : t('caseFile.visits.concernsNo') },
    { key: 'observations', title: t('caseFile.visits.observations'), dataIndex: 'observations' },
  ];
  const due = file.nextVisitDue
    ? <Alert type={file.visitOverdue ? 'error' : 'info'} showIcon icon={<ClockCircleOutlined />}
        title={file.visitOverdue
          ? t('caseFile.visits.overdue', { date: formatDate(file.nextVisitDue, i18n.language) })
          : t('caseFile.visits.nextDue', { date: formatDate(file.nextVisitDue, i18n.language) })} />
    : <Alert type="info" showIcon title={t('caseFile.visits.noneDue')} />;
  const canRecord = reader.isCaseworker && reader.breakGlassReason === null && file.status !== 'Closed';

  return (
    <Row gutter={[16, 16]}>
      <Col span={24}>{due}</Col>
      {canRecord && (
        <Col xs={24} xl={10}>
          <Card title={<h2 className="card-heading">{t('caseFile.visits.formTitle')}</h2>}>
            <VisitFormCard file={file} />
          </Card>
        </Col>
      )}
      <Col xs={24} xl={canRecord ? 14 : 24}>
        <Card title={<h2 className="card-heading">{t('caseFile.visits.history')}</h2>}>
          <Table<CaseVisit> aria-label={t('caseFile.visits.history')} rowKey="id" columns={columns}
            dataSource={[...file.visits].reverse()} pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('caseFile.visits.none')} /> }} />
        </Card>
      </Col>
    </Row>
  );
}

function VisitFormCard({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<VisitForm>();
  const record = useRecordVisit(file.id);
  const { onFinish, pending, formError } = useServerForm(form, (v: VisitForm, requestId: string) => record.mutateAsync({
    requestId,
    values: { visitedAt: v.visitedAt.toISOString(), observations: v.observations, concernsRaised: v.concernsRaised ?? false },
  }), {
    describe: (error) => describeError(t, error),
    onSuccess: () => { void message.success(t('caseFile.visits.saved')); form.resetFields(); form.setFieldValue('visitedAt', dayjs()); },
  });
  return (
    <Form<VisitForm> form={form} layout="vertical" aria-label={t('caseFile.visits.formTitle')} requiredMark
      initialValues={{ visitedAt: dayjs(), concernsRaised: false }} onFinish={(v) => void onFinish(v)}>
      <FormErrors errors={formError} />
      <Form.Item name="visitedAt" label={t('caseFile.visits.at')} rules={[{ required: true, message: t('caseFile.visits.atRequired') }]}>
        <DatePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" disabledDate={(d) => d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
      </Form.Item>
      {/* Blank observations are the service's to refuse: its message then shows here. */}
      <Form.Item name="observations" label={t('caseFile.visits.observations')}
        rules={[{ required: true, message: t('caseFile.visits.observationsRequired') }, { max: 4000, message: t('caseFile.visits.observationsTooLong') }]}>
        <Input.TextArea rows={4} />
      </Form.Item>
      <Form.Item name="concernsRaised" valuePropName="checked">
        <Checkbox>{t('caseFile.visits.concernsRaised')}</Checkbox>
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} disabled={pending}>{t('caseFile.visits.submit')}</Button>
    </Form>
  );
}
