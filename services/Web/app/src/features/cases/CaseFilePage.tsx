import { useState } from 'react';
import { Alert, Button, Flex, Result, Spin, Tabs, Tag, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { NotFound } from '@/components/ResultPages';
import { NeedsTab } from '@/features/needs/NeedsTab';
import { isApiProblem } from '@/lib/api/problem';
import { describeError } from '@/lib/errors';
import { shortId } from '@/lib/format';
import type { CaseFile } from '@/lib/api/responses';
import { useCaseFile, useHousehold } from './api';
import { ActivitiesTab } from './ActivitiesTab';
import { AssessmentsTab } from './AssessmentsTab';
import { BreakGlassDialog } from './BreakGlassDialog';
import { ConsentsTab } from './ConsentsTab';
import { OverviewTab } from './OverviewTab';
import { ServicePlanTab } from './ServicePlanTab';
import { TimelineTab } from './TimelineTab';
import { VisitsTab } from './VisitsTab';

export const CASE_TABS = ['overview', 'assessments', 'plan', 'visits', 'needs', 'consents', 'timeline', 'activities'] as const;
export type CaseTab = (typeof CASE_TABS)[number];

export function isCaseTab(value: string | undefined): value is CaseTab {
  return (CASE_TABS as readonly string[]).includes(value ?? '');
}

/** Who reads the file and how: what the tabs may offer. */
export interface CaseReader {
  personId: string;
  isCaseworker: boolean;
  isSupervisor: boolean;
  /** The reason a supervisor of another station gave (break-the-glass): every read carries it, nothing is written. */
  breakGlassReason: string | null;
}

/**
 * A case file (个案档案) in tabs, the tab in the URL (/cases/:id/:tab). Another station's case is
 * not found; a supervisor may read it after stating a reason, which the service records.
 */
export default function CaseFilePage({ caseId, tab, reader: who }: {
  caseId: string; tab: CaseTab; reader: Omit<CaseReader, 'breakGlassReason'>;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [reason, setReason] = useState<string | null>(null);
  const [askingReason, setAskingReason] = useState(false);
  const file = useCaseFile(caseId, reason);
  const reader: CaseReader = { ...who, breakGlassReason: reason };

  if (file.isPending) return <div className="centered"><Spin aria-label={t('app.loading')} /></div>;
  if (file.isError) {
    const notFound = isApiProblem(file.error) && file.error.status === 404;
    if (notFound && who.isSupervisor && reason === null) {
      return (
        <>
          <Result status="404" icon={<LockOutlined aria-hidden />}
            title={<h1 className="result-title">{t('caseFile.breakGlass.notFoundTitle')}</h1>}
            subTitle={t('caseFile.breakGlass.notFoundText')}
            extra={<Button type="primary" onClick={() => setAskingReason(true)}>{t('caseFile.breakGlass.open')}</Button>} />
          <BreakGlassDialog open={askingReason} onClose={() => setAskingReason(false)}
            onReason={(given) => { setReason(given); setAskingReason(false); }} />
        </>
      );
    }
    if (notFound || (isApiProblem(file.error) && file.error.status === 400)) return <NotFound />;
    return (
      <Alert type="error" showIcon role="alert" title={describeError(t, file.error)}
        action={<Button onClick={() => void file.refetch()}>{t('app.retry')}</Button>} />
    );
  }

  const data = file.data;
  const go = (next: string) => navigate(next === 'overview' ? `/cases/${caseId}` : `/cases/${caseId}/${next}`);
  const panel = (key: CaseTab) => {
    switch (key) {
      case 'overview': return <OverviewTab file={data} reader={reader} />;
      case 'assessments': return <AssessmentsTab file={data} reader={reader} />;
      case 'plan': return <ServicePlanTab file={data} reader={reader} />;
      case 'visits': return <VisitsTab file={data} reader={reader} />;
      case 'needs': return <NeedsTab caseId={caseId} stationId={data.stationId} />;
      case 'consents': return <ConsentsTab file={data} reader={reader} />;
      case 'timeline': return <TimelineTab file={data} reader={reader} />;
      case 'activities': return <ActivitiesTab file={data} reader={reader} />;
    }
  };

  return (
    <Flex vertical gap="middle">
      <CaseHeading file={data} reason={reason} />
      {reason !== null && (
        <Alert type="warning" showIcon title={t('caseFile.breakGlass.reading', { reason })} description={t('caseFile.breakGlass.readOnly')} />
      )}
      <Tabs
        activeKey={tab}
        onChange={go}
        destroyOnHidden
        items={CASE_TABS
          .filter((key) => reason === null || key !== 'activities')
          .map((key) => ({ key, label: t(`caseFile.tabs.${key}`), children: panel(key) }))}
      />
    </Flex>
  );
}

function CaseHeading({ file, reason }: { file: CaseFile; reason: string | null }) {
  const { t } = useTranslation();
  const household = useHousehold(file.client?.householdId, reason);
  const member = household.data?.members.find((m) => m.memberId === file.client?.memberId);
  return (
    <Flex align="center" gap="small" wrap>
      <Typography.Title level={1}>
        {member?.name
          ? t('caseFile.titleWithName', { name: member.name, id: shortId(file.id) })
          : t('caseFile.title', { id: shortId(file.id) })}
      </Typography.Title>
      <Tag>{t(`caseStatus.${file.status}`)}</Tag>
    </Flex>
  );
}
