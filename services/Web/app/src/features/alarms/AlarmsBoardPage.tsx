import { useState } from 'react';
import { Alert, Card, Empty, Flex, Segmented, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleOutlined, ExclamationCircleOutlined, ClockCircleOutlined, InboxOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '@/components/QueryState';
import type { AlarmView } from '@/lib/api/responses';
import { formatDateTime } from '@/lib/format';
import { useAlarmBoard, type AlarmFilter, type AlarmScope } from './api';

const stateTag: Record<AlarmView['state'], { color: string; icon: React.ReactNode }> = {
  unreached: { color: 'error', icon: <ExclamationCircleOutlined /> },
  open: { color: 'warning', icon: <ClockCircleOutlined /> },
  acknowledged: { color: 'success', icon: <CheckCircleOutlined /> },
};

/** Urgent alarms of a station or a district: those that reached nobody first (the server's order). */
export default function AlarmsBoardPage({ scope }: { scope: AlarmScope | null }) {
  const { t, i18n } = useTranslation();
  const [filter, setFilter] = useState<AlarmFilter>('open');
  const title = scope?.kind === 'district' ? t('alarms.districtTitle') : t('alarms.title');
  const when = (value: string | null) => formatDateTime(value, i18n.language);

  const columns: ColumnsType<AlarmView> = [
    {
      key: 'state',
      title: t('alarms.state'),
      render: (_, a) => <Tag color={stateTag[a.state].color} icon={stateTag[a.state].icon}>{t(`alarmState.${a.state}`)}</Tag>,
    },
    {
      key: 'alarm',
      title: t('alarms.alarm'),
      render: (_, a) => (
        <Flex vertical gap={2}>
          <Typography.Text strong>{a.title}</Typography.Text>
          <span>{a.body}</span>
        </Flex>
      ),
    },
    {
      key: 'level',
      title: t('alarms.level'),
      render: (_, a) => (
        <Flex vertical gap={2}>
          <span>{t('alarms.levelN', { level: a.level })}</span>
          {a.levelAudience && <Typography.Text type="secondary">{t(`alarmAudience.${a.levelAudience}`)}</Typography.Text>}
        </Flex>
      ),
    },
    {
      key: 'who',
      title: t('alarms.who'),
      render: (_, a) => a.reached.length === 0 ? t('alarms.nobody') : (
        <Flex vertical gap={2}>
          {a.reached.map((step) => (
            <span key={`${step.level}-${step.at}`}>
              {t(`alarmAudience.${step.audience}`)} · {t('alarms.peopleCount', { count: step.recipients.length })}
            </span>
          ))}
        </Flex>
      ),
    },
    {
      key: 'since',
      title: t('alarms.since'),
      render: (_, a) => (
        <Flex vertical gap={2}>
          <span>{when(a.raisedAt)}</span>
          {a.unreachedSince && <Typography.Text type="danger">{t('alarms.unreachedSince', { date: when(a.unreachedSince) })}</Typography.Text>}
          {a.state !== 'acknowledged' && a.nextStepAt && <Typography.Text type="secondary">{t('alarms.nextStep', { date: when(a.nextStepAt) })}</Typography.Text>}
          {a.acknowledgedAt && <Typography.Text type="secondary">{t('alarms.acknowledgedAt', { date: when(a.acknowledgedAt) })}</Typography.Text>}
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={1}>{title}</Typography.Title>
        <Flex gap="small" align="center" wrap>
          <Segmented<AlarmFilter>
            aria-label={t('alarms.filter')}
            value={filter}
            onChange={setFilter}
            options={[{ value: 'open', label: t('alarms.openOnly') }, { value: 'all', label: t('alarms.all') }]}
          />
          <Link to="/inbox"><InboxOutlined aria-hidden /> {t('alarms.goToInbox')}</Link>
        </Flex>
      </Flex>
      {scope === null ? <Alert type="info" showIcon title={t('alarms.noStation')} /> : (
        <AlarmTable scope={scope} filter={filter} columns={columns} />
      )}
    </Flex>
  );
}

function AlarmTable({ scope, filter, columns }: { scope: AlarmScope; filter: AlarmFilter; columns: ColumnsType<AlarmView> }) {
  const { t } = useTranslation();
  const board = useAlarmBoard(scope, filter);
  return (
    <QueryState query={board}>
      {(data) => (
        <Card>
          <Typography.Paragraph>{t('alarms.summary', { open: data.open, unreached: data.unreached })}</Typography.Paragraph>
          <Table<AlarmView>
            aria-label={t('alarms.title')}
            rowKey="id"
            columns={columns}
            dataSource={data.items}
            rowClassName={(a) => (a.state === 'unreached' ? 'alarm-row--unreached' : '')}
            locale={{ emptyText: <Empty description={t('alarms.empty')} /> }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            scroll={{ x: 'max-content' }}
          />
        </Card>
      )}
    </QueryState>
  );
}
