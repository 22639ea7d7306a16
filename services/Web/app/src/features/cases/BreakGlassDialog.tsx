import { Form, Input, Modal, Typography } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * 紧急查阅 break-the-glass: a supervisor states why they read another station's case file. The
 * reason goes with every read of it; the service records it and tells that station's supervisors.
 */
export function BreakGlassDialog({ open, onClose, onReason }: { open: boolean; onClose: () => void; onReason: (reason: string) => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const formId = useId();
  return (
    <Modal open={open} title={t('caseFile.breakGlass.title')} okText={t('caseFile.breakGlass.confirm')} cancelText={t('caseFile.cancel')}
      onCancel={onClose} okButtonProps={{ htmlType: 'submit', form: formId }} destroyOnHidden>
      <Typography.Paragraph>{t('caseFile.breakGlass.explain')}</Typography.Paragraph>
      <Form form={form} id={formId} layout="vertical" aria-label={t('caseFile.breakGlass.title')}
        onFinish={(values) => onReason(values.reason.trim())}>
        <Form.Item name="reason" label={t('caseFile.breakGlass.reason')}
          rules={[{ required: true, whitespace: true, message: t('caseFile.reasonRequired') }, { max: 500, message: t('caseFile.reasonTooLong') }]}>
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
