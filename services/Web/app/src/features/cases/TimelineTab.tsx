import { Alert, Card, DatePicker, Descriptions, Empty, Flex, Form, Timeline, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryState } from '@/components/QueryState';
import { isApiProblem } from '@/lib/api/problem';
import type { CaseFile, TimelineEntry } from '@/lib/api/responses';
import { endOfBeijingDay, formatDate, formatDateTime, riskLabel } from '@/lib/format';
import { useCaseFile, useTimeline } from './api';
import type { CaseReader } from './CaseFilePage';
import { abilityLabel } from './parts';

/** Entries the store had recorded by then: what the case file knew as of that moment. */
export function entriesAsOf(entries: TimelineEntry[], asOf: string | null): TimelineEntry[] {
  if (!asOf) return entries;
  const limit = Date.parse(asOf);
  return entries.filter((e) => Date.parse(e.recordedAt) <= limit);
}

/**
 * 时间线: everything that happened on the case, newest first. With an "as of" day (in the URL,
 * ?asOf=yyyy-mm-dd) it shows the case exactly as it stood at the end of that day — the service
 * replays it (GET /cases/{id}?asOf=) — and only what had been recorded by then.
 */
export function TimelineTab({ file, reader }: { file: CaseFile; reader: CaseReader }) {
  const { t, i18n } = useTranslation();
  const [params, setParams] = useSearchParams();
  const day = params.get('asOf');
  const validDay = day && dayjs(day, 'YYYY-MM-DD', true).isValid() ? day : null;
  const asOf = validDay ? endOfBeijingDay(validDay) : null;
  const timeline = useTimeline(file.id, reader.breakGlassReason);
  const then = useCaseFile(file.id, reader.breakGlassReason, asOf ?? undefined);

  return (
    <Flex vertical gap="middle">
      <Form layout="inline" aria-label={t('caseFile.timeline.asOfForm')}>
        <Form.Item label={t('caseFile.timeline.asOf')} htmlFor="timeline-as-of">
          <DatePicker id="timeline-as-of" value={validDay ? dayjs(validDay) : null} allowClear
            disabledDate={(d) => d.isAfter(dayjs(), 'day')} placeholder={t('caseFile.timeline.now')}
            onChange={(value) => setParams((p) => {
              const next = new URLSearchParams(p);
              if (value) next.set('asOf', value.format('YYYY-MM-DD')); else next.delete('asOf');
              return next;
            }, { replace: true })} />
        </Form.Item>
      </Form>
      {asOf && (
        <Card title={<h2 className="card-heading">{t('caseFile.timeline.thenTitle', { date: formatDate(asOf, i18n.language) })}</h2>}>
          {then.isError && isApiProblem(then.error) && then.error.status === 404 ? (
            <Empty description={t('caseFile.timeline.notYetOpened')} />
          ) : <QueryState query={then}>
            {(state) => (
              <Descriptions size="small" column={{ xs: 1, md: 2 }} bordered items={[
                { key: 'status', label: t('caseFile.overview.status'), children: t(`caseStatus.${state.status}`) },
                { key: 'risk', label: t('caseFile.overview.risk'), children: riskLabel(t, state.riskLevel) },
                { key: 'ability', label: t('caseFile.overview.ability'), children: abilityLabel(t, state.abilityLevel) },
                { key: 'plan', label: t('caseFile.timeline.plan'),
                  children: state.adoptedPlan ? t('caseFile.plan.state.Adopted')
                    : state.proposedPlan ? t(`caseFile.plan.state.${state.proposedPlan.status}`) : t('caseFile.timeline.noPlan') },
                { key: 'visits', label: t('caseFile.timeline.visits'), children: state.visits.length },
                { key: 'consents', label: t('caseFile.timeline.consents'), children: state.consents.filter((c) => c.status === 'Valid').length },
              ]} />
            )}
          </QueryState>}
        </Card>
      )}
      <Card title={<h2 className="card-heading">{t('caseFile.timeline.title')}</h2>}>
        <QueryState query={timeline}>
          {(entries) => {
            const shown = entriesAsOf(entries, asOf).slice().reverse();
            if (shown.length === 0) return <Empty description={t('caseFile.timeline.empty')} />;
            return (
              <>
                <Typography.Paragraph>{t('caseFile.timeline.count', { count: shown.length })}</Typography.Paragraph>
                <Timeline items={shown.map((e) => ({
                  key: e.version,
                  content: (
                    <div>
                      <Typography.Text strong>{formatDateTime(e.at, i18n.language)}</Typography.Text>
                      <div>{e.summary}</div>
                    </div>
                  ),
                }))} />
              </>
            );
          }}
        </QueryState>
      </Card>
      {asOf && <Alert type="info" showIcon title={t('caseFile.timeline.asOfNote')} />}
    </Flex>
  );
}
