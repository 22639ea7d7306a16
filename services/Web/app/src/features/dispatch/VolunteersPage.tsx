import { useState } from 'react';
import { Card, Empty, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import { body, volunteersApi } from '@/lib/api/clients';
import { formatDate } from '@/lib/format';
import type { BackgroundCheckStatus, VolunteerPage, VolunteerSummary } from '@/lib/api/responses';

const CHECKS: BackgroundCheckStatus[] = ['NotChecked', 'Pending', 'Cleared', 'Failed'];
const CHECK_COLOURS: Record<BackgroundCheckStatus, string> = { NotChecked: 'default', Pending: 'processing', Cleared: 'success', Failed: 'error' };
const PAGE_SIZE = 20;

function useVolunteers(stationId: string, q: string, backgroundCheck: BackgroundCheckStatus | undefined, page: number) {
  return useQuery({
    queryKey: ['volunteers', 'list', stationId, { q, backgroundCheck, page }],
    queryFn: () => body<VolunteerPage>(volunteersApi.GET('/volunteers', {
      params: { query: { stationId, q: q || undefined, backgroundCheck, page, pageSize: PAGE_SIZE } },
    })),
    placeholderData: keepPreviousData,
  });
}

/** The station's volunteers: who they are, whether tasks may go to them, and whose background check is cleared. */
export default function VolunteersPage({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const [q, setQ] = useState('');
  const [check, setCheck] = useState<BackgroundCheckStatus | undefined>();
  const [page, setPage] = useState(1);
  const list = useVolunteers(stationId, q, check, page);

  const columns: ColumnsType<VolunteerSummary> = [
    { key: 'name', title: t('dispatch.volunteers.name'), render: (_, v) => v.name ?? t('dispatch.volunteers.erasedName') },
    { key: 'skills', title: t('dispatch.volunteers.skills'), render: (_, v) => v.skills.map((s) => t(`dispatch.volunteers.skill.${s}`)).join('、') },
    { key: 'senior', title: t('dispatch.volunteers.senior'), render: (_, v) => (v.isSenior ? t('dispatch.volunteers.yes') : t('dispatch.volunteers.no')) },
    { key: 'status', title: t('dispatch.volunteers.status'), render: (_, v) => t(`dispatch.volunteers.statuses.${v.status}`) },
    {
      key: 'check', title: t('dispatch.volunteers.backgroundCheck'),
      render: (_, v) => <Tag className="status-tag" color={CHECK_COLOURS[v.backgroundCheck]}>{t(`dispatch.backgroundStates.${v.backgroundCheck}`)}</Tag>,
    },
    { key: 'since', title: t('dispatch.volunteers.since'), responsive: ['md'], render: (_, v) => formatDate(v.registeredAt, i18n.language) },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('dispatch.volunteers.title')}</Typography.Title>
      <Card>
        <Flex gap="middle" wrap align="center">
          <Input.Search allowClear aria-label={t('dispatch.volunteers.search')} placeholder={t('dispatch.volunteers.searchPlaceholder')}
            maxLength={50} style={{ maxWidth: 320 }} enterButton={t('dispatch.volunteers.searchButton')}
            onSearch={(value) => { setQ(value.trim()); setPage(1); }} />
          <Select<BackgroundCheckStatus | 'all'> aria-label={t('dispatch.volunteers.backgroundCheck')} style={{ minWidth: 200 }}
            value={check ?? 'all'}
            onChange={(value) => { setCheck(value === 'all' ? undefined : value); setPage(1); }}
            options={[
              { value: 'all', label: t('dispatch.volunteers.anyCheck') },
              ...CHECKS.map((c) => ({ value: c, label: t('dispatch.volunteers.checkIs', { state: t(`dispatch.backgroundStates.${c}`) }) })),
            ]} />
        </Flex>
      </Card>
      <Card>
        <QueryState query={list}>
          {(data) => (
            <Table<VolunteerSummary> aria-label={t('dispatch.volunteers.title')} rowKey="id" columns={columns} dataSource={data.items}
              locale={{ emptyText: <Empty description={t('dispatch.volunteers.empty')} /> }} scroll={{ x: 'max-content' }}
              pagination={{
                current: data.page, pageSize: data.pageSize, total: data.total, hideOnSinglePage: true, showSizeChanger: false,
                showTotal: (total) => t('dispatch.volunteers.total', { total }), onChange: setPage,
              }} />
          )}
        </QueryState>
      </Card>
    </Flex>
  );
}
