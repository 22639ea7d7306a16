import { useState } from 'react';
import { Alert, App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReferralDeclineReason, ReferralView } from '@/lib/api/responses';
import { describeError } from '@/lib/errors';
import { useServerForm } from '@/lib/use-server-form';
import { useApproveReferral, useDeclineReferral, type DeclineReferralValues } from './api';

const REASONS: ReferralDeclineReason[] = ['NotSuitable', 'ClientRefused', 'NotEligible', 'OutOfArea', 'NoCapacity', 'Other'];

/** The caseworker's answer to a proposed referral: approve it (it goes to the provider) or decline it with a reason. */
export function ReferralDecision({ referral }: { referral: ReferralView }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const approve = useApproveReferral();
  const [declining, setDeclining] = useState(false);
  const subject = t('referrals.referralTo', { provider: referral.providerName, offer: referral.offerTitle });

  return (
    <Space wrap>
      <Button type="primary" icon={<CheckOutlined />} loading={approve.isPending} disabled={approve.isPending}
        onClick={() => approve.mutate(referral.id, {
          onSuccess: () => void message.success(t('referrals.approved')),
          onError: (error) => void message.error(describeError(t, error)),
        })}>
        {t('referrals.approve')}
      </Button>
      <Button icon={<CloseOutlined />} onClick={() => setDeclining(true)}>
        {t('referrals.decline')}
      </Button>
      {declining && <DeclineDialog referral={referral} subject={subject} onClose={() => setDeclining(false)} />}
    </Space>
  );
}

function DeclineDialog({ referral, subject, onClose }: { referral: ReferralView; subject: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<DeclineReferralValues>();
  const decline = useDeclineReferral();
  const { onFinish, pending, formError } = useServerForm(form,
    (values: DeclineReferralValues) => decline.mutateAsync({ id: referral.id, values }), {
      describe: (error) => describeError(t, error),
      onSuccess: () => {
        void message.success(t('referrals.declined'));
        onClose();
      },
    });

  return (
    <Modal open title={t('referrals.declineTitle')} onCancel={onClose} destroyOnHidden
      okText={t('referrals.declineSubmit')} cancelText={t('referrals.cancel')}
      okButtonProps={{ danger: true, loading: pending, disabled: pending, htmlType: 'submit', form: `decline-${referral.id}` }}>
      <p>{subject}</p>
      <Form<DeclineReferralValues> id={`decline-${referral.id}`} form={form} layout="vertical" aria-label={t('referrals.declineTitle')}
        onFinish={(values) => void onFinish(values)} requiredMark>
        {formError.length > 0 && <Alert type="error" showIcon role="alert" title={formError.join(' ')} className="form-error" />}
        <Form.Item label={t('referrals.declineReason')} name="reason" rules={[{ required: true, message: t('referrals.requiredReason') }]}>
          <Select options={REASONS.map((reason) => ({ value: reason, label: t(`referrals.declineReasons.${reason}`) }))} />
        </Form.Item>
        <Form.Item label={t('referrals.declineNote')} name="note" rules={[{ max: 1000, message: t('referrals.noteTooLong') }]}>
          <Input.TextArea rows={3} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
