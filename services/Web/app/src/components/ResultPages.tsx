import { Button, Result } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';

export function NotFound() {
  const { t } = useTranslation();
  return (
    <Result status="404" title={<h1 className="result-title">{t('errors.notFoundTitle')}</h1>} subTitle={t('errors.notFoundText')}
      extra={<Link to="/"><Button type="primary" tabIndex={-1}>{t('app.goHome')}</Button></Link>} />
  );
}

/** 无权访问: with the reason given (the field app names who it is for), else the general one; a way home unless there is none. */
export function Forbidden({ reason, home = true }: { reason?: string; home?: boolean }) {
  const { t } = useTranslation();
  return (
    <Result status="403" title={<h1 className="result-title">{t('errors.forbiddenTitle')}</h1>} subTitle={reason ?? t('errors.forbiddenText')}
      extra={home ? <Link to="/"><Button type="primary" tabIndex={-1}>{t('app.goHome')}</Button></Link> : undefined} />
  );
}
