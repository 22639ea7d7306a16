import { useState, type ReactNode } from 'react';
import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import type { i18n as I18n } from 'i18next';
import { I18nextProvider, useTranslation } from 'react-i18next';
import { isApiProblem } from '@/lib/api/problem';
import { useElderMode } from '@/lib/elder-mode';
import { appTheme } from './theme';

const ME_KEY = ['auth', 'me'];

/** Queries retry a failed read twice, never a 4xx; a 401 anywhere means the session ended. */
export function createQueryClient(): QueryClient {
  const client: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError: (error) => signedOutOn(error) }),
    mutationCache: new MutationCache({ onError: (error) => signedOutOn(error) }),
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (count, error) => !(isApiProblem(error) && error.status < 500) && count < 2,
      },
    },
  });
  function signedOutOn(error: unknown) {
    if (isApiProblem(error) && error.status === 401) client.setQueryData(ME_KEY, null);
  }
  return client;
}

function Themed({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  const [elder] = useElderMode();
  return (
    <ConfigProvider
      locale={i18n.language === 'en' ? enUS : zhCN}
      theme={appTheme(elder)}
      componentSize={elder ? 'large' : 'middle'}
    >
      <AntApp>{children}</AntApp>
    </ConfigProvider>
  );
}

export function AppProviders({ i18n, queryClient, children }: { i18n: I18n; queryClient?: QueryClient; children: ReactNode }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  return (
    <I18nextProvider i18n={i18n}>
      <QueryClientProvider client={client}>
        <Themed>{children}</Themed>
      </QueryClientProvider>
    </I18nextProvider>
  );
}
