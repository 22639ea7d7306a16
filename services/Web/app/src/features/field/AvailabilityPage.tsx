import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Flex, Input, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import { NetworkError } from '@/lib/api/problem';
import { describeError } from '@/lib/errors';
import { useSetAvailability, useVolunteer, type DayOfWeek, type Slot } from './api';
import { Panel } from './Panel';
import { useFieldQueue } from './FieldQueue';
import { pendingAvailability } from './queue';
import { QueuePanel } from './QueuePanel';

const WEEK: DayOfWeek[] = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/**
 * 可服务时间: the week's slots, edited together and saved at once. Online it is sent straight away
 * (a refusal shows here); offline it waits in the phone's queue like every field action, and the
 * page shows the plan that waits.
 */
export function AvailabilityPage({ volunteerId }: { volunteerId: string }) {
  const { t } = useTranslation();
  const volunteer = useVolunteer(volunteerId);
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1} className="field-page__title">{t('field.availability.title')}</Typography.Title>
      <QueuePanel />
      <QueryState query={volunteer}>{(v) => <WeekEditor volunteerId={volunteerId} saved={v.availability} />}</QueryState>
    </Flex>
  );
}

function WeekEditor({ volunteerId, saved }: { volunteerId: string; saved: Slot[] }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const save = useSetAvailability(volunteerId);
  const { act, actions } = useFieldQueue();
  const initial = pendingAvailability<Slot>(actions, volunteerId) ?? saved;
  const queue = async (week: Slot[]) => {
    await act('set-availability', volunteerId, { slots: week.map((s) => ({ days: s.days, from: s.from, to: s.to })) });
    void message.info(t('field.availability.queued'));
  };
  const submit = () => {
    if (!navigator.onLine) { void queue(slots); return; }
    save.mutate(slots, {
      onSuccess: () => void message.success(t('field.availability.saved')),
      onError: (error) => { if (error instanceof NetworkError) void queue(slots); },
    });
  };
  const [slots, setSlots] = useState<Slot[]>(initial);
  useEffect(() => setSlots(initial), [initial]);
  const change = (index: number, slot: Partial<Slot>) => setSlots((all) => all.map((s, i) => (i === index ? { ...s, ...slot } : s)));
  return (
    <Flex vertical gap="small">
      {slots.map((slot, index) => (
        <Panel key={index}
          title={<Typography.Title level={2} className="field-task__title">{t('field.availability.slot', { n: index + 1 })}</Typography.Title>}
          extra={<Button aria-label={t('field.availability.remove', { n: index + 1 })}
            onClick={() => setSlots((all) => all.filter((_, i) => i !== index))}>{t('field.availability.removeShort')}</Button>}>
          <Flex vertical gap="small">
            <Checkbox.Group aria-label={t('field.availability.days', { n: index + 1 })} value={slot.days}
              onChange={(days) => change(index, { days: days as DayOfWeek[] })}
              options={WEEK.map((d) => ({ value: d, label: t(`field.availability.day.${d}`) }))} />
            <Flex gap="small" align="center">
              <Input type="time" aria-label={t('field.availability.from', { n: index + 1 })} value={slot.from.slice(0, 5)}
                onChange={(e) => change(index, { from: e.target.value })} />
              <span aria-hidden>–</span>
              <Input type="time" aria-label={t('field.availability.to', { n: index + 1 })} value={slot.to.slice(0, 5)}
                onChange={(e) => change(index, { to: e.target.value })} />
            </Flex>
          </Flex>
        </Panel>
      ))}
      <Button onClick={() => setSlots((all) => [...all, { days: ['Monday'], from: '09:00', to: '12:00' }])}>
        {t('field.availability.add')}
      </Button>
      {save.isError && !(save.error instanceof NetworkError) && <Alert type="error" showIcon role="alert" title={describeError(t, save.error)} />}
      <Button type="primary" size="large" autoInsertSpace={false} loading={save.isPending}
        onClick={submit}>
        {t('field.availability.save')}
      </Button>
    </Flex>
  );
}
