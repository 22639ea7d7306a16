import { Alert, Button, Flex, Tag } from 'antd';
import { CloudSyncOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { useFieldQueue } from './FieldQueue';

/** What is waiting to be sent, and every refused action with the server's reason until the volunteer dismisses it. */
export function QueuePanel() {
  const { t, i18n } = useTranslation();
  const { actions, online, syncing, sync, dismiss } = useFieldQueue();
  const pending = actions.filter((a) => a.state === 'pending');
  const refused = actions.filter((a) => a.state === 'refused');
  return (
    <Flex vertical gap="small" className="field-queue">
      {!online && <Alert type="warning" showIcon title={t('field.offline')} />}
      {pending.length > 0 && (
        <Alert type="info" showIcon icon={<CloudSyncOutlined />} role="status"
          title={t('field.queue.pending', { count: pending.length })}
          description={
            <ul className="field-queue__list" aria-label={t('field.queue.pendingList')}>
              {pending.map((a) => (
                <li key={a.actionId}>
                  {t(`field.kind.${a.kind}`)} · {formatDateTime(a.occurredAt, i18n.language)}
                </li>
              ))}
            </ul>
          }
          action={online ? <Button autoInsertSpace={false} size="small" loading={syncing} onClick={() => void sync()}>{t('field.queue.syncNow')}</Button> : undefined}
        />
      )}
      {refused.map((a) => (
        <Alert key={a.actionId} type="error" showIcon role="alert"
          title={t('field.queue.refused', { action: t(`field.kind.${a.kind}`), at: formatDateTime(a.occurredAt, i18n.language) })}
          description={<>{a.refusal?.detail ?? a.refusal?.title} {a.refusal?.rule && <Tag>{a.refusal.rule}</Tag>}</>}
          action={<Button autoInsertSpace={false} size="small" onClick={() => void dismiss(a.actionId)}>{t('field.queue.dismiss')}</Button>}
        />
      ))}
    </Flex>
  );
}
