import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, Row, Select, Space, Tag, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import type { CaseFile, ServicePlan, VisitFrequency } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDate, formatDateTime } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import { useApprovePlan, useProposePlan, useSendBackPlan } from './api';
import type { CaseReader } from './CaseFilePage';
import { FormErrors, ReasonDialog } from './parts';

const FREQUENCIES: VisitFrequency[] = ['Weekly', 'Fortnightly', 'Monthly', 'Quarterly'];

interface PlanForm {
  goals: string[];
  interventions: string[];
  visitFrequency: VisitFrequency;
  reviewDate?: Dayjs;
}

/** 服务方案: the plan in force, the proposal waiting for (or sent back by) a supervisor, and a new proposal. */
export function ServicePlanTab({ file, reader }: { file: CaseFile; reader: CaseReader }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const approve = useApprovePlan(file.id);
  const sendBack = useSendBackPlan(file.id);
  const [sendingBack, setSendingBack] = useState(false);
  const writable = reader.breakGlassReason === null && file.status !== 'Closed';
  const proposal = file.proposedPlan;

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <Flex vertical gap="middle">
          <Card title={<h2 className="card-heading">{t('caseFile.plan.proposal')}</h2>}>
            {proposal ? (
              <Flex vertical gap="small">
                <PlanDetails plan={proposal} />
                {writable && reader.isSupervisor && proposal.status === 'Proposed' && (
                  <Space wrap>
                    <Button type="primary" loading={approve.isPending}
                      onClick={() => approve.mutateAsync({ values: undefined, requestId: '' })
                        .then(() => message.success(t('caseFile.plan.approved')), (error: unknown) => message.error(describeError(t, error)))}>
                      {t('caseFile.plan.approve')}
                    </Button>
                    <Button onClick={() => setSendingBack(true)}>{t('caseFile.plan.sendBack')}</Button>
                  </Space>
                )}
              </Flex>
            ) : <Empty description={t('caseFile.plan.noProposal')} />}
          </Card>
          <Card title={<h2 className="card-heading">{t('caseFile.plan.adopted')}</h2>}>
            {file.adoptedPlan ? <PlanDetails plan={file.adoptedPlan} /> : <Empty description={t('caseFile.plan.noneAdopted')} />}
          </Card>
        </Flex>
      </Col>
      {writable && (
        <Col xs={24} xl={12}>
          <Card title={<h2 className="card-heading">{t('caseFile.plan.formTitle')}</h2>}>
            <PlanFormCard file={file} />
          </Card>
        </Col>
      )}
      <ReasonDialog open={sendingBack} title={t('caseFile.plan.sendBack')} label={t('caseFile.plan.sendBackReason')}
        okText={t('caseFile.plan.sendBack')} onClose={() => setSendingBack(false)}
        onSubmit={async (reason) => { await sendBack.mutateAsync({ values: { reason }, requestId: '' }); void message.success(t('caseFile.plan.sentBack')); }} />
    </Row>
  );
}

function PlanDetails({ plan }: { plan: ServicePlan }) {
  const { t, i18n } = useTranslation();
  const state = plan.status === 'Adopted' ? 'success' : plan.status === 'Proposed' ? undefined : 'warning';
  return (
    <Descriptions column={1} size="small" bordered items={[
      { key: 'status', label: t('caseFile.plan.status'), children: <Tag color={state}>{t(`caseFile.plan.state.${plan.status}`)}</Tag> },
      ...(plan.sentBackReason ? [{ key: 'why', label: t('caseFile.plan.sentBackBecause'), children: plan.sentBackReason }] : []),
      { key: 'goals', label: t('caseFile.plan.goals'), children: <ul className="plain-list">{plan.goals.map((g, i) => <li key={i}>{g}</li>)}</ul> },
      ...(plan.interventions.length > 0 ? [{ key: 'interventions', label: t('caseFile.plan.interventions'),
        children: <ul className="plain-list">{plan.interventions.map((g, i) => <li key={i}>{g}</li>)}</ul> }] : []),
      { key: 'frequency', label: t('caseFile.plan.visitFrequency'), children: t(`caseFile.frequency.${plan.visitFrequency}`) },
      { key: 'review', label: t('caseFile.plan.reviewDate'), children: formatDate(plan.reviewDate, i18n.language) },
      { key: 'proposed', label: t('caseFile.plan.proposedAt'), children: formatDateTime(plan.proposedAt, i18n.language) },
      ...(plan.adoptedAt ? [{ key: 'adopted', label: t('caseFile.plan.adoptedAt'), children: formatDateTime(plan.adoptedAt, i18n.language) }] : []),
    ]} />
  );
}

function TextList({ name, label, addText, itemLabel, required }: {
  name: 'goals' | 'interventions'; label: string; addText: string; itemLabel: (n: number) => string; required: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Form.List name={name} rules={required ? [{
      validator: async (_, items?: string[]) => { if (!items || items.length === 0) throw new Error(t('caseFile.plan.goalRequired')); },
    }] : []}>
      {(fields, { add, remove }, { errors }) => (
        <fieldset className="text-list">
          <legend>{label}</legend>
          {fields.map((field, index) => (
            <Flex key={field.key} gap="small" align="baseline">
              <Form.Item {...field} key={field.key} className="text-list__item"
                rules={[{ required: true, whitespace: true, message: t('caseFile.plan.itemRequired') }, { max: 500, message: t('caseFile.plan.itemTooLong') }]}>
                <Input aria-label={itemLabel(index + 1)} />
              </Form.Item>
              <Button type="text" icon={<MinusCircleOutlined />} aria-label={t('caseFile.plan.remove', { item: itemLabel(index + 1) })}
                onClick={() => remove(field.name)} />
            </Flex>
          ))}
          <Form.ErrorList errors={errors} />
          <Button type="dashed" icon={<PlusOutlined />} onClick={() => add('')}>{addText}</Button>
        </fieldset>
      )}
    </Form.List>
  );
}

function PlanFormCard({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PlanForm>();
  const propose = useProposePlan(file.id);
  const { onFinish, pending, formError } = useServerForm(form, (v: PlanForm, requestId: string) => propose.mutateAsync({
    requestId,
    values: {
      goals: v.goals.map((g) => g.trim()), interventions: (v.interventions ?? []).map((g) => g.trim()),
      visitFrequency: v.visitFrequency, reviewDate: v.reviewDate!.format('YYYY-MM-DD'),
    },
  }), {
    describe: (error) => describeError(t, error),
    onSuccess: () => { void message.success(t('caseFile.plan.submitted')); form.resetFields(); },
  });

  return (
    <Form<PlanForm> form={form} layout="vertical" aria-label={t('caseFile.plan.formTitle')} requiredMark
      initialValues={{ goals: [''], interventions: [], visitFrequency: 'Monthly' }} onFinish={(v) => void onFinish(v)}>
      <FormErrors errors={formError} />
      <TextList name="goals" label={t('caseFile.plan.goals')} addText={t('caseFile.plan.addGoal')} required
        itemLabel={(n) => t('caseFile.plan.goalN', { n })} />
      <TextList name="interventions" label={t('caseFile.plan.interventions')} addText={t('caseFile.plan.addIntervention')} required={false}
        itemLabel={(n) => t('caseFile.plan.interventionN', { n })} />
      <Form.Item name="visitFrequency" label={t('caseFile.plan.visitFrequency')} rules={[{ required: true, message: t('caseFile.pleaseChoose') }]}>
        <Select options={FREQUENCIES.map((f) => ({ value: f, label: t(`caseFile.frequency.${f}`) }))} />
      </Form.Item>
      <Form.Item name="reviewDate" label={t('caseFile.plan.reviewDate')} rules={[{ required: true, message: t('caseFile.plan.reviewDateRequired') }]}>
        <DatePicker disabledDate={(d) => !d.isAfter(dayjs(), 'day')} style={{ width: '100%' }} />
      </Form.Item>
      <Typography.Paragraph type="secondary">{t('caseFile.plan.approvalNote')}</Typography.Paragraph>
      <Button type="primary" htmlType="submit" loading={pending} disabled={pending}>{t('caseFile.plan.submit')}</Button>
    </Form>
  );
}
