// Small pieces every tab of the case file uses: the form's own error line, a reason dialog, labels.
import { Alert, Form, Input, Modal } from 'antd';
import type { TFunction } from 'i18next';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '@/lib/api/problem';
import { describeError } from '@/lib/errors';
import { useServerForm } from '@/lib/use-server-form';

/** Errors the form has no field for: above the form, announced. */
export function FormErrors({ errors }: { errors: string[] }) {
  return errors.length > 0 ? <Alert type="error" showIcon role="alert" title={errors.join(' ')} className="form-error" /> : null;
}

/** "2 级 · 中度失能", or "not assessed". */
export function abilityLabel(t: TFunction, level: number | null | undefined): string {
  return level === null || level === undefined
    ? t('caseFile.ability.none')
    : t('caseFile.ability.level', { level, name: t(`caseFile.ability.name${level}`) });
}

/**
 * A problem whose field errors name list items ("goals[0]", "organisations") shown on the list's
 * own field: the tags select or list has one place for its messages.
 */
export function onListField<T>(fields: string[], call: () => Promise<T>): Promise<T> {
  return call().catch((error: unknown) => {
    if (isApiProblem(error)) {
      for (const key of Object.keys(error.fieldErrors)) {
        const top = key.replace(/\[\d+\].*$/, '');
        if (top !== key && fields.includes(top)) {
          error.fieldErrors[top] = [...(error.fieldErrors[top] ?? []), ...error.fieldErrors[key]!];
          delete error.fieldErrors[key];
        }
      }
    }
    throw error;
  });
}

/** A dialog asking for a reason (closing, reopening, sending a plan back); the server's error shows under the field. */
export function ReasonDialog({ open, title, label, okText, onSubmit, onClose }: {
  open: boolean; title: string; label: string; okText: string;
  onSubmit: (reason: string) => Promise<unknown>; onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ reason: string }>();
  const formId = useId();
  const { onFinish, pending, formError } = useServerForm(form, (values: { reason: string }) => onSubmit(values.reason.trim()), {
    describe: (error) => describeError(t, error),
    onSuccess: () => { form.resetFields(); onClose(); },
  });
  return (
    <Modal open={open} title={title} okText={okText} cancelText={t('caseFile.cancel')} onCancel={onClose}
      okButtonProps={{ htmlType: 'submit', loading: pending, form: formId }} destroyOnHidden>
      <Form form={form} id={formId} layout="vertical" aria-label={title} onFinish={(values) => void onFinish(values)}>
        <FormErrors errors={formError} />
        <Form.Item name="reason" label={label}
          rules={[{ required: true, whitespace: true, message: t('caseFile.reasonRequired') }, { max: 500, message: t('caseFile.reasonTooLong') }]}>
          <Input.TextArea rows={3} autoFocus />
        </Form.Item>
      </Form>
    </Modal>
  );
}
