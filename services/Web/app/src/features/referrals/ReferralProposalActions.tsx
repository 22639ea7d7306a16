import { Flex, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { useReferral } from './api';
import { ReferralDecision } from './ReferralDecision';
import { ReferralStatusTag } from './ReferralStatusTag';

/**
 * On a referral-proposal notification: the referral's state as Matching has it now, and while it
 * waits for the caseworker, the buttons to approve or decline it right there.
 */
export function ReferralProposalActions({ referralId }: { referralId: string }) {
  const { t, i18n } = useTranslation();
  const referral = useReferral(referralId);
  if (referral.isPending) return <Spin size="small" aria-label={t('referrals.loading')} />;
  if (referral.isError) return <Typography.Text type="secondary">{t('referrals.unavailable')}</Typography.Text>;
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
