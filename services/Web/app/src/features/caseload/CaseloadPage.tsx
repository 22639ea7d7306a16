import { Card, Empty, Flex, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import {
  CheckCircleOutlined, ClockCircleOutlined, ExclamationCircleOutlined, QuestionCircleOutlined, WarningOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { QueryState } from '@/components/QueryState';
import type { CaseloadEntry, RiskLevel } from '@/lib/api/responses';
import { formatDate, riskColour, riskLabel, shortId } from '@/lib/format';
import { useCaseload } from './api';

const riskIcon = (risk: RiskLevel | null) =>
  risk === 'High' ? <ExclamationCircleOutlined /> : risk === 'Medium' ? <WarningOutlined />
    : risk === 'Low' ? <CheckCircleOutlined /> : <QuestionCircleOutlined />;

export default function CaseloadPage({ caseworkerId }: { caseworkerId: string }) {
  const { t, i18n } = useTranslation();
  const caseload = useCaseload(caseworkerId);

  const columns: ColumnsType<CaseloadEntry> = [
    {
      key: 'client',
      title: t('caseload.client'),
      render: (_, row) => (
        <Flex vertical gap={4}>
          <Link className="case-link" to={`/cases/${row.caseId}`}>{t(`clientGroup.${row.clientGroup}`)} · {t('caseload.caseLabel', { id: shortId(row.caseId) })}</Link>
          <Space size={4} wrap>
            {row.categories.map((c) => <Tag key={c}>{t(`clientCategory.${c}`)}</Tag>)}
          </Space>
          {row.safetyCheckRequired && (
            <Tag color="error" icon={<ExclamationCircleOutlined />}>{t('caseload.safetyCheck')}</Tag>
          )}
          {row.mealSkipsNoticed && <Tag color="warning">{t('caseload.mealSkips')}</Tag>}
        </Flex>
      ),
    },
    {
      key: 'status',
      title: t('caseload.status'),
      dataIndex: 'status',
      render: (status: CaseloadEntry['status']) => t(`caseStatus.${status}`),
      responsive: ['md'],
    },
    {
      key: 'risk',
      title: t('caseload.risk'),
      dataIndex: 'riskLevel',
      render: (risk: RiskLevel | null) => <Tag color={riskColour(risk)} icon={riskIcon(risk)}>{riskLabel(t, risk)}</Tag>,
    },
    {
      key: 'visits',
      title: t('caseload.overdue'),
      render: (_, row) => row.visitOverdue ? (
        <Tag color="error" icon={<ClockCircleOutlined />}>{t('caseload.visitOverdue')}</Tag>
      ) : row.nextVisitDue ? (
        <span>{t('caseload.visitDue', { date: formatDate(row.nextVisitDue, i18n.language) })}</span>
      ) : (
        <Typography.Text type="secondary">{t('caseload.noVisitPlanned')}</Typography.Text>
      ),
    },
    {
      key: 'needs',
      title: t('caseload.openNeeds'),
      render: (_, row) => row.openNeeds === 0 ? t('caseload.noNeeds') : (
        <Flex vertical gap={4}>
          <span>{t('caseload.needsCount', { count: row.openNeeds })}</span>
          <Space size={4} wrap>
            {row.openNeedCategories.map((c) => <Tag key={c}>{t(`needCategory.${c}`)}</Tag>)}
          </Space>
        </Flex>
      ),
    },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('caseload.title')}</Typography.Title>
      <QueryState query={caseload}>
        {(data) => (
          <Card>
            <Typography.Paragraph>{t('caseload.summary', { count: data.cases.length })}</Typography.Paragraph>
            <Table<CaseloadEntry>
              aria-label={t('caseload.title')}
              rowKey="caseId"
              columns={columns}
              dataSource={data.cases}
              locale={{ emptyText: <Empty description={t('caseload.empty')} /> }}
              pagination={{ pageSize: 10, showTotal: (total) => t('caseload.pageTotal', { total }), hideOnSinglePage: true }}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        )}
      </QueryState>
    </Flex>
  );
}
