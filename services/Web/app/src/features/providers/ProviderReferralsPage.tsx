import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Empty, Flex, Form, Input, Modal, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckOutlined, CloseOutlined, FieldTimeOutlined, FlagOutlined, PhoneOutlined, PlayCircleOutlined, WarningOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import { useDeclineReferral, type DeclineReferralValues } from '@/features/referrals/api';
import { ReferralStatusTag } from '@/features/referrals/ReferralStatusTag';
import { useInboxItems } from '@/features/inbox/useInboxStream';
import type { ReferralDeclineReason, ReferralOutcome, ReferralView } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDateTime, shortId } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import {
  isInProgress, isOpenForProvider, providerReferralsKey, useAcceptReferral, useClientContact, useCompleteReferral,
  useProviderReferrals, useStartReferral, type CompleteValues,
} from './api';
import { contactView } from './contact';
import { countdown, countdownText } from './countdown';

// A client refusing is the caseworker's to record, not the provider's.
const REASONS: ReferralDeclineReason[] = ['NoCapacity', 'NotEligible', 'OutOfArea', 'NotSuitable', 'Other'];
const OUTCOMES: ReferralOutcome[] = ['Fulfilled', 'PartiallyFulfilled', 'NotFulfilled'];
const TICK_MS = 30_000;

/** Now, again every half minute: the deadlines count down while the page is open. */
function useNow(): Date {
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), TICK_MS);
    return () => clearInterval(timer);
  }, []);
  return now;
}

/** The provider's referrals: the ones waiting for their answer first, each with its deadline counted down. */
export default function ProviderReferralsPage() {
  const { t } = useTranslation();
  const referrals = useProviderReferrals();
  const queryClient = useQueryClient();
  const [which, setWhich] = useState<'open' | 'all'>('open');
  const now = useNow();
  // A new referral arrives as an inbox notification of the organisation: the list follows it live.
  useInboxItems((item) => {
    if (item.parameters.referralId) void queryClient.invalidateQueries({ queryKey: providerReferralsKey });
  });

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('providers.referrals.title')}</Typography.Title>
      <Typography.Paragraph>{t('providers.referrals.intro')}</Typography.Paragraph>
      <Segmented aria-label={t('providers.referrals.filter')} value={which} onChange={(value) => setWhich(value as 'open' | 'all')}
        options={[{ value: 'open', label: t('providers.referrals.open') }, { value: 'all', label: t('providers.referrals.all') }]} />
      <Card>
        <QueryState query={referrals}>
          {(data) => <ReferralTable referrals={which === 'open' ? data.filter(isOpenForProvider) : data} now={now} />}
        </QueryState>
      </Card>
    </Flex>
  );
}

function ReferralTable({ referrals, now }: { referrals: ReferralView[]; now: Date }) {
  const { t } = useTranslation();
  const columns: ColumnsType<ReferralView> = useMemo(() => [
    {
      key: 'resource',
      title: t('providers.referrals.resource'),
      render: (_, r) => (
        <Flex vertical gap={4}>
          <Typography.Text strong>{r.offerTitle}</Typography.Text>
          <Space size={4} wrap>
            <Tag>{t(`needCategory.${r.category}`)}</Tag>
            <Typography.Text type="secondary">{t('providers.referrals.case')} {shortId(r.caseId)}</Typography.Text>
          </Space>
        </Flex>
      ),
    },
    { key: 'status', title: t('providers.referrals.status'), render: (_, r) => <ReferralStatusTag status={r.status} /> },
    {
      key: 'deadline',
      title: t('providers.referrals.deadline'),
      render: (_, r) => r.status === 'AwaitingAcceptance' ? <Deadline dueAt={r.dueAt} now={now} /> : null,
    },
    {
      key: 'contact',
      title: t('providers.referrals.contact'),
      render: (_, r) => isInProgress(r) ? <ClientContactCell referralId={r.id} /> : null,
    },
    { key: 'actions', title: t('providers.referrals.actions'), render: (_, r) => <ReferralSteps referral={r} /> },
  ], [t, now]);

  return (
    <Table<ReferralView>
      aria-label={t('providers.referrals.table')}
      rowKey="id"
      columns={columns}
      dataSource={referrals}
      locale={{ emptyText: <Empty description={t('providers.referrals.empty')} /> }}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      scroll={{ x: 'max-content' }}
    />
  );
}

/** The client's contact while the provider serves them, or the line to call the station instead. */
function ClientContactCell({ referralId }: { referralId: string }) {
  const { t } = useTranslation();
  const contact = useClientContact(referralId);
  if (contact.isPending) return <Typography.Text type="secondary">{t('providers.referrals.contactLoading')}</Typography.Text>;
  if (contact.isError) return <Typography.Text type="warning" role="alert">{t('providers.referrals.contactFailed')}</Typography.Text>;
  const view = contactView(contact.data);
  if (view.kind === 'call') {
    const station = view.station ?? t('providers.referrals.theStation');
    return (
      <Typography.Text>
        <PhoneOutlined aria-hidden />{' '}
        {view.caseworker
          ? t('providers.referrals.callStation', { station, caseworker: view.caseworker })
          : t('providers.referrals.callStationNoCaseworker', { station })}
      </Typography.Text>
    );
  }
  return (
    <Flex vertical gap={2} aria-label={t('providers.referrals.contact')} role="group">
      <span>{t('providers.referrals.contactName')}{view.name}</span>
      {view.phone && (
        <span>{t('providers.referrals.contactPhone')}{view.tel ? <a href={view.tel}>{view.phone}</a> : view.phone}</span>
      )}
      {view.address && <span>{t('providers.referrals.contactAddress')}{view.address}</span>}
      <Typography.Text type="secondary">{t('providers.referrals.contactAudited')}</Typography.Text>
    </Flex>
  );
}

function Deadline({ dueAt, now }: { dueAt?: string | null; now: Date }) {
  const { t, i18n } = useTranslation();
  const left = countdown(dueAt, now);
  if (!left) return null;
  // Words and an icon with every colour: colour is never the only signal (适老化).
  const look = left.urgency === 'late' ? { color: 'error', icon: <WarningOutlined /> }
    : left.urgency === 'soon' ? { color: 'warning', icon: <FieldTimeOutlined /> } : { color: 'default', icon: <FieldTimeOutlined /> };
  return (
    <Flex vertical gap={4}>
      <span>{t('providers.referrals.respondBy', { date: formatDateTime(dueAt, i18n.language) })}</span>
      <Tag className="status-tag" color={look.color} icon={look.icon}>{countdownText(t, left)}</Tag>
    </Flex>
  );
}

/** The provider's next step on a referral: accept or decline it, start the service, complete it. */
function ReferralSteps({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const accept = useAcceptReferral();
  const start = useStartReferral();
  const [dialog, setDialog] = useState<'decline' | 'complete' | null>(null);
  const failed = (error: unknown) => void message.error(describeError(t, error));

  return (
    <Space wrap>
      {referral.status === 'AwaitingAcceptance' && (
        <>
          <Button type="primary" icon={<CheckOutlined />} loading={accept.isPending} disabled={accept.isPending}
            onClick={() => accept.mutate(referral.id, { onSuccess: () => void message.success(t('providers.referrals.accepted')), onError: failed })}>
            {t('providers.referrals.accept')}
          </Button>
          <Button icon={<CloseOutlined />} onClick={() => setDialog('decline')}>{t('providers.referrals.decline')}</Button>
        </>
      )}
      {referral.status === 'Accepted' && (
        <>
          <Button type="primary" icon={<PlayCircleOutlined />} loading={start.isPending} disabled={start.isPending}
            onClick={() => start.mutate(referral.id, { onSuccess: () => void message.success(t('providers.referrals.started')), onError: failed })}>
            {t('providers.referrals.start')}
          </Button>
          <Button icon={<CloseOutlined />} onClick={() => setDialog('decline')}>{t('providers.referrals.decline')}</Button>
        </>
      )}
      {referral.status === 'InService' && (
        <Button type="primary" icon={<FlagOutlined />} onClick={() => setDialog('complete')}>{t('providers.referrals.complete')}</Button>
      )}
      {dialog === 'decline' && <DeclineDialog referral={referral} onClose={() => setDialog(null)} />}
      {dialog === 'complete' && <CompleteDialog referral={referral} onClose={() => setDialog(null)} />}
    </Space>
  );
}

function DeclineDialog({ referral, onClose }: { referral: ReferralView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeclineReferralValues>();
  const decline = useDeclineReferral();
  const { onFinish, pending, formError } = useServerForm(form,
    (values: DeclineReferralValues) => decline.mutateAsync({ id: referral.id, values }), {
      describe: (error) => describeError(t, error),
      onSuccess: () => { void message.success(t('providers.referrals.declined')); onClose(); },
    });
  const title = t('providers.referrals.declineTitle', { offer: referral.offerTitle });
  const formId = `provider-decline-${referral.id}`;

  return (
    <Modal open title={title} onCancel={onClose} destroyOnHidden okText={t('providers.referrals.declineSubmit')}
      cancelText={t('providers.referrals.cancel')}
      okButtonProps={{ danger: true, loading: pending, disabled: pending, htmlType: 'submit', form: formId }}>
      <Form<DeclineReferralValues> id={formId} name={formId} form={form} layout="vertical" aria-label={title}
        onFinish={(values) => void onFinish(values)} requiredMark>
        {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
        <Form.Item label={t('providers.referrals.declineReason')} name="reason" rules={[{ required: true, message: t('providers.referrals.requiredReason') }]}>
          <Select options={REASONS.map((reason) => ({ value: reason, label: t(`referrals.declineReasons.${reason}`) }))} />
        </Form.Item>
        <Form.Item label={t('providers.referrals.declineNote')} name="note" rules={[{ max: 1000, message: t('providers.referrals.noteTooLong') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function CompleteDialog({ referral, onClose }: { referral: ReferralView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<CompleteValues>();
  const complete = useCompleteReferral();
  const { onFinish, pending, formError } = useServerForm(form,
    (values: CompleteValues) => complete.mutateAsync({ id: referral.id, values }), {
      describe: (error) => describeError(t, error),
      onSuccess: () => { void message.success(t('providers.referrals.completed')); onClose(); },
    });
  const title = t('providers.referrals.completeTitle', { offer: referral.offerTitle });
  const formId = `provider-complete-${referral.id}`;

  return (
    <Modal open title={title} onCancel={onClose} destroyOnHidden okText={t('providers.referrals.completeSubmit')}
      cancelText={t('providers.referrals.cancel')}
      okButtonProps={{ loading: pending, disabled: pending, htmlType: 'submit', form: formId }}>
      <Form<CompleteValues> id={formId} name={formId} form={form} layout="vertical" aria-label={title}
        onFinish={(values) => void onFinish(values)} requiredMark>
        {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
        <Form.Item label={t('providers.referrals.outcome')} name="outcome" rules={[{ required: true, message: t('providers.referrals.requiredOutcome') }]}>
          <Select options={OUTCOMES.map((outcome) => ({ value: outcome, label: t(`providers.referrals.outcomes.${outcome}`) }))} />
        </Form.Item>
        <Form.Item label={t('providers.referrals.completeNote')} name="note" rules={[{ max: 1000, message: t('providers.referrals.noteTooLong') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
