import { Badge, Button } from 'antd';
import { BellOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useUnreadCount } from './api';

/** The header's inbox link with its unread count, kept live by useInboxStream. */
export function InboxButton() {
  const { t } = useTranslation();
  const unread = useUnreadCount(true).data ?? 0;
  const label = unread > 0 ? t('header.inboxUnread', { count: unread }) : t('header.inbox');
  return (
    <Link to="/inbox" aria-label={label} title={label}>
      <Badge count={unread} overflowCount={99}>
        <Button type="text" tabIndex={-1} aria-hidden icon={<BellOutlined />} />
      </Badge>
    </Link>
  );
}
