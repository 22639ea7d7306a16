import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import AuditPage from '@/features/supervision/AuditPage';
import { useSession } from '../session';
import { RequireRole } from './guards';

/** /district/audit — the access audit of the officer's own district's stations. */
export function Component() {
  const me = useSession();
  const { t } = useTranslation();
  return (
    <RequireRole roles={['district-officer']}>
      {me.districtCode
        ? <AuditPage scope={{ districtCode: me.districtCode }} />
        : <Alert type="info" showIcon title={t('supervision.districtStations.noDistrict')} />}
    </RequireRole>
  );
}
