import { useMemo, useState } from 'react';
import { Alert, Button, Card, Empty, Flex, Input, Spin, Typography } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { productionSignInUrl, useDemoPeople, useDemoSignIn, useMe, type DemoPerson } from './api';

interface Group {
  key: string;
  title: string;
  people: DemoPerson[];
}

export function groupDemoPeople(people: DemoPerson[], districtTitle: (code: string) => string): Group[] {
  const groups = new Map<string, Group>();
  for (const person of people) {
    const key = person.stationId ?? `district:${person.districtCode}`;
    const title = person.stationName ?? districtTitle(person.districtCode);
    const group = groups.get(key) ?? { key, title, people: [] };
    group.people.push(person);
    groups.set(key, group);
  }
  return [...groups.values()].sort((a, b) => a.title.localeCompare(b.title, 'zh-CN'));
}

/** Only same-origin paths: a returnUrl never sends anyone elsewhere. */
function safeReturnUrl(value: string | null): string {
  return value && value.startsWith('/') && !value.startsWith('//') ? value : '/';
}

export default function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const returnUrl = safeReturnUrl(params.get('returnUrl'));
  const me = useMe();
  const demo = useDemoPeople();
  const signIn = useDemoSignIn();
  const [search, setSearch] = useState('');

  const groups = useMemo(() => {
    const term = search.trim().toLowerCase();
    const people = (demo.data ?? []).filter((p) =>
      term === '' || [p.name, p.stationName ?? '', p.districtCode].some((s) => s.toLowerCase().includes(term)));
    return groupDemoPeople(people, (code) => t('signIn.districtOffice', { code }));
  }, [demo.data, search, t]);

  if (me.data) return <Navigate to={returnUrl} replace />;

  return (
    <main id="main" className="sign-in">
      <Card className="sign-in__card">
        <Typography.Title level={1} className="sign-in__title">{t('signIn.title')}</Typography.Title>
        {demo.isPending ? (
          <Spin aria-label={t('app.loading')} />
        ) : demo.data ? (
          <Flex vertical gap="middle">
            <Typography.Paragraph>{t('signIn.demoIntro')}</Typography.Paragraph>
            <Input.Search
              aria-label={t('signIn.searchLabel')}
              placeholder={t('signIn.search')}
              allowClear
              value={search}
              onChange={(e) => setSearch(e.target.value)}
            />
            {signIn.isError && <Alert type="error" showIcon title={t('signIn.failed')} />}
            {groups.length === 0 && <Empty description={t('signIn.noMatch')} />}
            {groups.map((group) => (
              <section key={group.key} aria-labelledby={`group-${group.key}`}>
                <Typography.Title level={2} id={`group-${group.key}`} className="sign-in__group">
                  {group.title}
                </Typography.Title>
                <Flex wrap gap="small">
                  {group.people.map((person) => (
                    <Button
                      key={person.personId}
                      icon={<LoginOutlined />}
                      loading={signIn.isPending && signIn.variables === person.personId}
                      disabled={signIn.isPending}
                      aria-label={t('signIn.signInAs', { name: person.name, role: t(`roles.${person.role}`) })}
                      onClick={() => signIn.mutate(person.personId, { onSuccess: () => navigate(returnUrl, { replace: true }) })}
                    >
                      {person.name} · {t(`roles.${person.role}`)}
                    </Button>
                  ))}
                </Flex>
              </section>
            ))}
          </Flex>
        ) : (
          <Flex vertical gap="middle">
            <Typography.Paragraph>{t('signIn.productionIntro')}</Typography.Paragraph>
            <Button type="primary" size="large" icon={<LoginOutlined />} href={productionSignInUrl(returnUrl)}>
              {t('signIn.signInButton')}
            </Button>
          </Flex>
        )}
      </Card>
    </main>
  );
}
