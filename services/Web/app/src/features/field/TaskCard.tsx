import { useState } from 'react';
import { Button, Flex, Radio, Space, Tag, Typography } from 'antd';
import { EnvironmentOutlined, PhoneOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { mapLinks, type FieldTask } from './api';
import { useFieldQueue } from './FieldQueue';
import { Panel } from './Panel';
import { projectedStatus, type MissReason } from './queue';

const MISS_REASONS: MissReason[] = ['NoAnswerAtDoor', 'Refused', 'Unwell', 'Other'];

const hhmm = (time: string) => time.slice(0, 5);

/** One task as the volunteer works it: where and when, who once it is theirs and the window is open, and the next answers. */
export function TaskCard({ task }: { task: FieldTask }) {
  const { t, i18n } = useTranslation();
  const { actions, act } = useFieldQueue();
  const [missing, setMissing] = useState(false);
  const [reason, setReason] = useState<MissReason>('NoAnswerAtDoor');
  const [concerned, setConcerned] = useState(false);
  const [note, setNote] = useState('');
  const mine = actions.filter((a) => a.target === task.id);
  const status = projectedStatus(task.status, mine);
  const waiting = mine.some((a) => a.state === 'pending');
  const visit = task.kind === 'CompanionshipVisit';
  const title = visit
    ? t('field.task.visitTitle', { from: hhmm(task.windowFrom), to: hhmm(task.windowTo) })
    : t('field.task.title', { stop: task.routeStop, from: hhmm(task.windowFrom), to: hhmm(task.windowTo) });
  const place = task.recipient?.position ?? task.pickUp;
  const links = place ? mapLinks(place, task.recipient?.address ?? t('field.task.canteen')) : null;
  return (
    <Panel className="field-task" title={<Typography.Title level={2} className="field-task__title">{title}</Typography.Title>}
      extra={<Tag color={status === 'Completed' ? 'green' : status === 'Missed' ? 'red' : 'blue'}>{t(`field.status.${status}`)}</Tag>}>
      <Flex vertical gap="small">
        {task.area && <Typography.Text>{t('field.task.area', { grid: task.area.grid, township: task.area.township })}</Typography.Text>}
        {task.recipient ? (
          <dl className="field-task__recipient">
            <dt>{t('field.task.recipient')}</dt><dd>{task.recipient.name}</dd>
            <dt>{t('field.task.address')}</dt><dd>{task.recipient.address}</dd>
            <dt>{t('field.task.phone')}</dt>
            <dd><a href={`tel:${task.recipient.phone}`}><PhoneOutlined aria-hidden /> {task.recipient.phone}</a></dd>
            {task.recipient.dietaryNotes && <><dt>{t('field.task.diet')}</dt><dd>{task.recipient.dietaryNotes}</dd></>}
          </dl>
        ) : (status === 'Offered' || status === 'Accepted' || status === 'PickedUp') && (
          // A finished task says nothing of when the details would show.
          <Typography.Text type="secondary">
            {status === 'Offered' ? t('field.task.detailsOnAccept')
              : t('field.task.detailsWithheld', { from: formatDateTime(task.detailsFrom, i18n.language), until: formatDateTime(task.detailsUntil, i18n.language) })}
          </Typography.Text>
        )}
        {links && (
          <Space wrap>
            <a href={links.geo}><EnvironmentOutlined aria-hidden /> {t('field.task.openMap')}</a>
            <a href={links.amap} target="_blank" rel="noreferrer">{t('field.task.openAmap')}</a>
          </Space>
        )}
        {waiting && <Typography.Text type="secondary">{t('field.task.waiting')}</Typography.Text>}
        <Flex wrap gap="small">
          {status === 'Offered' && (
            <>
              <Button autoInsertSpace={false} type="primary" size="large" onClick={() => void act('accept', task.id)}>{t('field.action.accept')}</Button>
              <Button autoInsertSpace={false} size="large" onClick={() => void act('decline', task.id)}>{t('field.action.decline')}</Button>
            </>
          )}
          {status === 'Accepted' && !visit && (
            <Button autoInsertSpace={false} type="primary" size="large" onClick={() => void act('pickup', task.id)}>{t('field.action.pickup')}</Button>
          )}
          {(status === 'PickedUp' || (status === 'Accepted' && visit)) && (
            <>
              <Button autoInsertSpace={false} type="primary" size="large" onClick={() => void act('complete', task.id, { wellbeing: 'Fine' })}>
                {visit ? t('field.action.visited') : t('field.action.delivered')}
              </Button>
              <Button autoInsertSpace={false} size="large" aria-expanded={concerned} onClick={() => { setConcerned(!concerned); setMissing(false); }}>
                {visit ? t('field.action.visitedWithConcern') : t('field.action.deliveredWithConcern')}
              </Button>
              {!visit && <Button autoInsertSpace={false} danger size="large" aria-expanded={missing} onClick={() => { setMissing(!missing); setConcerned(false); }}>{t('field.action.missed')}</Button>}
            </>
          )}
        </Flex>
        {concerned && (status === 'PickedUp' || status === 'Accepted') && (
          // What the volunteer saw goes to the caseworker: the person was reached, but not well.
          <fieldset className="field-miss">
            <legend>{t('field.concern.title')}</legend>
            <label className="field-concern__label" htmlFor={`concern-${task.id}`}>{t('field.concern.note')}</label>
            <textarea id={`concern-${task.id}`} className="field-concern__note" rows={3} maxLength={2000} value={note}
              onChange={(e) => setNote(e.target.value)} />
            <Flex gap="small" className="field-miss__buttons">
              <Button autoInsertSpace={false} type="primary" size="large" disabled={note.trim().length === 0}
                onClick={() => { setConcerned(false); void act('complete', task.id, { wellbeing: 'Concern', note: note.trim() }); }}>
                {t('field.concern.confirm')}
              </Button>
              <Button autoInsertSpace={false} size="large" onClick={() => setConcerned(false)}>{t('field.miss.cancel')}</Button>
            </Flex>
          </fieldset>
        )}
        {missing && (status === 'PickedUp' || status === 'Accepted') && (
          // Inline rather than a dialog: one thumb, no overlay, and the reason stays in view.
          <fieldset className="field-miss">
            <legend>{t('field.miss.title')}</legend>
            <Radio.Group value={reason} onChange={(e) => setReason(e.target.value as MissReason)}>
              <Space direction="vertical">
                {MISS_REASONS.map((r) => <Radio key={r} value={r}>{t(`field.miss.reasons.${r}`)}</Radio>)}
              </Space>
            </Radio.Group>
            <Flex gap="small" className="field-miss__buttons">
              <Button autoInsertSpace={false} danger type="primary" size="large" onClick={() => { setMissing(false); void act('miss', task.id, { reason }); }}>{t('field.miss.confirm')}</Button>
              <Button autoInsertSpace={false} size="large" onClick={() => setMissing(false)}>{t('field.miss.cancel')}</Button>
            </Flex>
          </fieldset>
        )}
      </Flex>
    </Panel>
  );
}
