import { Suspense, useState } from 'react';
import { App, Button, Drawer, Flex, Grid, Layout, Menu, Select, Spin, Switch, Typography } from 'antd';
import { EyeOutlined, LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, Outlet, useLocation, useNavigate } from 'react-router';
import { useMe, useSignOut, type Me } from '@/features/auth/api';
import { InboxButton } from '@/features/inbox/InboxButton';
import { useInboxStream } from '@/features/inbox/useInboxStream';
import { useElderMode } from '@/lib/elder-mode';
import { LANGUAGES, type Language } from '@/lib/i18n';
import { menuFor } from './menu';
import { SessionContext } from './session';

/** Signed-in pages: side menu by role, header with station, language, elder mode, inbox and sign-out. */
export function AppLayout() {
  const me = useMe();
  const location = useLocation();
  const { t } = useTranslation();
  if (me.isPending) return <div className="centered full-height"><Spin size="large" aria-label={t('app.loading')} /></div>;
  if (!me.data) {
    const returnUrl = `${location.pathname}${location.search}`;
    return <Navigate to={`/sign-in?returnUrl=${encodeURIComponent(returnUrl)}`} replace />;
  }
  return (
    <SessionContext.Provider value={me.data}>
      <Shell me={me.data} />
    </SessionContext.Provider>
  );
}

function Shell({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { notification } = App.useApp();
  const navigate = useNavigate();
  const location = useLocation();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawerOpen, setDrawerOpen] = useState(false);
  const signOut = useSignOut();

  useInboxStream(true, (item) => {
    if (item.urgency === 'Urgent') {
      notification.warning({ title: t('inbox.newUrgent'), description: item.title, placement: 'topRight' });
    }
  });

  const items = menuFor(me).map((entry) => ({ key: entry.path, label: t(entry.labelKey) }));
  const selected = items.filter((i) => location.pathname.startsWith(i.key)).map((i) => i.key);
  const menu = (
    <nav aria-label={t('app.mainNavigation')}>
      <Menu
        mode="inline"
        selectedKeys={selected}
        items={items}
        onClick={({ key }) => { navigate(key); setDrawerOpen(false); }}
      />
    </nav>
  );
  const place = me.stationName ?? (me.districtCode ? t('app.districtLabel', { code: me.districtCode }) : t('app.noStation'));

  return (
    <Layout className="app-shell">
      <a className="skip-link" href="#main">{t('app.skipToContent')}</a>
      {!narrow && (
        <Layout.Sider width={220} theme="light" className="app-sider">
          <div className="app-brand">{t('app.title')}</div>
          {menu}
        </Layout.Sider>
      )}
      {narrow && (
        <Drawer open={drawerOpen} onClose={() => setDrawerOpen(false)} placement="left" title={t('app.title')}
          size={260} closable={{ 'aria-label': t('app.closeMenu') }}>
          {menu}
        </Drawer>
      )}
      <Layout>
        <Layout.Header className="app-header">
          <Flex align="center" gap="small" className="app-header__place">
            {narrow && (
              <Button type="text" icon={<MenuOutlined />} aria-label={t('app.openMenu')} aria-expanded={drawerOpen}
                onClick={() => setDrawerOpen(true)} />
            )}
            <Typography.Text strong className="app-header__station">{place}</Typography.Text>
          </Flex>
          <Flex align="center" gap="small" wrap className="app-header__tools">
            <LanguageSwitch />
            <ElderModeSwitch />
            <InboxButton />
            <Typography.Text className="app-header__name" aria-label={t('header.signedInAs', { name: me.name })}>
              {me.name}
            </Typography.Text>
            <Button icon={<LogoutOutlined />} loading={signOut.isPending} aria-label={t('header.signOut')}
              onClick={() => signOut.mutate(undefined, { onSettled: () => navigate('/sign-in', { replace: true }) })}>
              {!narrow && t('header.signOut')}
            </Button>
          </Flex>
        </Layout.Header>
        {/* data-path: the page React has rendered (the URL changes a moment before), read by fivesoc-bench workbench. */}
        <Layout.Content id="main" tabIndex={-1} className="app-content" data-path={location.pathname}>
          <Suspense fallback={<div className="centered"><Spin aria-label={t('app.loading')} /></div>}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <Select<Language>
      aria-label={t('header.language')}
      value={i18n.language as Language}
      onChange={(value) => void i18n.changeLanguage(value)}
      options={LANGUAGES.map((lng) => ({ value: lng, label: t(`language.${lng}`) }))}
      popupMatchSelectWidth={false}
      className="language-switch"
    />
  );
}

export function ElderModeSwitch() {
  const { t } = useTranslation();
  const [on, setOn] = useElderMode();
  return (
    <Flex align="center" gap={4}>
      <EyeOutlined aria-hidden />
      <Switch checked={on} onChange={setOn} aria-label={t('header.elderMode')}
        checkedChildren={t('header.elderMode')} unCheckedChildren={t('header.elderMode')} />
    </Flex>
  );
}
