import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, Row, Select, Space, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { SyncOutlined, UserAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import type { RosterMember } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { newId, useServerForm } from '@/lib/use-server-form';
import { useJoinStaff, useStationRoster, type JoinStaffValues } from './api';

const ROLES = ['Caseworker', 'Supervisor', 'Coordinator'] as const;

/** The station's roster, and the supervisor's form to put someone on it. */
export default function RosterPage({ stationId }: { stationId: string }) {
  const { t, i18n } = useTranslation();
  const roster = useStationRoster(stationId);

  const columns: ColumnsType<RosterMember> = [
    { key: 'name', title: t('roster.name'), render: (_, m) => m.name ?? <Typography.Text type="secondary">{t('roster.noName')}</Typography.Text> },
    { key: 'role', title: t('roster.role'), render: (_, m) => t(`staffRole.${m.role}`) },
    { key: 'personId', title: t('roster.personId'), dataIndex: 'personId', responsive: ['md'], render: (id: string) => <Typography.Text code copyable>{id}</Typography.Text> },
    { key: 'since', title: t('roster.since'), render: (_, m) => formatDateTime(m.since, i18n.language) },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('roster.title')}</Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="card-heading">{t('roster.listTitle')}</h2>}>
            <QueryState query={roster}>
              {(data) => (
                <Table<RosterMember>
                  aria-label={t('roster.listTitle')}
                  rowKey="personId"
                  columns={columns}
                  dataSource={data.staff}
                  locale={{ emptyText: <Empty description={t('roster.empty')} /> }}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                />
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-heading">{t('roster.addTitle')}</h2>}>
            <JoinStaffForm stationId={stationId} />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

export function JoinStaffForm({ stationId }: { stationId: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<JoinStaffValues>();
  const join = useJoinStaff(stationId);
  const { onFinish, pending, formError } = useServerForm(form, (values: JoinStaffValues) => join.mutateAsync(values), {
    describe: (error) => describeError(t, error),
    onSuccess: (_, values) => {
      void message.success(t('roster.added', { name: values.name?.trim() || values.personId }));
      form.resetFields();
      form.setFieldValue('personId', newId());
    },
  });

  return (
    <Form<JoinStaffValues>
      form={form}
      layout="vertical"
      aria-label={t('roster.addTitle')}
      initialValues={{ personId: newId(), role: 'Caseworker' }}
      onFinish={(values) => void onFinish(values)}
      requiredMark
    >
      {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
      <Form.Item label={t('roster.name')} name="name" rules={[{ max: 50, message: t('roster.nameTooLong') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item label={t('roster.role')} name="role" rules={[{ required: true, message: t('roster.requiredRole') }]}>
        <Select options={ROLES.map((role) => ({ value: role, label: t(`staffRole.${role}`) }))} />
      </Form.Item>
      <Form.Item label={t('roster.personId')} extra={t('roster.personIdHelp')} required>
        <Space.Compact block>
          <Form.Item name="personId" noStyle rules={[{ required: true, message: t('roster.requiredPersonId') }]}>
            <Input autoComplete="off" aria-label={t('roster.personId')} spellCheck={false} />
          </Form.Item>
          <Button icon={<SyncOutlined />} aria-label={t('roster.newPerson')} title={t('roster.newPerson')}
            onClick={() => form.setFieldValue('personId', newId())} />
        </Space.Compact>
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={pending} disabled={pending}>
        {t('roster.submit')}
      </Button>
    </Form>
  );
}
