import { Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import type { ReferralView } from '@/lib/api/responses';
import { useReferral } from './api';
import { ReferralDecision } from './ReferralDecision';
import { ReferralStatusTag } from './ReferralStatusTag';

/**
 * On a referral-proposal notification: the referral's state as Matching has it now, and while it
 * waits for the caseworker, the buttons to approve or decline it right there. The inbox hands in
 * what it read for the whole page; alone, it reads its referral itself.
 */
export function ReferralProposalActions({ referralId, read }: { referralId: string; read?: ReferralRead }) {
  const { t, i18n } = useTranslation();
  const own = useReferral(referralId, read === undefined);
  const referral: ReferralRead = read ?? { pending: own.isPending, failed: own.isError, data: own.data };
  if (referral.pending) return <Spin size="small" aria-label={t('referrals.loading')} />;
  if (referral.failed || !referral.data) return <Typography.Text type="secondary">{t('referrals.unavailable')}</Typography.Text>;
  const r = referral.data;
  return (
    <Flex wrap gap="small" align="center">
      <ReferralStatusTag status={r.status} />
      {r.status === 'AwaitingApproval' && (
        <>
          {r.dueAt && <Typography.Text type="secondary">{t('referrals.respondBy', { date: formatDateTime(r.dueAt, i18n.language) })}</Typography.Text>}
          <ReferralDecision referral={r} />
        </>
      )}
    </Flex>
  );
}

/** A referral as read for a notification: still coming, failed, or there (absent from the page's read: gone or not visible). */
export interface ReferralRead { pending: boolean; failed: boolean; data?: ReferralView }
