import { Tag } from 'antd';
import {
  CheckCircleOutlined, ClockCircleOutlined, CloseCircleOutlined, HourglassOutlined, StopOutlined, SyncOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReferralStatus } from '@/lib/api/responses';

// Words and an icon with every colour: colour is never the only signal (适老化).
const LOOK: Record<ReferralStatus, { color: string; icon: React.ReactNode }> = {
  AwaitingApproval: { color: 'warning', icon: <ClockCircleOutlined /> },
  AwaitingAcceptance: { color: 'processing', icon: <HourglassOutlined /> },
  Accepted: { color: 'success', icon: <CheckCircleOutlined /> },
  InService: { color: 'success', icon: <SyncOutlined /> },
  Completed: { color: 'default', icon: <CheckCircleOutlined /> },
  Declined: { color: 'error', icon: <CloseCircleOutlined /> },
  Expired: { color: 'default', icon: <StopOutlined /> },
  Cancelled: { color: 'default', icon: <StopOutlined /> },
};

export function ReferralStatusTag({ status }: { status: ReferralStatus }) {
  const { t } = useTranslation();
  const look = LOOK[status];
  return <Tag className="status-tag" color={look.color} icon={look.icon}>{t(`referrals.status.${status}`)}</Tag>;
}
