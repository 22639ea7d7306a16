import { useState } from 'react';
import { Button, Card, Empty, Flex, List, Pagination, Segmented, Space, Tag, Typography } from 'antd';
import { AlertOutlined, CheckCircleOutlined, CheckOutlined, MailOutlined, ReadOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime, urgencyLabel } from '@/lib/format';
import { QueryState } from '@/components/QueryState';
import { PROPOSAL_TO_APPROVE, useReferralsOf } from '@/features/referrals/api';
import { ReferralProposalActions } from '@/features/referrals/ReferralProposalActions';
import { needsAcknowledgement, useAcknowledge, useInbox, useMarkRead } from './api';

const PAGE_SIZE = 20;

export default function InboxPage() {
  const { t, i18n } = useTranslation();
  const [page, setPage] = useState(1);
  const [unreadOnly, setUnreadOnly] = useState(false);
  const inbox = useInbox(page, PAGE_SIZE, unreadOnly);
  const proposals = useReferralsOf([...new Set((inbox.data?.items ?? [])
    .filter((item) => item.rule === PROPOSAL_TO_APPROVE && item.parameters.referralId)
    .map((item) => item.parameters.referralId as string))]);
  const markRead = useMarkRead();
  const acknowledge = useAcknowledge();
  const when = (value: string | null) => formatDateTime(value, i18n.language);

  return (
    <Flex vertical gap="middle">
      <Flex justify="space-between" align="center" wrap gap="small">
        <Typography.Title level={1}>{t('inbox.title')}</Typography.Title>
        <Segmented
          aria-label={t('inbox.title')}
          value={unreadOnly ? 'unread' : 'all'}
          onChange={(value) => { setUnreadOnly(value === 'unread'); setPage(1); }}
          options={[{ value: 'all', label: t('inbox.all') }, { value: 'unread', label: t('inbox.unreadOnly') }]}
        />
      </Flex>
      <QueryState query={inbox}>
        {(data) => (
          <Card>
            <Typography.Paragraph>{t('inbox.unreadSummary', { count: data.unread })}</Typography.Paragraph>
            {data.items.length === 0 ? <Empty description={t('inbox.empty')} /> : (
              <List
                aria-label={t('inbox.title')}
                dataSource={data.items}
                renderItem={(item) => (
                  <List.Item
                    aria-label={item.title}
                    className={item.readAt ? 'inbox-item' : 'inbox-item inbox-item--unread'}
                    actions={[
                      needsAcknowledgement(item) && (
                        <Button key="ack" type="primary" danger icon={<CheckCircleOutlined />}
                          loading={acknowledge.isPending && acknowledge.variables === item.id}
                          onClick={() => acknowledge.mutate(item.id)}>
                          {t('inbox.acknowledge')}
                        </Button>
                      ),
                      !item.readAt && (
                        <Button key="read" icon={<ReadOutlined />}
                          loading={markRead.isPending && markRead.variables === item.id}
                          onClick={() => markRead.mutate(item.id)}>
                          {t('inbox.markRead')}
                        </Button>
                      ),
                    ].filter(Boolean)}
                  >
                    <List.Item.Meta
                      avatar={item.urgency === 'Urgent' ? <AlertOutlined aria-hidden className="status-icon status-icon--danger" /> : <MailOutlined aria-hidden />}
                      title={
                        <Space wrap>
                          {item.urgency === 'Urgent' && <Tag color="error" icon={<AlertOutlined />}>{urgencyLabel(t, item.urgency)}</Tag>}
                          <Tag icon={item.readAt ? <CheckOutlined /> : <MailOutlined />}>{item.readAt ? t('inbox.read') : t('inbox.unread')}</Tag>
                          <span>{item.title}</span>
                        </Space>
                      }
                      description={
                        <Flex vertical gap={4}>
                          <span>{item.body}</span>
                          {item.rule === PROPOSAL_TO_APPROVE && item.parameters.referralId && (
                            <ReferralProposalActions referralId={item.parameters.referralId}
                              read={{ pending: proposals.isPending, failed: proposals.isError, data: proposals.data?.get(item.parameters.referralId) }} />
                          )}
                          <Typography.Text type="secondary">
                            {t('inbox.received', { date: when(item.createdAt) })}
                            {item.acknowledgedAt && ` · ${t('inbox.acknowledged', { date: when(item.acknowledgedAt) })}`}
                            {!item.acknowledgedAt && item.acknowledgeBy && ` · ${t('inbox.acknowledgeBy', { date: when(item.acknowledgeBy) })}`}
                            {item.escalatedAt && ` · ${t('inbox.escalated', { date: when(item.escalatedAt) })}`}
                          </Typography.Text>
                        </Flex>
                      }
                    />
                  </List.Item>
                )}
              />
            )}
            {data.total > PAGE_SIZE && (
              <Pagination current={page} pageSize={PAGE_SIZE} total={data.total} onChange={setPage} showSizeChanger={false} />
            )}
          </Card>
        )}
      </QueryState>
    </Flex>
  );
}
