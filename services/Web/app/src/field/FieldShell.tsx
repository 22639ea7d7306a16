import { Suspense } from 'react';
import { Button, Flex, Spin, Switch, Typography } from 'antd';
import { CalendarOutlined, ClockCircleOutlined, HeartOutlined, LogoutOutlined, ScheduleOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { NavLink, Outlet } from 'react-router';
import { useSignOut } from '@/features/auth/api';
import { useFieldMe } from '@/features/field/api';
import { FieldQueueProvider } from '@/features/field/FieldQueue';
import { useElderMode } from '@/lib/elder-mode';
import { SessionContext } from '@/app/session';
import { LazyForbidden } from '@/components/LazyResultPages';

const TABS = [
  { to: '/today', key: 'field.nav.today', icon: <ScheduleOutlined aria-hidden /> },
  { to: '/visits', key: 'field.nav.visits', icon: <HeartOutlined aria-hidden /> },
  { to: '/availability', key: 'field.nav.availability', icon: <CalendarOutlined aria-hidden /> },
  { to: '/hours', key: 'field.nav.hours', icon: <ClockCircleOutlined aria-hidden /> },
];

/** The phone's light shell: a header, the page, and a tab bar at the thumb; only for volunteers. */
export function FieldShell() {
  const { t } = useTranslation();
  const me = useFieldMe();
  if (me.isPending) return <div className="centered full-height"><Spin size="large" aria-label={t('app.loading')} /></div>;
  if (!me.data) {
    // Signing in is the workbench's page (a full load: it is the other entry).
    window.location.replace(`/sign-in?returnUrl=${encodeURIComponent(window.location.pathname)}`);
    return null;
  }
  if (!me.data.roles.includes('volunteer')) {
    return <main id="main"><LazyForbidden reason={t('field.forVolunteers')} home={false} /></main>;
  }
  return (
    <SessionContext.Provider value={me.data}>
      <FieldQueueProvider>
        <div className="field-shell">
          <header className="field-header">
            <Typography.Text strong className="field-header__title">{t('field.title')} · {me.data.name}</Typography.Text>
            <Flex align="center" gap="small">
              <ElderSwitch />
              <SignOut />
            </Flex>
          </header>
          <main id="main" tabIndex={-1} className="field-main">
            <Suspense fallback={<div className="centered"><Spin aria-label={t('app.loading')} /></div>}>
              <Outlet />
            </Suspense>
          </main>
          <nav className="field-tabs" aria-label={t('field.nav.label')}>
            {TABS.map((tab) => (
              <NavLink key={tab.to} to={tab.to} className={({ isActive }) => `field-tab${isActive ? ' field-tab--active' : ''}`}>
                {tab.icon}<span>{t(tab.key)}</span>
              </NavLink>
            ))}
          </nav>
        </div>
      </FieldQueueProvider>
    </SessionContext.Provider>
  );
}

function ElderSwitch() {
  const { t } = useTranslation();
  const [on, setOn] = useElderMode();
  return <Switch checked={on} onChange={setOn} aria-label={t('header.elderMode')} checkedChildren={t('field.elder')} unCheckedChildren={t('field.elder')} />;
}

function SignOut() {
  const { t } = useTranslation();
  const signOut = useSignOut();
  return (
    <Button icon={<LogoutOutlined />} aria-label={t('header.signOut')} loading={signOut.isPending}
      onClick={() => signOut.mutate(undefined, { onSettled: () => window.location.assign('/sign-in') })} />
  );
}
