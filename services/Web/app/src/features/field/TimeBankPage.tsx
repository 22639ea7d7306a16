import { useState } from 'react';
import { Button, Flex, Input, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import { beijingIsoDate, formatDate, formatDateTime } from '@/lib/format';
import { useHours } from './api';
import { useFieldQueue } from './FieldQueue';
import { Panel } from './Panel';
import { QueuePanel } from './QueuePanel';


/** 时间银行: the balance, what was credited and reported, and reporting hours (queued like every field action). */
export function TimeBankPage({ volunteerId }: { volunteerId: string }) {
  const { t, i18n } = useTranslation();
  const hours = useHours(volunteerId);
  const { act } = useFieldQueue();
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1} className="field-page__title">{t('field.hours.title')}</Typography.Title>
      <QueuePanel />
      <QueryState query={hours}>
        {(statement) => (
          <>
            <Panel>
              <p className="field-balance"><span>{t('field.hours.balance')}</span> <strong>{statement.balance}</strong> {t('field.hours.unit')}</p>
            </Panel>
            <Panel title={<Typography.Title level={2} className="field-task__title">{t('field.hours.history')}</Typography.Title>}>
              {statement.entries.length === 0 ? <Typography.Text type="secondary">{t('field.hours.noEntries')}</Typography.Text> : (
                <ul className="field-list">
                  {[...statement.entries].reverse().map((e) => (
                    <li key={e.entryId}>{formatDateTime(e.creditedAt, i18n.language)} · {t(`field.hours.source.${e.source}`)} · +{e.hours}</li>
                  ))}
                </ul>
              )}
              {statement.reports.length > 0 && (
                <>
                  <Typography.Title level={3} className="field-task__title">{t('field.hours.reports')}</Typography.Title>
                  <ul className="field-list">
                    {[...statement.reports].reverse().map((r) => (
                      <li key={r.reportId}>
                        {formatDate(r.date, i18n.language)} · {r.hours} · {r.note} <Tag>{t(`field.hours.reportStatus.${r.status}`)}</Tag>
                      </li>
                    ))}
                  </ul>
                </>
              )}
            </Panel>
          </>
        )}
      </QueryState>
      <Panel title={<Typography.Title level={2} className="field-task__title">{t('field.hours.report')}</Typography.Title>}>
        <ReportHours onReport={(details) => void act('report-hours', volunteerId, details)} />
      </Panel>
    </Flex>
  );
}

/**
 * The report form, plain: antd's Form and its validator are a sixth of the phone's initial
 * JavaScript for three fields. Each field says what is missing next to it.
 */
function ReportHours({ onReport }: { onReport: (details: { hours: number; date: string; note: string }) => void }) {
  const { t } = useTranslation();
  const today = beijingIsoDate(new Date());
  const [hours, setHours] = useState('1');
  const [date, setDate] = useState(today);
  const [note, setNote] = useState('');
  const [tried, setTried] = useState(false);
  const amount = Number(hours);
  const errors = {
    hours: !(amount > 0 && amount <= 24) ? t('field.hours.hoursRequired') : undefined,
    date: !date || date > today ? t('field.hours.dateRequired') : undefined,
    note: note.trim() === '' ? t('field.hours.noteRequired') : undefined,
  };
  const field = (id: keyof typeof errors, label: string, input: React.ReactNode) => (
    <div className="field-form__item">
      <label htmlFor={`report-${id}`}>{label}</label>
      {input}
      {tried && errors[id] && <div id={`report-${id}-error`} className="field-form__error" role="alert">{errors[id]}</div>}
    </div>
  );
  const invalid = (id: keyof typeof errors) => (tried && errors[id] ? { 'aria-invalid': true, 'aria-describedby': `report-${id}-error`, status: 'error' as const } : {});
  return (
    <form noValidate onSubmit={(e) => {
      e.preventDefault();
      setTried(true);
      if (errors.hours || errors.date || errors.note) return;
      onReport({ hours: amount, date, note: note.trim() });
      setHours('1'); setDate(today); setNote(''); setTried(false);
    }}>
      <Flex vertical gap="small">
        {field('hours', t('field.hours.hours'),
          <Input id="report-hours" type="number" min={0.5} max={24} step={0.5} inputMode="decimal" value={hours}
            onChange={(e) => setHours(e.target.value)} {...invalid('hours')} />)}
        {field('date', t('field.hours.date'),
          <Input id="report-date" type="date" max={today} value={date} onChange={(e) => setDate(e.target.value)} {...invalid('date')} />)}
        {field('note', t('field.hours.note'),
          <Input.TextArea id="report-note" rows={2} maxLength={500} value={note} onChange={(e) => setNote(e.target.value)} {...invalid('note')} />)}
        <Button type="primary" htmlType="submit" size="large" autoInsertSpace={false}>{t('field.hours.submit')}</Button>
      </Flex>
    </form>
  );
}
