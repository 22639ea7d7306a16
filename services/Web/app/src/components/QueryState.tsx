import type { ReactNode } from 'react';
import { Alert, Button, Spin } from 'antd';
import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { isApiProblem } from '@/lib/api/problem';
import { describeError } from '@/lib/errors';
import { LazyForbidden, LazyNotFound } from './LazyResultPages';

/** A query's loading, failure (403 and 404 as their pages) and data, the same on every page. */
export function QueryState<T>({ query, children }: { query: UseQueryResult<T>; children: (data: T) => ReactNode }) {
  const { t } = useTranslation();
  if (query.isPending) return <div className="centered"><Spin aria-label={t('app.loading')} /></div>;
  if (query.isError) {
    if (isApiProblem(query.error) && query.error.status === 403) return <LazyForbidden />;
    if (isApiProblem(query.error) && query.error.status === 404) return <LazyNotFound />;
    return (
      <Alert type="error" showIcon role="alert" title={describeError(t, query.error)}
        action={<Button onClick={() => void query.refetch()}>{t('app.retry')}</Button>} />
    );
  }
  return <>{children(query.data)}</>;
}
