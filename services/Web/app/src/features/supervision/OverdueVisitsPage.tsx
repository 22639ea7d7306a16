import { Card, Empty, Flex, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import type { OverdueVisit } from '@/lib/api/responses';
import { formatDate, riskColour, riskLabel } from '@/lib/format';
import { useOverdueVisits, useStaffNames } from './api';
import { CaseLink, staffName } from './common';

/** The station's cases whose home visit is overdue, longest overdue first (as the service orders them). */
export default function OverdueVisitsPage({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const visits = useOverdueVisits(stationId);
  const names = useStaffNames(stationId);
  const columns: ColumnsType<OverdueVisit> = [
    { key: 'case', title: t('supervision.overdue.case'), render: (_, row) => <CaseLink caseId={row.caseId} /> },
    { key: 'client', title: t('supervision.overdue.client'), render: (_, row) => t(`clientGroup.${row.clientGroup}`) },
    {
      key: 'risk', title: t('supervision.overdue.risk'),
      render: (_, row) => <Tag color={riskColour(row.riskLevel)}>{riskLabel(t, row.riskLevel)}</Tag>,
    },
    { key: 'caseworker', title: t('supervision.overdue.caseworker'), render: (_, row) => staffName(names.data, row.caseworkerId, t) },
    {
      key: 'last', title: t('supervision.overdue.lastVisit'), responsive: ['md'],
      render: (_, row) => row.lastVisitAt ? formatDate(row.lastVisitAt, i18n.language)
        : <Typography.Text type="secondary">{t('supervision.overdue.neverVisited')}</Typography.Text>,
    },
    { key: 'due', title: t('supervision.overdue.due'), render: (_, row) => formatDate(row.nextVisitDue, i18n.language) },
    {
      key: 'days', title: t('supervision.overdue.daysOverdue'), align: 'right',
      sorter: (a, b) => a.daysOverdue - b.daysOverdue,
      render: (_, row) => t('supervision.overdue.days', { count: row.daysOverdue }),
    },
  ];
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('supervision.overdue.title')}</Typography.Title>
      <QueryState query={visits}>
        {(data) => (
          <Card>
            <Typography.Paragraph>{t('supervision.overdue.summary', { count: data.length })}</Typography.Paragraph>
            <Table<OverdueVisit>
              aria-label={t('supervision.overdue.title')}
              rowKey="caseId"
              columns={columns}
              dataSource={data}
              locale={{ emptyText: <Empty description={t('supervision.overdue.empty')} /> }}
              pagination={{ pageSize: 20, showTotal: (total) => t('supervision.pageTotal', { total }), hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        )}
      </QueryState>
    </Flex>
  );
}
