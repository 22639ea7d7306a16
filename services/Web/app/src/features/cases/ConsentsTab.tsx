import { App, Button, Card, Col, DatePicker, Empty, Form, Input, Popconfirm, Radio, Row, Select, Space, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseConsent, CaseFile, ConsentPurpose } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDate } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import { useGiveConsent, useWithdrawConsent } from './api';
import type { CaseReader } from './CaseFilePage';
import { FormErrors, onListField } from './parts';

const PURPOSES: ConsentPurpose[] = ['Referral', 'DeliveryDetailsSharing', 'SmsContact', 'Reporting'];

interface ConsentForm {
  givenBy: 'Client' | 'Guardian';
  guardianName?: string;
  purpose: ConsentPurpose;
  organisations?: string[];
  validUntil?: Dayjs;
  dietaryNotes?: string;
}

/** 知情同意: the consents given (withdrawable while valid) and the form to record one; a child's is the guardian's. */
export function ConsentsTab({ file, reader }: { file: CaseFile; reader: CaseReader }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const withdraw = useWithdrawConsent(file.id);
  const writable = reader.breakGlassReason === null && file.status !== 'Closed';
  const statusColour = { Valid: 'success', Withdrawn: 'default', Expired: 'warning' } as const;

  const columns: ColumnsType<CaseConsent> = [
    { key: 'purpose', title: t('caseFile.consents.purpose'), render: (_, c) => t(`caseFile.consents.purposes.${c.purpose}`) },
    { key: 'givenBy', title: t('caseFile.consents.givenBy'), render: (_, c) => t(`caseFile.consents.givers.${c.givenBy}`) },
    { key: 'organisations', title: t('caseFile.consents.organisations'), render: (_, c) => c.organisations.join('、') || '—' },
    { key: 'validUntil', title: t('caseFile.consents.validUntil'), render: (_, c) => formatDate(c.validUntil, i18n.language) },
    { key: 'status', title: t('caseFile.consents.status'), render: (_, c) => <Tag color={statusColour[c.status]}>{t(`caseFile.consents.states.${c.status}`)}</Tag> },
    ...(writable ? [{
      key: 'actions', title: t('caseFile.consents.actions'),
      render: (_: unknown, c: CaseConsent) => c.status === 'Valid' ? (
        <Popconfirm title={t('caseFile.consents.withdrawConfirm')} okText={t('caseFile.consents.withdrawOk')} cancelText={t('caseFile.cancel')}
          onConfirm={() => withdraw.mutateAsync({ values: { consentId: c.id }, requestId: '' })
            .then(() => message.success(t('caseFile.consents.withdrawn')), (error: unknown) => message.error(describeError(t, error)))}>
          <Button size="small" aria-label={t('caseFile.consents.withdrawOne', { purpose: t(`caseFile.consents.purposes.${c.purpose}`) })}>
            {t('caseFile.consents.withdraw')}
          </Button>
        </Popconfirm>
      ) : null,
    }] : []),
  ];

  return (
    <Row gutter={[16, 16]}>
      {writable && (
        <Col xs={24} xl={10}>
          <Card title={<h2 className="card-heading">{t('caseFile.consents.formTitle')}</h2>}>
            <ConsentFormCard file={file} />
          </Card>
        </Col>
      )}
      <Col xs={24} xl={writable ? 14 : 24}>
        <Card title={<h2 className="card-heading">{t('caseFile.consents.list')}</h2>}>
          <Table<CaseConsent> aria-label={t('caseFile.consents.list')} rowKey="id" columns={columns}
            dataSource={[...file.consents].reverse()} pagination={false} scroll={{ x: 'max-content' }}
            locale={{ emptyText: <Empty description={t('caseFile.consents.none')} /> }} />
        </Card>
      </Col>
    </Row>
  );
}

function ConsentFormCard({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ConsentForm>();
  const give = useGiveConsent(file.id);
  const child = file.clientGroup === 'Child';
  const givenBy = Form.useWatch('givenBy', form);
  const purpose = Form.useWatch('purpose', form);

  const { onFinish, pending, formError } = useServerForm(form, (v: ConsentForm, requestId: string) =>
    onListField(['organisations'], () => give.mutateAsync({
      requestId,
      values: {
        givenBy: v.givenBy, guardianName: v.guardianName?.trim() || null, purpose: v.purpose, organisations: v.organisations ?? [],
        validUntil: v.validUntil!.endOf('day').toISOString(), dietaryNotes: v.dietaryNotes?.trim() || null,
      },
    })), {
    describe: (error) => describeError(t, error),
    onSuccess: () => { void message.success(t('caseFile.consents.saved')); form.resetFields(); },
  });

  return (
    <Form<ConsentForm> form={form} layout="vertical" aria-label={t('caseFile.consents.formTitle')} requiredMark
      initialValues={{ givenBy: child ? 'Guardian' : 'Client', purpose: 'Referral', validUntil: dayjs().add(1, 'year') }}
      onFinish={(v) => void onFinish(v)}>
      <FormErrors errors={formError} />
      <Form.Item name="givenBy" label={t('caseFile.consents.givenBy')} extra={child ? t('caseFile.consents.childNote') : undefined}
        rules={[{ required: true, message: t('caseFile.pleaseChoose') }]}>
        <Radio.Group aria-label={t('caseFile.consents.givenBy')} options={[
          { value: 'Client', label: t('caseFile.consents.givers.Client'), disabled: child },
          { value: 'Guardian', label: t('caseFile.consents.givers.Guardian') },
        ]} />
      </Form.Item>
      {givenBy === 'Guardian' && (
        <Form.Item name="guardianName" label={t('caseFile.consents.guardianName')}
          rules={[{ required: true, whitespace: true, message: t('caseFile.consents.guardianNameRequired') }, { max: 100, message: t('caseFile.consents.guardianNameTooLong') }]}>
          <Input autoComplete="off" />
        </Form.Item>
      )}
      <Form.Item name="purpose" label={t('caseFile.consents.purpose')} rules={[{ required: true, message: t('caseFile.pleaseChoose') }]}>
        <Select options={PURPOSES.map((p) => ({ value: p, label: t(`caseFile.consents.purposes.${p}`) }))} />
      </Form.Item>
      <Form.Item name="organisations" label={t('caseFile.consents.organisations')} extra={t('caseFile.consents.organisationsHelp')}>
        <Select mode="tags" open={false} suffixIcon={null} tokenSeparators={[',', '，', '、']} />
      </Form.Item>
      <Form.Item name="validUntil" label={t('caseFile.consents.validUntil')} rules={[{ required: true, message: t('caseFile.consents.validUntilRequired') }]}>
        <DatePicker disabledDate={(d) => d.isBefore(dayjs(), 'day')} style={{ width: '100%' }} />
      </Form.Item>
      {purpose === 'DeliveryDetailsSharing' && (
        <Form.Item name="dietaryNotes" label={t('caseFile.consents.dietaryNotes')} rules={[{ max: 500, message: t('caseFile.consents.dietaryNotesTooLong') }]}>
          <Input.TextArea rows={2} />
        </Form.Item>
      )}
      <Space>
        <Button type="primary" htmlType="submit" loading={pending} disabled={pending}>{t('caseFile.consents.submit')}</Button>
      </Space>
    </Form>
  );
}
