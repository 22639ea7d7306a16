import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import RegisterHouseholdPage from '@/features/households/RegisterHouseholdPage';
import { useSession } from '../session';
import { RequireRole } from './guards';

/** /households/new — a household is its station's, so the person needs one. */
export function Component() {
  const me = useSession();
  const { t } = useTranslation();
  return (
    <RequireRole roles={['caseworker', 'supervisor']}>
      {me.stationId
        ? <RegisterHouseholdPage registrar={{ personId: me.personId, stationId: me.stationId, isCaseworker: me.roles.includes('caseworker') }} />
        : <Alert type="info" showIcon title={t('households.noStation')} />}
    </RequireRole>
  );
}
