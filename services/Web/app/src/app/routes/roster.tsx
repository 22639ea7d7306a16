import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import RosterPage from '@/features/stations/RosterPage';
import { useSession } from '../session';
import { RequireRole } from './guards';

export function Component() {
  const me = useSession();
  const { t } = useTranslation();
  return (
    <RequireRole roles={['supervisor', 'admin']}>
      {me.stationId ? <RosterPage stationId={me.stationId} /> : <Alert type="info" showIcon title={t('roster.noStation')} />}
    </RequireRole>
  );
}
