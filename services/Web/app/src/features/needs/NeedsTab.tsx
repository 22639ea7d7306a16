import { useEffect, useId, useState } from 'react';
import {
  Alert, App, Button, Card, Col, ConfigProvider, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Modal, Row, Select, Spin, Table, Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleOutlined, ClockCircleOutlined, PlusOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import { useMe } from '@/features/auth/api';
import { useInboxItems } from '@/features/inbox/useInboxStream';
import { currentReferral, holdsPlace, referralsKey, useNeedReferrals } from '@/features/referrals/api';
import { ReferralDecision } from '@/features/referrals/ReferralDecision';
import { ReferralStatusTag } from '@/features/referrals/ReferralStatusTag';
import { isApiProblem } from '@/lib/api/problem';
import type { CandidateView, CaseNeed, InboxItem, NeedCategory, NeedStatus, Recurrence } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDate, formatDateTime, urgencyLabel, type NeedUrgency } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import {
  candidatesKey, caseKey, useCandidates, useCaseNeeds, useRaiseNeed, useWithdrawNeed, type RaiseNeedValues, type WithdrawNeedValues,
} from './api';

const CATEGORIES: NeedCategory[] = [
  'MealDelivery', 'Companionship', 'HomeCleaning', 'Tutoring', 'Counselling', 'MedicalCheck', 'Goods', 'FinancialAid', 'Escort',
];
const URGENCIES: NeedUrgency[] = ['Routine', 'Soon', 'Urgent'];
const RECURRENCES: Recurrence[] = ['Once', 'Daily', 'Weekly', 'Monthly'];

/** Whether a notification is about this case: its referrals, or a new resource that fits one of its needs. */
export function concernsCase(item: InboxItem, caseId: string): boolean {
  return item.caseId === caseId || (item.parameters.cases ?? '').split(',').some((id) => id.trim() === caseId);
}

/**
 * The case file's needs tab (需求): raise a need or withdraw one; for each open need the offers that
 * fit it with their reasons, and its referral's state, refreshed when the inbox stream brings news
 * of this case (a proposal, an acceptance, a new resource), not on a timer.
 */
export function NeedsTab({ caseId, stationId }: { caseId: string; stationId: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const caseFile = useCaseNeeds(caseId);
  const me = useMe().data;
  // Staff of another station read this file through break-the-glass: they may look, not change.
  const mayChange = !!me && me.stationId === stationId;

  useInboxItems((item) => {
    if (!concernsCase(item, caseId)) return;
    void queryClient.invalidateQueries({ queryKey: caseKey(caseId) });
    void queryClient.invalidateQueries({ queryKey: referralsKey });
    void queryClient.invalidateQueries({ queryKey: candidatesKey });
  });

  return (
    <QueryState query={caseFile}>
      {(data) => {
        const open = data.status !== 'Closed';
        const needs = [...data.needs].sort((a, b) => order(a.status) - order(b.status) || b.raisedAt.localeCompare(a.raisedAt));
        return (
          <Row gutter={[16, 16]}>
            <Col xs={24} xl={15}>
              <Flex vertical gap="middle">
                <h2 className="card-heading">{t('needs.listTitle')}</h2>
                {needs.length === 0 && <Card><Empty description={t('needs.empty')} /></Card>}
                {needs.map((need) => <NeedCard key={need.id} caseId={caseId} need={need} mayChange={mayChange} />)}
              </Flex>
            </Col>
            <Col xs={24} xl={9}>
              <Card title={<h2 className="card-heading">{t('needs.raiseTitle')}</h2>}>
                {!mayChange ? <Alert type="info" showIcon title={t('needs.readOnly')} />
                  : !open ? <Alert type="info" showIcon title={t('needs.caseClosed')} />
                  : <RaiseNeedForm caseId={caseId} />}
              </Card>
            </Col>
          </Row>
        );
      }}
    </QueryState>
  );
}

// antd's labels are 45 % black, short of 4.5:1 on white; the app's secondary text colour instead.
const LABELS_THEME = { components: { Descriptions: { labelColor: 'rgba(0, 0, 0, 0.65)' } } };

function order(status: NeedStatus): number {
  return { Open: 0, Matched: 1, Fulfilled: 2, Withdrawn: 3 }[status];
}

const NEED_LOOK: Record<NeedStatus, { color: string; icon: React.ReactNode }> = {
  Open: { color: 'warning', icon: <ClockCircleOutlined /> },
  Matched: { color: 'success', icon: <CheckCircleOutlined /> },
  Fulfilled: { color: 'default', icon: <CheckCircleOutlined /> },
  Withdrawn: { color: 'default', icon: <StopOutlined /> },
};

function NeedCard({ caseId, need, mayChange }: { caseId: string; need: CaseNeed; mayChange: boolean }) {
  const { t, i18n } = useTranslation();
  const headingId = useId();
  const [withdrawing, setWithdrawing] = useState(false);
  const live = need.status === 'Open' || need.status === 'Matched';
  const category = t(`needCategory.${need.category}`);

  return (
    <section aria-labelledby={headingId}>
      <Card
        title={
          <Flex wrap gap="small" align="center">
            <h3 id={headingId} className="card-heading">{category}</h3>
            <Tag className="status-tag" color={NEED_LOOK[need.status].color} icon={NEED_LOOK[need.status].icon}>{t(`needs.status.${need.status}`)}</Tag>
          </Flex>
        }
        extra={live && mayChange && (
          <Button icon={<RollbackOutlined />} onClick={() => setWithdrawing(true)}>{t('needs.withdraw')}</Button>
        )}
      >
        <Flex vertical gap="middle">
          <ConfigProvider theme={LABELS_THEME}>
            <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }} items={[
              { key: 'urgency', label: t('needs.urgency'), children: urgencyLabel(t, need.urgency) },
              { key: 'recurrence', label: t('needs.recurrence'), children: t(`needs.recurrenceLabel.${need.recurrence}`) },
              { key: 'quantity', label: t('needs.quantity'), children: need.quantity },
              { key: 'startDate', label: t('needs.startDate'), children: formatDate(`${need.startDate}T12:00:00+08:00`, i18n.language) },
              { key: 'raisedAt', label: t('needs.raisedAt'), children: formatDateTime(need.raisedAt, i18n.language) },
              ...(need.note ? [{ key: 'note', label: t('needs.note'), children: need.note }] : []),
            ]} />
          </ConfigProvider>
          {live && <NeedReferral caseId={caseId} need={need} mayChange={mayChange} />}
          {need.status === 'Open' && <NeedCandidates need={need} category={category} />}
        </Flex>
      </Card>
      {withdrawing && <WithdrawDialog caseId={caseId} need={need} category={category} onClose={() => setWithdrawing(false)} />}
    </section>
  );
}

/** The referral that speaks for the need now, with the caseworker's decision while it awaits one. */
function NeedReferral({ caseId, need, mayChange }: { caseId: string; need: CaseNeed; mayChange: boolean }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const referrals = useNeedReferrals(need.id);
  const referral = referrals.data ? currentReferral(referrals.data) : undefined;

  // Cases hears of an acceptance over the bus a moment after Matching (and the inbox) did: until the
  // case file shows the need Matched too, look again shortly; this stops as soon as the two agree.
  const behind = !!referral && holdsPlace(referral.status) && need.status === 'Open';
  useEffect(() => {
    if (!behind) return;
    const timer = setTimeout(() => void queryClient.invalidateQueries({ queryKey: caseKey(caseId) }), 1_000);
    return () => clearTimeout(timer);
  }, [behind, caseId, queryClient, need]);

  return (
    <div>
      <h4 className="card-heading">{t('needs.referral')}</h4>
      {referrals.isPending ? <Spin size="small" aria-label={t('app.loading')} />
        : referrals.isError ? <Typography.Text type="danger">{describeError(t, referrals.error)}</Typography.Text>
        : !referral ? <Typography.Paragraph>{t('needs.noReferral')}</Typography.Paragraph>
        : (
          <Flex wrap gap="small" align="center">
            <ReferralStatusTag status={referral.status} />
            <span>{t('referrals.referralTo', { provider: referral.providerName, offer: referral.offerTitle })}</span>
            {referral.status === 'AwaitingApproval' && mayChange && <ReferralDecision referral={referral} />}
          </Flex>
        )}
    </div>
  );
}

function NeedCandidates({ need, category }: { need: CaseNeed; category: string }) {
  const { t } = useTranslation();
  const candidates = useCandidates(need.id);
  const label = t('needs.candidatesOf', { category });

  const columns: ColumnsType<CandidateView> = [
    {
      key: 'offer', title: t('needs.offer'),
      render: (_, c) => (
        <Flex vertical gap={2}>
          <span>{c.title}</span>
          {c.alreadyTried && <Tag icon={<StopOutlined />}>{t('needs.alreadyTried')}</Tag>}
        </Flex>
      ),
    },
    { key: 'provider', title: t('needs.provider'), dataIndex: 'providerName' },
    { key: 'free', title: t('needs.freeCapacity'), dataIndex: 'freeCapacity', responsive: ['sm'] },
    { key: 'score', title: t('needs.score'), render: (_, c) => c.score.toFixed(1), responsive: ['md'] },
    {
      key: 'reasons', title: t('needs.reasons'),
      render: (_, c) => <ul className="match-reasons">{c.reasons.map((reason) => <li key={reason.code}>{reason.text}</li>)}</ul>,
    },
  ];

  return (
    <div>
      <h4 className="card-heading">{t('needs.candidates')}</h4>
      {candidates.isPending ? <Spin size="small" aria-label={t('app.loading')} />
        : candidates.isError ? (
          <Alert type="warning" showIcon
            title={isApiProblem(candidates.error) && candidates.error.status === 404 ? t('needs.matchingPending') : describeError(t, candidates.error)}
            action={<Button size="small" onClick={() => void candidates.refetch()}>{t('app.retry')}</Button>} />
        ) : (
          <Flex vertical gap="small">
            <Table<CandidateView>
              aria-label={label}
              rowKey="offerId"
              size="small"
              columns={columns}
              dataSource={candidates.data.candidates}
              locale={{ emptyText: <Empty description={t('needs.noCandidates')} /> }}
              pagination={false}
            />
            {candidates.data.excluded.length > 0 && (
              <Typography.Text type="secondary">{t('needs.excluded', { count: candidates.data.excluded.length })}</Typography.Text>
            )}
          </Flex>
        )}
    </div>
  );
}

export function RaiseNeedForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<RaiseNeedValues>();
  const raise = useRaiseNeed(caseId);
  const { onFinish, pending, formError } = useServerForm(form,
    (values: RaiseNeedValues, needId: string) => raise.mutateAsync({ values, needId }), {
      describe: (error) => describeError(t, error),
      onSuccess: (_, values) => {
        void message.success(t('needs.raised', { category: t(`needCategory.${values.category}`) }));
        form.resetFields();
      },
    });

  return (
    <Form<RaiseNeedValues>
      form={form}
      layout="vertical"
      aria-label={t('needs.raiseTitle')}
      initialValues={{ urgency: 'Routine', recurrence: 'Once', quantity: 1, startDate: dayjs() }}
      onFinish={(values) => void onFinish(values)}
      requiredMark
    >
      {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
      <Form.Item label={t('needs.category')} name="category" rules={[{ required: true, message: t('needs.requiredCategory') }]}>
        <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`needCategory.${c}`) }))} />
      </Form.Item>
      <Form.Item label={t('needs.urgency')} name="urgency" rules={[{ required: true }]}>
        <Select options={URGENCIES.map((u) => ({ value: u, label: urgencyLabel(t, u) }))} />
      </Form.Item>
      <Form.Item label={t('needs.recurrence')} name="recurrence" rules={[{ required: true }]}>
        <Select options={RECURRENCES.map((r) => ({ value: r, label: t(`needs.recurrenceLabel.${r}`) }))} />
      </Form.Item>
      <Form.Item label={t('needs.quantity')} name="quantity" rules={[{ required: true, type: 'number', min: 1, max: 1000, message: t('needs.quantityRange') }]}>
        <InputNumber min={1} max={1000} precision={0} className="full-width" />
      </Form.Item>
      <Form.Item label={t('needs.startDate')} name="startDate" rules={[{ required: true, message: t('needs.requiredStartDate') }]}>
        <DatePicker format="YYYY-MM-DD" className="full-width" />
      </Form.Item>
      <Form.Item label={t('needs.note')} name="note" rules={[{ max: 2000, message: t('needs.noteTooLong') }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={pending} disabled={pending}>
        {t('needs.submit')}
      </Button>
    </Form>
  );
}

function WithdrawDialog({ caseId, need, category, onClose }: { caseId: string; need: CaseNeed; category: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<WithdrawNeedValues>();
  const withdraw = useWithdrawNeed(caseId);
  const formId = `withdraw-${need.id}`;
  const { onFinish, pending, formError } = useServerForm(form,
    (values: WithdrawNeedValues) => withdraw.mutateAsync({ needId: need.id, values }), {
      describe: (error) => describeError(t, error),
      onSuccess: () => {
        void message.success(t('needs.withdrawn'));
        onClose();
      },
    });

  return (
    <Modal open title={t('needs.withdrawTitle', { category })} onCancel={onClose} destroyOnHidden
      okText={t('needs.withdrawSubmit')} cancelText={t('needs.cancel')}
      okButtonProps={{ danger: true, loading: pending, disabled: pending, htmlType: 'submit', form: formId }}>
      <Form<WithdrawNeedValues> id={formId} form={form} layout="vertical" aria-label={t('needs.withdraw')}
        onFinish={(values) => void onFinish(values)} requiredMark>
        {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
        <Form.Item label={t('needs.withdrawReason')} name="reason"
          rules={[{ required: true, whitespace: true, message: t('needs.requiredReason') }, { max: 500, message: t('needs.reasonTooLong') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
