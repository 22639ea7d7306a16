import { Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { QueryState } from '@/components/QueryState';
import type { NeedCategory, StationOpenNeed } from '@/lib/api/responses';
import { formatDateTime, urgencyLabel } from '@/lib/format';
import { useOpenNeeds, useStaffNames } from './api';
import { CaseLink, staffName } from './common';

const NEEDS: NeedCategory[] = ['MealDelivery', 'Companionship', 'HomeCleaning', 'Tutoring', 'Counselling', 'MedicalCheck', 'Goods', 'FinancialAid', 'Escort'];
const ALL = 'all';

/** The station's live needs, oldest first; the category filter is in the address, so it can be shared. */
export default function OpenNeedsPage({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const [search, setSearch] = useSearchParams();
  const category = NEEDS.find((c) => c === search.get('category'));
  const needs = useOpenNeeds(stationId, category);
  const names = useStaffNames(stationId);
  const columns: ColumnsType<StationOpenNeed> = [
    { key: 'category', title: t('supervision.needs.category'), render: (_, row) => t(`needCategory.${row.category}`) },
    {
      key: 'urgency', title: t('supervision.needs.urgency'),
      render: (_, row) => <Tag color={row.urgency === 'Urgent' ? 'error' : row.urgency === 'Soon' ? 'warning' : 'default'}>{urgencyLabel(t, row.urgency)}</Tag>,
    },
    { key: 'status', title: t('supervision.needs.status'), render: (_, row) => t(`supervision.needStatus.${row.status}`) },
    { key: 'raised', title: t('supervision.needs.raisedAt'), render: (_, row) => formatDateTime(row.raisedAt, i18n.language) },
    { key: 'case', title: t('supervision.needs.case'), render: (_, row) => <CaseLink caseId={row.caseId} /> },
    { key: 'caseworker', title: t('supervision.needs.caseworker'), responsive: ['md'], render: (_, row) => staffName(names.data, row.caseworkerId, t) },
  ];
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('supervision.needs.title')}</Typography.Title>
      <Card>
        <Flex vertical gap="middle">
          <Select<string>
            aria-label={t('supervision.needs.filter')}
            value={category ?? ALL}
            onChange={(value) => setSearch(value === ALL ? {} : { category: value }, { replace: true })}
            options={[{ value: ALL, label: t('supervision.needs.allCategories') }, ...NEEDS.map((c) => ({ value: c, label: t(`needCategory.${c}`) }))]}
            style={{ minWidth: 200, alignSelf: 'flex-start' }}
          />
          <QueryState query={needs}>
            {(data) => (
              <>
                <Typography.Paragraph>{t('supervision.needs.summary', { count: data.length })}</Typography.Paragraph>
                <Table<StationOpenNeed>
                  aria-label={t('supervision.needs.title')}
                  rowKey="needId"
                  columns={columns}
                  dataSource={data}
                  locale={{ emptyText: <Empty description={t('supervision.needs.empty')} /> }}
                  pagination={{ pageSize: 20, showTotal: (total) => t('supervision.pageTotal', { total }), hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                />
              </>
            )}
          </QueryState>
        </Flex>
      </Card>
    </Flex>
  );
}
