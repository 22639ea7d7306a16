import { Card, Descriptions, Empty, Flex, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { QueryState } from '@/components/QueryState';
import { useSession } from '@/app/session';
import type {
  AlarmStatistics, CityStatistics, DistrictAlarmStatistics, DistrictStatistics, LedgerClientRow, StationLedger, StationVolunteerHours,
} from '@/lib/api/responses';
import { formatDateTime, shortId } from '@/lib/format';
import { useAlarmStatistics, useStationLedger, useStatistics, useVolunteerHours } from './api';
import { ReportDownloads as Downloads } from '@/components/ReportDownloads';
import { monthFrom, recentMonths } from './report-month';

const STAGES = ['Proposed', 'Approved', 'Accepted', 'Declined', 'Expired', 'Completed', 'Cancelled'] as const;
const LEVELS = ['Nobody', 'RuleAudience', 'StationSupervisors', 'StationCoordinators', 'DistrictOfficers'] as const;

/**
 * 月度报表: what the station and the district send the civil-affairs bureau each month. Station
 * staff read their station's ledger and volunteer hours; a district officer its district's
 * statistics and alarms; an admin the city's. Every figure is the services' own, and each can be
 * downloaded as Excel or CSV (the download is audited by the service that wrote it).
 */
export default function ReportsPage() {
  const { t } = useTranslation();
  const me = useSession();
  const [search, setSearch] = useSearchParams();
  const today = new Date();
  const month = monthFrom(search.get('month'), today);
  const staff = me.stationId && me.roles.some((r) => r === 'supervisor' || r === 'caseworker' || r === 'coordinator');
  const bureau = me.roles.includes('district-officer') || me.roles.includes('admin');
  // A district officer reads its own district; an admin, with no district, the whole city.
  const district = me.roles.includes('admin') ? undefined : me.districtCode ?? undefined;
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('reports.title')}</Typography.Title>
      <Flex gap="small" align="center" wrap>
        <label htmlFor="report-month">{t('reports.month')}</label>
        <Select id="report-month" value={month} style={{ width: '10em' }} aria-label={t('reports.month')}
          options={recentMonths(today, 24).map((m) => ({ value: m, label: m }))}
          onChange={(value) => setSearch({ month: value })} />
      </Flex>
      {staff && me.stationId && <LedgerCard stationId={me.stationId} month={month} />}
      {staff && me.stationId && <VolunteerHoursCard stationId={me.stationId} month={month} />}
      {bureau && <StatisticsCard month={month} district={district} />}
      {bureau && <AlarmStatisticsCard month={month} district={district} />}
      {!staff && !bureau && <Card><Empty description={t('reports.none')} /></Card>}
    </Flex>
  );
}

function Heading({ children }: { children: string }) {
  return <h2 className="card-heading">{children}</h2>;
}

function LedgerCard({ stationId, month }: { stationId: string; month: string }) {
  const { t, i18n } = useTranslation();
  const ledger = useStationLedger(stationId, month);
  const name = t('reports.ledger.title');
  return (
    <Card title={<Heading>{name}</Heading>}
      extra={<Downloads service="cases" path={`/stations/${stationId}/ledger`} query={{ month }} name={`${name}_${month}`} />}>
      <QueryState query={ledger}>
        {(data: StationLedger) => (
          <Flex vertical gap="middle">
            <Typography.Text type="secondary">
              {t('reports.ledger.period', { station: data.stationName, first: data.firstDay, last: data.lastDay })}
              {' · '}{t('reports.asOf', { date: formatDateTime(data.asOf, i18n.language) })}
            </Typography.Text>
            <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} aria-label={t('reports.ledger.totals')} items={[
              { key: 'served', label: t('reports.ledger.clientsServed'), children: data.totals.clientsServed },
              { key: 'visits', label: t('reports.ledger.caseworkerVisits'), children: data.totals.caseworkerVisits },
              { key: 'volunteerVisits', label: t('reports.ledger.volunteerVisits'), children: data.totals.volunteerVisits },
              { key: 'delivered', label: t('reports.ledger.mealsDelivered'), children: data.totals.mealsDelivered },
              { key: 'missed', label: t('reports.ledger.mealsMissed'), children: data.totals.mealsMissed },
              { key: 'skipped', label: t('reports.ledger.mealsSkipped'), children: data.totals.mealsSkipped },
              { key: 'held', label: t('reports.ledger.activitiesHeld'), children: data.totals.activitiesHeld },
              { key: 'attended', label: t('reports.ledger.activityAttendances'), children: data.totals.activityAttendances },
              { key: 'raised', label: t('reports.ledger.needsRaised'), children: data.totals.needsRaised },
              { key: 'matched', label: t('reports.ledger.needsMatched'), children: data.totals.needsMatched },
              { key: 'anonymous', label: t('reports.ledger.anonymous'), children: data.totals.clientsWithoutReportingConsent },
            ]} />
            <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 4 }} title={t('reports.ledger.referrals')}
              items={STAGES.map((stage) => ({ key: stage, label: t(`reports.stage.${stage}`), children: data.totals.referralsByStage[stage] ?? 0 }))} />
            {data.listsClients
              ? <ClientsTable rows={data.clients} />
              : <Typography.Paragraph type="secondary">{t('reports.ledger.totalsOnly')}</Typography.Paragraph>}
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}

function ClientsTable({ rows }: { rows: LedgerClientRow[] }) {
  const { t } = useTranslation();
  const count = (key: keyof LedgerClientRow, title: string) =>
    ({ key, title, dataIndex: key, align: 'right' as const, sorter: (a: LedgerClientRow, b: LedgerClientRow) => Number(a[key]) - Number(b[key]) });
  const columns: ColumnsType<LedgerClientRow> = [
    {
      key: 'case', title: t('reports.ledger.case'),
      render: (_, row) => (
        <Link className="case-link" to={`/cases/${row.caseId}`} aria-label={t('supervision.openCase', { id: shortId(row.caseId) })}>
          {t('supervision.caseLabel', { id: shortId(row.caseId) })}
        </Link>
      ),
    },
    { key: 'group', title: t('reports.ledger.group'), render: (_, row) => t(`clientGroup.${row.clientGroup}`) },
    {
      key: 'reporting', title: t('reports.ledger.reporting'),
      render: (_, row) => row.reportingConsent
        ? t('reports.ledger.reportingGiven')
        : <Typography.Text type="secondary">{t('reports.ledger.reportingMissing')}</Typography.Text>,
    },
    count('caseworkerVisits', t('reports.ledger.caseworkerVisits')),
    count('volunteerVisits', t('reports.ledger.volunteerVisits')),
    count('mealsDelivered', t('reports.ledger.mealsDelivered')),
    count('mealsMissed', t('reports.ledger.mealsMissed')),
    count('mealsSkipped', t('reports.ledger.mealsSkipped')),
    count('activitiesAttended', t('reports.ledger.activitiesAttended')),
    count('referralsCompleted', t('reports.ledger.referralsCompleted')),
  ];
  return (
    <Table<LedgerClientRow> aria-label={t('reports.ledger.clients')} rowKey="caseId" size="small" columns={columns} dataSource={rows}
      scroll={{ x: true }} locale={{ emptyText: <Empty description={t('reports.ledger.noService')} /> }}
      pagination={{ pageSize: 50, hideOnSinglePage: true, showTotal: (total) => t('supervision.pageTotal', { total }) }} />
  );
}

function VolunteerHoursCard({ stationId, month }: { stationId: string; month: string }) {
  const { t } = useTranslation();
  const hours = useVolunteerHours(stationId, month);
  const name = t('reports.hours.title');
  return (
    <Card title={<Heading>{name}</Heading>}
      extra={<Downloads service="volunteers" path={`/stations/${stationId}/volunteer-hours`} query={{ month }} name={`${name}_${month}`} />}>
      <QueryState query={hours}>
        {(data: StationVolunteerHours) => (
          <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} aria-label={name} items={[
            { key: 'total', label: t('reports.hours.total'), children: data.totalHours },
            { key: 'delivery', label: t('reports.hours.Delivery'), children: data.hoursBySource.Delivery ?? 0 },
            { key: 'visit', label: t('reports.hours.Visit'), children: data.hoursBySource.Visit ?? 0 },
            { key: 'reported', label: t('reports.hours.Reported'), children: data.hoursBySource.Reported ?? 0 },
            { key: 'volunteers', label: t('reports.hours.volunteers'), children: data.volunteersCredited },
            { key: 'entries', label: t('reports.hours.entries'), children: data.entries },
          ]} />
        )}
      </QueryState>
    </Card>
  );
}

function StatisticsCard({ month, district }: { month: string; district?: string }) {
  const { t, i18n } = useTranslation();
  const statistics = useStatistics(month, district);
  const name = t('reports.statistics.title');
  const columns: ColumnsType<DistrictStatistics> = [
    { key: 'district', title: t('reports.district'), render: (_, row) => row.districtCode === 'total' ? <strong>{t('reports.total')}</strong> : row.districtName },
    { key: 'stations', title: t('reports.statistics.stations'), dataIndex: 'stations', align: 'right' },
    { key: 'coverage', title: t('reports.statistics.coverage'), align: 'right', render: (_, row) => `${Math.round(row.coverage * 1000) / 10}%` },
    { key: 'open', title: t('reports.statistics.openCases'), dataIndex: 'openCases', align: 'right' },
    { key: 'elderly', title: t('clientGroup.Elderly'), align: 'right', render: (_, row) => row.openCasesByClientGroup.Elderly ?? 0 },
    { key: 'child', title: t('clientGroup.Child'), align: 'right', render: (_, row) => row.openCasesByClientGroup.Child ?? 0 },
    { key: 'high', title: t('reports.statistics.highRisk'), align: 'right', render: (_, row) => row.openCasesByRiskLevel.High ?? 0 },
    { key: 'raised', title: t('reports.statistics.needsRaised'), align: 'right', render: (_, row) => row.needs.raised },
    { key: 'matched', title: t('reports.statistics.needsMatched'), align: 'right', render: (_, row) => row.needs.matched },
    { key: 'waiting', title: t('reports.statistics.needsWaiting'), align: 'right', render: (_, row) => row.needs.waitingNow },
    { key: 'median', title: t('reports.statistics.medianHours'), align: 'right', render: (_, row) => row.needs.medianHoursToMatch ?? '—' },
  ];
  return (
    <Card title={<Heading>{name}</Heading>}
      extra={<Downloads service="cases" path="/statistics" query={{ month, district }} name={`${name}_${month}`} />}>
      <QueryState query={statistics}>
        {(data: CityStatistics) => (
          <Flex vertical gap="small">
            <Typography.Text type="secondary">{t('reports.asOf', { date: formatDateTime(data.asOf, i18n.language) })}</Typography.Text>
            <Table<DistrictStatistics> aria-label={name} rowKey="districtCode" size="small" columns={columns} scroll={{ x: true }}
              dataSource={data.districts.length > 1 ? [...data.districts, data.total] : data.districts} pagination={false}
              locale={{ emptyText: <Empty description={t('reports.statistics.empty')} /> }} />
          </Flex>
        )}
      </QueryState>
    </Card>
  );
}

function AlarmStatisticsCard({ month, district }: { month: string; district?: string }) {
  const { t } = useTranslation();
  const alarms = useAlarmStatistics(month, district);
  const name = t('reports.alarms.title');
  const columns: ColumnsType<DistrictAlarmStatistics> = [
    { key: 'district', title: t('reports.district'), render: (_, row) => row.districtCode === 'total' ? <strong>{t('reports.total')}</strong> : row.districtCode },
    { key: 'raised', title: t('reports.alarms.raised'), dataIndex: 'raised', align: 'right' },
    ...LEVELS.map((level) => ({
      key: level, title: t(`reports.level.${level}`), align: 'right' as const,
      render: (_: unknown, row: DistrictAlarmStatistics) => row.byHighestLevel[level] ?? 0,
    })),
    { key: 'acknowledged', title: t('reports.alarms.acknowledged'), dataIndex: 'acknowledged', align: 'right' },
    { key: 'open', title: t('reports.alarms.openNow'), dataIndex: 'openNow', align: 'right' },
    { key: 'median', title: t('reports.alarms.medianMinutes'), align: 'right', render: (_, row) => row.medianMinutesToAcknowledge ?? '—' },
  ];
  return (
    <Card title={<Heading>{name}</Heading>}
      extra={<Downloads service="notifications" path="/alarm-statistics" query={{ month, district }} name={`${name}_${month}`} />}>
      <QueryState query={alarms}>
        {(data: AlarmStatistics) => (
          <Table<DistrictAlarmStatistics> aria-label={name} rowKey="districtCode" size="small" columns={columns} scroll={{ x: true }}
            dataSource={data.districts.length > 1 ? [...data.districts, data.total] : data.districts} pagination={false}
            locale={{ emptyText: <Empty description={t('reports.alarms.empty')} /> }} />
        )}
      </QueryState>
    </Card>
  );
}
