import { useState } from 'react';
import { Alert, App, Button, Descriptions, Flex, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { CaseFile } from '@/lib/api/responses';
import { formatDate, formatDateTime, riskColour, riskLabel, shortId } from '@/lib/format';
import { useCloseCase, useHousehold, useReopenCase, useStaffNames } from './api';
import type { CaseReader } from './CaseFilePage';
import { abilityLabel, ReasonDialog } from './parts';

/** 概况: who the client is, how they are, who works with them; closing and reopening. */
export function OverviewTab({ file, reader }: { file: CaseFile; reader: CaseReader }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const household = useHousehold(file.client?.householdId, reader.breakGlassReason);
  const staff = useStaffNames(file.stationId, reader.breakGlassReason === null);
  const [dialog, setDialog] = useState<'close' | 'reopen' | null>(null);
  const close = useCloseCase(file.id);
  const reopen = useReopenCase(file.id);

  const member = household.data?.members.find((m) => m.memberId === file.client?.memberId);
  const caseworker = staff.data?.staff.find((s) => s.personId === file.caseworkerId)?.name;
  const writable = reader.breakGlassReason === null;

  return (
    <Flex vertical gap="middle">
      <Descriptions bordered column={{ xs: 1, md: 2 }} title={<h2 className="card-heading">{t('caseFile.overview.title')}</h2>}
        items={[
          { key: 'client', label: t('caseFile.overview.client'),
            children: member?.name ?? (file.client ? t('caseFile.overview.clientUnnamed') : t('caseFile.overview.clientUnregistered')) },
          { key: 'group', label: t('caseFile.overview.group'), children: t(`clientGroup.${file.clientGroup}`) },
          { key: 'categories', label: t('caseFile.overview.categories'),
            children: <Space size={4} wrap>{file.categories.map((c) => <Tag key={c}>{t(`clientCategory.${c}`)}</Tag>)}</Space> },
          { key: 'risk', label: t('caseFile.overview.risk'), children: <Tag color={riskColour(file.riskLevel)}>{riskLabel(t, file.riskLevel)}</Tag> },
          { key: 'ability', label: t('caseFile.overview.ability'), children: abilityLabel(t, file.abilityLevel) },
          { key: 'caseworker', label: t('caseFile.overview.caseworker'), children: caseworker ?? shortId(file.caseworkerId) },
          { key: 'status', label: t('caseFile.overview.status'), children: t(`caseStatus.${file.status}`) },
          { key: 'opened', label: t('caseFile.overview.opened'), children: formatDateTime(file.openedAt, i18n.language) },
          { key: 'grid', label: t('caseFile.overview.grid'), children: file.location.grid },
          { key: 'nextVisit', label: t('caseFile.overview.nextVisit'),
            children: file.nextVisitDue
              ? (file.visitOverdue ? t('caseFile.visits.overdue', { date: formatDate(file.nextVisitDue, i18n.language) })
                : formatDate(file.nextVisitDue, i18n.language))
              : t('caseFile.visits.noneDue') },
          ...(file.closedAt ? [{ key: 'closed', label: t('caseFile.overview.closed'), children: formatDateTime(file.closedAt, i18n.language) }] : []),
        ]} />
      {file.safetyCheckRequired && <Typography.Text type="danger">{t('caseload.safetyCheck')}</Typography.Text>}
      {file.mealSkipsNoticedAt && file.mealsSkippedInARow.length > 0 && (
        <Alert type="warning" showIcon title={t('caseload.mealSkips')}
          description={t('caseFile.overview.mealSkips', {
            count: file.mealsSkippedInARow.length, since: formatDate(file.mealsSkippedInARow[0], i18n.language),
          })} />
      )}
      {writable && (
        <Space wrap>
          {file.status !== 'Closed' && <Button onClick={() => setDialog('close')}>{t('caseFile.overview.close')}</Button>}
          {file.status === 'Closed' && reader.isSupervisor && <Button onClick={() => setDialog('reopen')}>{t('caseFile.overview.reopen')}</Button>}
        </Space>
      )}
      <ReasonDialog open={dialog === 'close'} title={t('caseFile.overview.close')} label={t('caseFile.overview.closeReason')}
        okText={t('caseFile.overview.close')} onClose={() => setDialog(null)}
        onSubmit={async (reason) => { await close.mutateAsync({ values: { reason }, requestId: '' }); void message.success(t('caseFile.overview.closedDone')); }} />
      <ReasonDialog open={dialog === 'reopen'} title={t('caseFile.overview.reopen')} label={t('caseFile.overview.reopenReason')}
        okText={t('caseFile.overview.reopen')} onClose={() => setDialog(null)}
        onSubmit={async (reason) => { await reopen.mutateAsync({ values: { reason }, requestId: '' }); void message.success(t('caseFile.overview.reopenedDone')); }} />
    </Flex>
  );
}
