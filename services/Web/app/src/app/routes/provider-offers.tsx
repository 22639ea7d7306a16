import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import OffersPage from '@/features/providers/OffersPage';
import { useSession } from '../session';
import { RequireRole } from './guards';

export function Component() {
  const me = useSession();
  const { t } = useTranslation();
  return (
    <RequireRole roles={['provider']}>
      {me.providerId ? <OffersPage providerId={me.providerId} /> : <Alert type="info" showIcon title={t('providers.noProvider')} />}
    </RequireRole>
  );
}
