import { Alert, App, Button, Card, Checkbox, Col, Flex, Form, Input, Radio, Row, Space, Typography } from 'antd';
import { WechatOutlined } from '@ant-design/icons';
import { useSearchParams } from 'react-router';
import { useTranslation } from 'react-i18next';
import { QueryState } from '@/components/QueryState';
import type { PreferencesView, WeChatBindingView } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { formatDateTime } from '@/lib/format';
import { useServerForm } from '@/lib/use-server-form';
import {
  toValues, useSavePreferences, usePreferences, useWeChatBinding, useWeChatChannel, WECHAT_BIND_URL,
  type ChosenChannel, type PreferencesValues,
} from './api';

const CHANNELS: ChosenChannel[] = ['Sms', 'Email', 'Webhook'];

/** How the signed-in person is reached: the channels beside the inbox, their phone and e-mail, quiet hours, and WeChat. */
export default function NotificationSettingsPage() {
  const { t } = useTranslation();
  const preferences = usePreferences();
  const [params] = useSearchParams();
  return (
    <Flex vertical gap="middle">
      <Typography.Title level={1}>{t('settings.title')}</Typography.Title>
      {params.get('wechat') === 'bound' && <Alert type="success" showIcon role="status" title={t('settings.wechat.justBound')} />}
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card title={<h2 className="card-heading">{t('settings.channelsTitle')}</h2>}>
            <QueryState query={preferences}>{(view) => <PreferencesForm view={view} />}</QueryState>
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          <Card title={<h2 className="card-heading">{t('settings.wechat.title')}</h2>}>
            <WeChatCard />
          </Card>
        </Col>
      </Row>
    </Flex>
  );
}

function PreferencesForm({ view }: { view: PreferencesView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<PreferencesValues>();
  const save = useSavePreferences(view);
  const { onFinish, pending, formError } = useServerForm(form, (values: PreferencesValues) => save.mutateAsync(values), {
    describe: (error) => describeError(t, error),
    onSuccess: () => void message.success(t('settings.saved')),
  });
  const channels = Form.useWatch('channels', form) ?? [];

  return (
    <Form<PreferencesValues>
      form={form}
      layout="vertical"
      aria-label={t('settings.channelsTitle')}
      initialValues={toValues(view)}
      onFinish={(values) => void onFinish(values)}
    >
      {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
      <Typography.Paragraph type="secondary">{t('settings.inAppAlways')}</Typography.Paragraph>
      <Form.Item label={t('settings.channels')} name="channels">
        <Checkbox.Group options={CHANNELS.map((channel) => ({ value: channel, label: t(`settings.channel.${channel}`) }))} />
      </Form.Item>
      <Form.Item label={t('settings.phone')} name="phone" extra={t('settings.phoneHelp')}
        rules={[{ required: channels.includes('Sms'), message: t('settings.phoneRequired') },
          { pattern: /^1\d{10}$/, message: t('settings.phoneFormat') }]}>
        <Input inputMode="tel" autoComplete="tel" maxLength={11} />
      </Form.Item>
      <Form.Item label={t('settings.email')} name="email"
        rules={[{ required: channels.includes('Email'), message: t('settings.emailRequired') }, { type: 'email', message: t('settings.emailFormat') }]}>
        <Input type="email" autoComplete="email" />
      </Form.Item>
      <Form.Item label={t('settings.quietHours')} extra={t('settings.quietHelp')}>
        <Space wrap>
          <Form.Item name="quietFrom" noStyle rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('settings.timeFormat') }]}>
            <Input aria-label={t('settings.quietFrom')} placeholder="22:00" style={{ width: 96 }} />
          </Form.Item>
          <span aria-hidden>–</span>
          <Form.Item name="quietTo" noStyle rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('settings.timeFormat') }]}>
            <Input aria-label={t('settings.quietTo')} placeholder="07:00" style={{ width: 96 }} />
          </Form.Item>
        </Space>
      </Form.Item>
      <Form.Item label={t('settings.language')} name="language">
        <Radio.Group options={[{ value: 'zh-CN', label: '简体中文' }, { value: 'en', label: 'English' }]} />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={pending} disabled={pending}>{t('settings.save')}</Button>
    </Form>
  );
}

function WeChatCard() {
  const { t } = useTranslation();
  const channel = useWeChatChannel();
  const binding = useWeChatBinding();
  if (channel.data && !channel.data.enabled) return <Typography.Paragraph>{t('settings.wechat.disabled')}</Typography.Paragraph>;
  return (
    <QueryState query={binding}>
      {(view) => (
        <Flex vertical gap="small" align="start">
          <BindingState view={view} />
          <Button icon={<WechatOutlined />} href={WECHAT_BIND_URL} type={view.bound ? 'default' : 'primary'}>
            {view.bound ? t('settings.wechat.rebind') : t('settings.wechat.bind')}
          </Button>
        </Flex>
      )}
    </QueryState>
  );
}

function BindingState({ view }: { view: WeChatBindingView }) {
  const { t, i18n } = useTranslation();
  if (!view.bound) return <Typography.Paragraph>{t('settings.wechat.unbound')}</Typography.Paragraph>;
  if (view.status && view.status !== 'Active')
    return <Alert type="warning" showIcon title={t(`settings.wechat.status.${view.status}`)} />;
  return (
    <Typography.Paragraph>
      {t('settings.wechat.bound', { date: view.boundAt ? formatDateTime(view.boundAt, i18n.language) : '' })}
    </Typography.Paragraph>
  );
}
