import { useState } from 'react';
import { App, Button, Card, Col, DatePicker, Descriptions, Empty, Flex, Form, Input, InputNumber, Row, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { CheckCircleOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import type { ActivityKind, ActivitySummary, CaseFile, ClientGroup } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { beijingIsoDate, formatDate, formatDateTime } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import { useActivities, useActivity, useEnrol, useRecordAttendance, useScheduleActivity } from './api';
import type { CaseReader } from './CaseFilePage';
import { FormErrors } from './parts';

const KINDS: ActivityKind[] = ['Group', 'Community'];

interface ActivityForm {
  title: string;
  kind: ActivityKind;
  targetGroup?: ClientGroup | 'All';
  when: [Dayjs, Dayjs];
  capacity: number;
  description?: string;
}

/** 活动: the station's activities, this client's enrolment and attendance, and a form to schedule one. */
export function ActivitiesTab({ file, reader }: { file: CaseFile; reader: CaseReader }) {
  const { t, i18n } = useTranslation();
  const activities = useActivities(file.stationId);
  const [chosen, setChosen] = useState<string>();
  const writable = reader.breakGlassReason === null;

  const columns: ColumnsType<ActivitySummary> = [
    { key: 'title', title: t('caseFile.activities.name'), dataIndex: 'title' },
    { key: 'kind', title: t('caseFile.activities.kind'), render: (_, a) => t(`caseFile.activities.kinds.${a.kind}`) },
    { key: 'when', title: t('caseFile.activities.when'),
      render: (_, a) => `${formatDateTime(a.startsAt, i18n.language)} – ${formatDateTime(a.endsAt, i18n.language)}` },
    { key: 'places', title: t('caseFile.activities.places'), render: (_, a) => t('caseFile.activities.placesValue', { enrolled: a.enrolled, capacity: a.capacity }) },
    { key: 'open', title: t('caseFile.activities.actions'),
      render: (_, a) => (
        <Button size="small" type={chosen === a.id ? 'primary' : 'default'} aria-pressed={chosen === a.id}
          aria-label={t('caseFile.activities.openOne', { title: a.title })} onClick={() => setChosen(a.id)}>
          {t('caseFile.activities.open')}
        </Button>
      ) },
  ];

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={14}>
        <Flex vertical gap="middle">
          <Card title={<h2 className="card-heading">{t('caseFile.activities.list')}</h2>}>
            <QueryState query={activities}>
              {(page) => (
                <Table<ActivitySummary> aria-label={t('caseFile.activities.list')} rowKey="id" columns={columns} dataSource={page.items}
                  pagination={{ pageSize: 10, hideOnSinglePage: true }} scroll={{ x: 'max-content' }}
                  locale={{ emptyText: <Empty description={t('caseFile.activities.none')} /> }} />
              )}
            </QueryState>
          </Card>
          {chosen && <ActivityCard activityId={chosen} file={file} writable={writable} />}
        </Flex>
      </Col>
      {writable && (
        <Col xs={24} xl={10}>
          <Card title={<h2 className="card-heading">{t('caseFile.activities.formTitle')}</h2>}>
            <ActivityFormCard file={file} onScheduled={setChosen} />
          </Card>
        </Col>
      )}
    </Row>
  );
}

function ActivityCard({ activityId, file, writable }: { activityId: string; file: CaseFile; writable: boolean }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const activity = useActivity(activityId);
  const enrol = useEnrol(file.id, file.stationId);
  const attend = useRecordAttendance(file.id, file.stationId);
  const today = beijingIsoDate(new Date());
  const fail = (error: unknown) => message.error(describeError(t, error));

  return (
    <QueryState query={activity}>
      {(a) => {
        const enrolled = a.enrolled.includes(file.id);
        const days = a.attendance.filter((x) => x.caseId === file.id).map((x) => x.attendedOn);
        const attendedToday = days.includes(today);
        return (
          <Card title={<h2 className="card-heading">{a.title}</h2>}>
            <Flex vertical gap="middle">
              <Descriptions size="small" column={1} bordered items={[
                { key: 'when', label: t('caseFile.activities.when'),
                  children: `${formatDateTime(a.startsAt, i18n.language)} – ${formatDateTime(a.endsAt, i18n.language)}` },
                { key: 'for', label: t('caseFile.activities.targetGroup'),
                  children: a.targetGroup ? t(`clientGroup.${a.targetGroup}`) : t('caseFile.activities.everyone') },
                { key: 'places', label: t('caseFile.activities.places'),
                  children: t('caseFile.activities.placesValue', { enrolled: a.enrolled.length, capacity: a.capacity }) },
                { key: 'client', label: t('caseFile.activities.thisClient'),
                  children: enrolled ? <Tag color="success" icon={<CheckCircleOutlined />}>{t('caseFile.activities.enrolled')}</Tag>
                    : t('caseFile.activities.notEnrolled') },
                { key: 'attended', label: t('caseFile.activities.attended'),
                  children: days.length > 0 ? days.map((d) => formatDate(`${d}T12:00:00+08:00`, i18n.language)).join('、') : t('caseFile.activities.neverAttended') },
                ...(a.description ? [{ key: 'description', label: t('caseFile.activities.description'), children: a.description }] : []),
              ]} />
              {writable && (
                <Space wrap>
                  {!enrolled && (
                    <Button type="primary" loading={enrol.isPending}
                      onClick={() => enrol.mutateAsync({ activityId: a.id, values: undefined })
                        .then(() => message.success(t('caseFile.activities.enrolledDone')), fail)}>
                      {t('caseFile.activities.enrol')}
                    </Button>
                  )}
                  {enrolled && !attendedToday && (
                    <Button type="primary" loading={attend.isPending}
                      onClick={() => attend.mutateAsync({ activityId: a.id, values: { attendedOn: today } })
                        .then(() => message.success(t('caseFile.activities.attendedDone')), fail)}>
                      {t('caseFile.activities.attendToday')}
                    </Button>
                  )}
                  {attendedToday && <Typography.Text>{t('caseFile.activities.attendedToday')}</Typography.Text>}
                </Space>
              )}
            </Flex>
          </Card>
        );
      }}
    </QueryState>
  );
}

function ActivityFormCard({ file, onScheduled }: { file: CaseFile; onScheduled: (id: string) => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<ActivityForm>();
  const schedule = useScheduleActivity(file.stationId);
  const { onFinish, pending, formError } = useServerForm(form, (v: ActivityForm, requestId: string) => schedule.mutateAsync({
    requestId,
    values: {
      title: v.title.trim(), description: v.description?.trim(), kind: v.kind,
      targetGroup: v.targetGroup === 'All' ? null : v.targetGroup ?? null,
      startsAt: v.when[0].toISOString(), endsAt: v.when[1].toISOString(), capacity: v.capacity,
    },
  }), {
    describe: (error) => describeError(t, error),
    onSuccess: (written, v) => {
      void message.success(t('caseFile.activities.scheduled', { title: v.title.trim() }));
      form.resetFields();
      onScheduled(written.id);
    },
  });

  return (
    <Form<ActivityForm> form={form} layout="vertical" aria-label={t('caseFile.activities.formTitle')} requiredMark
      initialValues={{ kind: 'Group', targetGroup: file.clientGroup, capacity: 20 }} onFinish={(v) => void onFinish(v)}>
      <FormErrors errors={formError} />
      <Form.Item name="title" label={t('caseFile.activities.name')}
        rules={[{ required: true, message: t('caseFile.activities.nameRequired') }, { max: 200, message: t('caseFile.activities.nameTooLong') }]}>
        <Input autoComplete="off" />
      </Form.Item>
      <Form.Item name="kind" label={t('caseFile.activities.kind')} rules={[{ required: true, message: t('caseFile.pleaseChoose') }]}>
        <Select options={KINDS.map((k) => ({ value: k, label: t(`caseFile.activities.kinds.${k}`) }))} />
      </Form.Item>
      <Form.Item name="targetGroup" label={t('caseFile.activities.targetGroup')}>
        <Select options={[
          { value: 'All', label: t('caseFile.activities.everyone') },
          { value: 'Elderly', label: t('clientGroup.Elderly') },
          { value: 'Child', label: t('clientGroup.Child') },
        ]} />
      </Form.Item>
      <Form.Item name="when" label={t('caseFile.activities.when')} rules={[{ required: true, message: t('caseFile.activities.whenRequired') }]}>
        <DatePicker.RangePicker showTime={{ format: 'HH:mm' }} format="YYYY-MM-DD HH:mm" style={{ width: '100%' }}
          placeholder={[t('caseFile.activities.startsAt'), t('caseFile.activities.endsAt')]} />
      </Form.Item>
      {/* The most places is the service's rule (its message shows here); the form only asks for a whole number. */}
      <Form.Item name="capacity" label={t('caseFile.activities.capacity')} rules={[{ required: true, message: t('caseFile.activities.capacityRequired') }]}>
        <InputNumber min={1} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item name="description" label={t('caseFile.activities.description')} rules={[{ max: 4000, message: t('caseFile.activities.descriptionTooLong') }]}>
        <Input.TextArea rows={3} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} disabled={pending}>{t('caseFile.activities.submit')}</Button>
    </Form>
  );
}

