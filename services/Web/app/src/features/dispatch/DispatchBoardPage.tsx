import { useCallback, useMemo, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Empty, Flex, Form, Input, Modal, Radio, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CalendarOutlined, SwapOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import type { AlarmView } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { beijingIsoDate, formatDateTime } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import {
  MISSED_MEAL_RULES, useAcknowledgeAlarm, useDay, useOpenAlarms, usePlanDay, useReassign, useReassignSuggestions, useStationVolunteers,
  type ReassignValues,
} from './api';
import { arrange, caseRef, REASSIGNABLE, windowText } from './board';
import type { DeliveryListItem, DeliveryStatus, ReassignCandidate, RecipientConfirmation } from '@/lib/api/responses';
import { RoundsMap } from './RoundsMap';
import { useDayStream } from './useDayStream';
import './dispatch.css';

const STATUS_COLOURS: Record<DeliveryStatus, string> = {
  Scheduled: 'default', Offered: 'processing', Accepted: 'blue', PickedUp: 'cyan', Completed: 'success', Missed: 'error',
  Cancelled: 'default', Unassigned: 'warning',
};

// The household's answer to the evening-before SMS; a meal nobody was asked about shows nothing.
const CONFIRMATION_COLOURS: Record<RecipientConfirmation, string | null> = {
  NotAsked: null, NotSent: 'warning', NoAnswer: 'default', Confirmed: 'success', Skipped: 'orange',
};

/** 调度看板: the coordinator plans a day, watches its rounds change live and hands deliveries to other volunteers. */
export default function DispatchBoardPage({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const [date, setDate] = useState(() => beijingIsoDate(new Date()));
  const [reassigning, setReassigning] = useState<DeliveryListItem | null>(null);
  const live = useDayStream(stationId, date);

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('dispatch.title')}</Typography.Title>
      <MissedMealAlarms stationId={stationId} />
      <Card>
        <Flex gap="middle" align="center" wrap>
          <label htmlFor="dispatch-date">{t('dispatch.date')}</label>
          <DatePicker id="dispatch-date" allowClear={false} value={dayjs(date)} format="YYYY-MM-DD"
            onChange={(value) => value && setDate(value.format('YYYY-MM-DD'))} />
          <PlanButton stationId={stationId} date={date} />
          <Tag className="status-tag" color={live === 'open' ? 'success' : 'warning'} role="status">{t(`dispatch.live.${live}`)}</Tag>
        </Flex>
      </Card>
      <Day stationId={stationId} date={date} onReassign={setReassigning} />
      {reassigning && (
        <ReassignDialog stationId={stationId} date={date} delivery={reassigning} onClose={() => setReassigning(null)} />
      )}
    </Flex>
  );
}

function PlanButton({ stationId, date }: { stationId: string; date: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const plan = usePlanDay(stationId);
  return (
    <Button type="primary" icon={<CalendarOutlined />} loading={plan.isPending} disabled={plan.isPending}
      onClick={() => plan.mutate(date, {
        onSuccess: (planned) => void message.success(t('dispatch.planned', planned)),
        onError: (error) => void message.error(describeError(t, error)),
      })}>
      {t('dispatch.plan')}
    </Button>
  );
}

/** A station's open missed-meal alarms, at the top until someone acknowledges them. */
function MissedMealAlarms({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const alarms = useOpenAlarms(stationId);
  const acknowledge = useAcknowledgeAlarm(stationId);
  const missed = (alarms.data?.items ?? []).filter((a: AlarmView) => MISSED_MEAL_RULES.includes(a.rule) && a.state !== 'acknowledged');
  if (missed.length === 0) return null;
  return (
    <section aria-label={t('dispatch.alarms.title')}>
      <Flex vertical gap="small">
        {missed.map((a) => (
          <Alert key={a.id} type="error" showIcon
            title={a.title}
            description={<>{a.body} · {t('dispatch.alarms.raisedAt', { date: formatDateTime(a.raisedAt, i18n.language) })}</>}
            action={(
              <Button danger loading={acknowledge.isPending && acknowledge.variables === a.id}
                aria-label={t('dispatch.alarms.acknowledgeOne', { title: a.title })}
                onClick={() => acknowledge.mutate(a.id, { onError: (error) => void message.error(describeError(t, error)) })}>
                {t('dispatch.alarms.acknowledge')}
              </Button>
            )}
          />
        ))}
      </Flex>
    </section>
  );
}

function Day({ stationId, date, onReassign }: { stationId: string; date: string; onReassign: (d: DeliveryListItem) => void }) {
  const { t } = useTranslation();
  const day = useDay(stationId, date);
  const volunteers = useStationVolunteers(stationId);
  const names = useMemo(() => new Map((volunteers.data?.items ?? []).map((v) => [v.id, v.name])), [volunteers.data]);
  const nameOf = useCallback((id: string) => names.get(id) ?? t('dispatch.volunteerRef', { id: id.slice(-8) }), [names, t]);
  const arranged = useMemo(() => (day.data ? arrange(day.data) : null), [day.data]);

  return (
    <QueryState query={day}>
      {(deliveries) => {
        if (deliveries.length === 0 || !arranged) return <Card><Empty description={t('dispatch.empty')} /></Card>;
        const { rounds, untaken, counts } = arranged;
        return (
          <Flex vertical gap="middle">
            <Typography.Paragraph role="status">
              {t('dispatch.summary', {
                total: deliveries.length, completed: counts.Completed, missed: counts.Missed, untaken: untaken.length, rounds: rounds.length,
              })}
            </Typography.Paragraph>
            <RoundsMap stationId={stationId} date={date} arranged={arranged} nameOf={nameOf} />
            <Card title={<h2 className="card-heading">{t('dispatch.untaken', { count: untaken.length })}</h2>}>
              <Deliveries label={t('dispatch.untakenLabel')} items={untaken} onReassign={onReassign} />
            </Card>
            {rounds.map((round) => (
              <Card key={round.volunteerId}
                title={<h2 className="card-heading">{t('dispatch.round', { name: nameOf(round.volunteerId), count: round.deliveries.length })}</h2>}>
                <Deliveries label={t('dispatch.roundLabel', { name: nameOf(round.volunteerId) })} items={round.deliveries} onReassign={onReassign} />
              </Card>
            ))}
          </Flex>
        );
      }}
    </QueryState>
  );
}

function Deliveries({ label, items, onReassign }: { label: string; items: DeliveryListItem[]; onReassign: (d: DeliveryListItem) => void }) {
  const { t } = useTranslation();
  const columns: ColumnsType<DeliveryListItem> = [
    { key: 'stop', title: t('dispatch.stop'), render: (_, d) => (d.volunteerId ? d.routeStop : '—') },
    { key: 'case', title: t('dispatch.case'), render: (_, d) => <Typography.Text code>{caseRef(d.caseId)}</Typography.Text> },
    { key: 'window', title: t('dispatch.window'), render: (_, d) => windowText(d) },
    { key: 'status', title: t('dispatch.status'), render: (_, d) => <Tag className="status-tag" color={STATUS_COLOURS[d.status]}>{t(`dispatch.statuses.${d.status}`)}</Tag> },
    {
      key: 'confirmation', title: t('dispatch.confirmation'),
      render: (_, d) => CONFIRMATION_COLOURS[d.confirmation] !== null && (
        <Tag className="status-tag" color={CONFIRMATION_COLOURS[d.confirmation]!}>{t(`dispatch.confirmations.${d.confirmation}`)}</Tag>
      ),
    },
    {
      key: 'actions', title: t('dispatch.actions'),
      render: (_, d) => REASSIGNABLE.has(d.status) && (
        <Button icon={<SwapOutlined />} aria-label={t('dispatch.reassignOne', { ref: caseRef(d.caseId) })} onClick={() => onReassign(d)}>
          {t('dispatch.reassign')}
        </Button>
      ),
    },
  ];
  return (
    <Table<DeliveryListItem> aria-label={label} rowKey="id" columns={columns} dataSource={items} size="middle"
      locale={{ emptyText: <Empty description={t('dispatch.none')} /> }}
      pagination={{ pageSize: 50, hideOnSinglePage: true }} scroll={{ x: 'max-content' }} />
  );
}

function ReassignDialog({ stationId, date, delivery, onClose }: {
  stationId: string; date: string; delivery: DeliveryListItem; onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ReassignValues>();
  const suggestions = useReassignSuggestions(delivery.id);
  const reassign = useReassign(stationId, date);
  const { onFinish, pending, formError } = useServerForm(form, (values: ReassignValues) => reassign.mutateAsync({ id: delivery.id, values }), {
    describe: (error) => describeError(t, error),
    onSuccess: () => {
      void message.success(t('dispatch.reassigned', { ref: caseRef(delivery.caseId) }));
      onClose();
    },
  });
  const title = t('dispatch.reassignTitle', { ref: caseRef(delivery.caseId), window: windowText(delivery) });

  return (
    <Modal open title={title} onCancel={onClose} destroyOnHidden
      okText={t('dispatch.reassignSubmit')} cancelText={t('dispatch.cancel')}
      okButtonProps={{ loading: pending, disabled: pending, htmlType: 'submit', form: 'reassign-form' }}>
      <QueryState query={suggestions}>
        {(data) => (
          <Form<ReassignValues> id="reassign-form" form={form} layout="vertical" aria-label={title}
            initialValues={{ volunteerId: data.candidates.find((c) => c.suggested)?.volunteerId }}
            onFinish={(values) => void onFinish(values)}>
            {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
            {data.candidates.length === 0 ? <Empty description={t('dispatch.noCandidates')} /> : (
              <Form.Item label={t('dispatch.chooseVolunteer')} name="volunteerId" rules={[{ required: true, message: t('dispatch.volunteerRequired') }]}>
                <Radio.Group className="dispatch-candidates">
                  <Flex vertical gap="small">
                    {data.candidates.map((c) => <Radio key={c.volunteerId} value={c.volunteerId}><Candidate candidate={c} /></Radio>)}
                  </Flex>
                </Radio.Group>
              </Form.Item>
            )}
            <Form.Item label={t('dispatch.reason')} name="reason" rules={[{ max: 500, message: t('dispatch.reasonTooLong') }]}>
              <Input.TextArea rows={2} maxLength={500} />
            </Form.Item>
          </Form>
        )}
      </QueryState>
    </Modal>
  );
}

function Candidate({ candidate: c }: { candidate: ReassignCandidate }) {
  const { t } = useTranslation();
  return (
    <Flex gap="small" wrap align="center">
      <span>{c.name}</span>
      {c.suggested && <Tag className="status-tag" color="green">{t('dispatch.suggested')}</Tag>}
      <Typography.Text type="secondary">{t('dispatch.load', { load: c.load, max: c.maxLoad })} · {t('dispatch.km', { km: c.kilometres.toFixed(1) })}</Typography.Text>
      {!c.mayTake && <Tag className="status-tag" color="orange">{t('dispatch.mayNotTake')}</Tag>}
      {c.passed && <Tag className="status-tag">{t('dispatch.passed')}</Tag>}
      {c.backgroundCheck !== 'Cleared' && <Tag className="status-tag">{t('dispatch.background', { state: t(`dispatch.backgroundStates.${c.backgroundCheck}`) })}</Tag>}
    </Flex>
  );
}
