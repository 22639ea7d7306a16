import { useState } from 'react';
import { Alert, App, Button, Card, Col, Empty, Flex, Form, Input, InputNumber, Modal, Popconfirm, Row, Segmented, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { EditOutlined, PlusOutlined, StopOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import type { ClientGroup, NeedCategory, OfferStatus, OfferView } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { useServerForm } from '@/lib/use-server-form';
import { useChangeCapacity, useProviderOffers, usePublishOffer, useWithdrawOffer, type NewOfferValues } from './api';

const CATEGORIES: NeedCategory[] = [
  'MealDelivery', 'Companionship', 'HomeCleaning', 'Tutoring', 'Counselling', 'MedicalCheck', 'Goods', 'FinancialAid', 'Escort',
];
const GROUPS: ClientGroup[] = ['Elderly', 'Child'];
const STATUSES: OfferStatus[] = ['Active', 'Withdrawn', 'Expired'];

/** The provider's offers: publish one, change its places, withdraw it. */
export default function OffersPage({ providerId }: { providerId: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<OfferStatus>('Active');
  const offers = useProviderOffers(providerId, status);

  const columns: ColumnsType<OfferView> = [
    {
      key: 'resource',
      title: t('providers.offers.resource'),
      render: (_, o) => (
        <Flex vertical gap={4}>
          <Typography.Text strong>{o.title}</Typography.Text>
          <Space size={4} wrap>
            <Tag>{t(`needCategory.${o.category}`)}</Tag>
            {o.eligibility.clientGroups.map((g) => <Tag key={g}>{t(`clientGroup.${g}`)}</Tag>)}
          </Space>
        </Flex>
      ),
    },
    {
      key: 'capacity',
      title: t('providers.offers.capacity'),
      render: (_, o) => t('providers.offers.places', { allocated: o.allocated, capacity: o.capacity, free: o.freeCapacity }),
    },
    { key: 'area', title: t('providers.offers.area'), responsive: ['md'], render: (_, o) => [...o.area.districts, ...o.area.townships, ...o.area.grids].join('、') },
    { key: 'status', title: t('providers.offers.status'), render: (_, o) => t(`providers.offers.statuses.${o.status}`) },
    { key: 'actions', title: t('providers.offers.actions'), render: (_, o) => o.status === 'Active' ? <OfferSteps offer={o} /> : null },
  ];

  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('providers.offers.title')}</Typography.Title>
      <Typography.Paragraph>{t('providers.offers.intro')}</Typography.Paragraph>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Card title={<h2 className="card-heading">{t('providers.offers.table')}</h2>}
            extra={<Segmented aria-label={t('providers.offers.filter')} value={status} onChange={(value) => setStatus(value as OfferStatus)}
              options={STATUSES.map((s) => ({ value: s, label: t(`providers.offers.statuses.${s}`) }))} />}>
            <QueryState query={offers}>
              {(data) => (
                <Table<OfferView>
                  aria-label={t('providers.offers.table')}
                  rowKey="id"
                  columns={columns}
                  dataSource={data}
                  locale={{ emptyText: <Empty description={t('providers.offers.empty')} /> }}
                  pagination={{ pageSize: 20, hideOnSinglePage: true }}
                  scroll={{ x: 'max-content' }}
                />
              )}
            </QueryState>
          </Card>
        </Col>
        <Col xs={24} xl={9}>
          <Card title={<h2 className="card-heading">{t('providers.offers.newTitle')}</h2>}>
            <NewOfferForm />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function NewOfferForm() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<NewOfferValues>();
  const publish = usePublishOffer();
  // The request id is the offer's id: sent again after a lost answer, it publishes the same offer once.
  const { onFinish, pending, formError } = useServerForm(form,
    (values: NewOfferValues, offerId: string) => publish.mutateAsync({ offerId, values }), {
      describe: (error) => describeError(t, error),
      onSuccess: () => {
        void message.success(t('providers.offers.published'));
        form.resetFields();
      },
    });

  return (
    <Form<NewOfferValues> form={form} name="new-offer" layout="vertical" aria-label={t('providers.offers.newTitle')}
      initialValues={{ capacity: 10, area: { districts: [] }, eligibility: { clientGroups: ['Elderly'] } }} onFinish={(values) => void onFinish(values)} requiredMark>
      {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
      <Form.Item label={t('providers.offers.titleField')} name="title" rules={[{ required: true, whitespace: true, message: t('providers.offers.requiredTitle') }]}>
        <Input maxLength={200} />
      </Form.Item>
      <Form.Item label={t('providers.offers.category')} name="category" rules={[{ required: true, message: t('providers.offers.requiredCategory') }]}>
        <Select options={CATEGORIES.map((c) => ({ value: c, label: t(`needCategory.${c}`) }))} />
      </Form.Item>
      <Form.Item label={t('providers.offers.capacity')} name="capacity" rules={[{ required: true, message: t('providers.offers.requiredCapacity') }]}>
        <InputNumber min={1} max={100000} precision={0} style={{ width: '100%' }} />
      </Form.Item>
      <Form.Item label={t('providers.offers.districts')} name={['area', 'districts']} rules={[{ required: true, type: 'array', min: 1, message: t('providers.offers.requiredDistricts') }]}>
        <Select mode="tags" tokenSeparators={[',', '，', ' ']} open={false} suffixIcon={null} />
      </Form.Item>
      <Form.Item label={t('providers.offers.clientGroups')} name={['eligibility', 'clientGroups']}>
        <Select mode="multiple" options={GROUPS.map((g) => ({ value: g, label: t(`clientGroup.${g}`) }))} />
      </Form.Item>
      <Form.Item label={t('providers.offers.description')} name="description">
        <Input.TextArea rows={3} maxLength={2000} />
      </Form.Item>
      <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={pending} disabled={pending}>{t('providers.offers.publish')}</Button>
    </Form>
  );
}

function OfferSteps({ offer }: { offer: OfferView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const withdraw = useWithdrawOffer();
  const [changing, setChanging] = useState(false);
  return (
    <Space wrap>
      <Button icon={<EditOutlined />} onClick={() => setChanging(true)} aria-label={t('providers.offers.changeCapacityOf', { offer: offer.title })}>
        {t('providers.offers.changeCapacity')}
      </Button>
      <Popconfirm title={t('providers.offers.withdrawConfirm', { offer: offer.title })} okText={t('providers.offers.withdrawOk')}
        cancelText={t('providers.offers.cancel')} okButtonProps={{ danger: true, loading: withdraw.isPending }}
        onConfirm={() => withdraw.mutateAsync(offer.id).then(
          () => void message.success(t('providers.offers.withdrawn')),
          (error: unknown) => void message.error(describeError(t, error)))}>
        <Button icon={<StopOutlined />} aria-label={`${t('providers.offers.withdraw')}：${offer.title}`}>{t('providers.offers.withdraw')}</Button>
      </Popconfirm>
      {changing && <CapacityDialog offer={offer} onClose={() => setChanging(false)} />}
    </Space>
  );
}

function CapacityDialog({ offer, onClose }: { offer: OfferView; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ capacity: number }>();
  const change = useChangeCapacity();
  const { onFinish, pending, formError } = useServerForm(form,
    (values: { capacity: number }) => change.mutateAsync({ id: offer.id, capacity: values.capacity }), {
      describe: (error) => describeError(t, error),
      onSuccess: () => { void message.success(t('providers.offers.capacityChanged')); onClose(); },
    });
  const title = t('providers.offers.changeCapacityOf', { offer: offer.title });
  const formId = `capacity-${offer.id}`;
  return (
    <Modal open title={title} onCancel={onClose} destroyOnHidden okText={t('providers.offers.save')} cancelText={t('providers.offers.cancel')}
      okButtonProps={{ loading: pending, disabled: pending, htmlType: 'submit', form: formId }}>
      <Form<{ capacity: number }> id={formId} name={formId} form={form} layout="vertical" aria-label={title} initialValues={{ capacity: offer.capacity }}
        onFinish={(values) => void onFinish(values)} requiredMark>
        {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
        <Form.Item label={t('providers.offers.newCapacity')} name="capacity" rules={[{ required: true, message: t('providers.offers.requiredCapacity') }]}>
          <InputNumber min={0} max={100000} precision={0} style={{ width: '100%' }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
