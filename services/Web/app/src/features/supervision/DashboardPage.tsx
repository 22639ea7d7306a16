import { useMemo } from 'react';
import { Card, Col, Flex, Row, Statistic, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '@/components/QueryState';
import type { StationDashboard } from '@/lib/api/responses';
import { formatDateTime, riskLabel, type Risk } from '@/lib/format';
import { useStationDashboard } from './api';
import { Chart } from './Chart';
import { chartItems } from './chart-data';
import './supervision.css';

const GROUPS = ['Elderly', 'Child'] as const;
const CATEGORIES = ['EmptyNest', 'LivesAlone', 'AdvancedAge', 'ExtremelyPoor', 'WidowedOrChildless', 'ChildInDifficulty', 'LeftBehind', 'Disabled'] as const;
const RISKS = ['High', 'Medium', 'Low', 'Unassessed'] as const;
const NEEDS = ['MealDelivery', 'Companionship', 'HomeCleaning', 'Tutoring', 'Counselling', 'MedicalCheck', 'Goods', 'FinancialAid', 'Escort'] as const;
// Darker than antd's presets, for contrast on white; each bar is named, so colour is never the only signal.
const RISK_COLOURS: Record<string, string> = { High: '#cf1322', Medium: '#ad6800', Low: '#237804', Unassessed: '#595959' };

/**
 * The station's dashboard as charts: the same counts as GET /stations/{id}/dashboard. Read from
 * outside the station (a district officer's), it has another title and no links into the
 * station's own pages, which are not theirs to open.
 */
export default function DashboardPage({ stationId, title }: { stationId: string; title?: string }) {
  const { t, i18n } = useTranslation();
  const dashboard = useStationDashboard(stationId);
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{title ?? t('supervision.dashboard.title')}</Typography.Title>
      <QueryState query={dashboard}>
        {(data) => (
          <>
            <Typography.Text type="secondary">{t('supervision.asOf', { date: formatDateTime(data.asOf, i18n.language) })}</Typography.Text>
            <Figures data={data} links={title === undefined} />
            <Charts data={data} />
          </>
        )}
      </QueryState>
    </Flex>
  );
}

function Figures({ data, links }: { data: StationDashboard; links: boolean }) {
  const { t } = useTranslation();
  const figures: { key: string; title: string; value: number; to?: string }[] = [
    { key: 'openCases', title: t('supervision.dashboard.openCases'), value: data.openCases },
    { key: 'overdueVisits', title: t('supervision.dashboard.overdueVisits'), value: data.overdueVisits, to: '/overdue-visits' },
    { key: 'opened', title: t('supervision.dashboard.openedLast30Days'), value: data.casesOpenedLast30Days },
    { key: 'closed', title: t('supervision.dashboard.closedLast30Days'), value: data.casesClosedLast30Days },
    { key: 'missed', title: t('supervision.dashboard.missedDeliveries'), value: data.missedDeliveriesLast7Days },
    { key: 'safety', title: t('supervision.dashboard.safetyChecks'), value: data.safetyChecksRequired },
  ];
  return (
    <Row gutter={[16, 16]}>
      {figures.map((f) => (
        <Col key={f.key} xs={12} md={8} xl={4}>
          <Card className="supervision-stat" role="group" aria-label={f.title}>
            <Statistic title={f.to && links ? <Link to={f.to}>{f.title}</Link> : f.title} value={f.value} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

function Charts({ data }: { data: StationDashboard }) {
  const { t } = useTranslation();
  const charts = useMemo(() => [
    {
      key: 'group', title: t('supervision.dashboard.byClientGroup'), kind: 'pie' as const,
      items: chartItems(data.openCasesByClientGroup, GROUPS, (k) => t(`clientGroup.${k}`)),
    },
    {
      key: 'risk', title: t('supervision.dashboard.byRisk'), kind: 'bar' as const, colours: RISK_COLOURS,
      items: chartItems(data.openCasesByRiskLevel, RISKS, (k) => riskLabel(t, k === 'Unassessed' ? null : (k as Risk))),
    },
    {
      key: 'category', title: t('supervision.dashboard.byCategory'), kind: 'bar' as const,
      items: chartItems(data.openCasesByCategory, CATEGORIES, (k) => t(`clientCategory.${k}`)),
    },
    {
      key: 'needs', title: t('supervision.dashboard.needsByCategory'), kind: 'bar' as const, to: '/open-needs',
      items: chartItems(data.openNeedsByCategory, NEEDS, (k) => t(`needCategory.${k}`)),
    },
  ], [data, t]);
  return (
    <Row gutter={[16, 16]}>
      {charts.map((c) => (
        <Col key={c.key} xs={24} lg={12}>
          <Card title={<h2 className="card-heading">{c.title}</h2>}
            extra={c.to ? <Link to={c.to}>{t('nav.openNeeds')}</Link> : undefined}>
            <Chart title={c.title} kind={c.kind} items={c.items} colours={c.colours} />
          </Card>
        </Col>
      ))}
    </Row>
  );
}
