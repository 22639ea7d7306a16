import type { ReactNode } from 'react';
import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '@/features/auth/api';
import { useSession } from '../session';
import { RequireRole } from './guards';

/** A page of the signed-in person's station (the supervisor's pages): refused to other roles, explained without a station. */
export function StationPage({ roles = ['supervisor', 'admin'], children }: { roles?: Role[]; children: (stationId: string) => ReactNode }) {
  const me = useSession();
  const { t } = useTranslation();
  return (
    <RequireRole roles={roles}>
      {me.stationId ? children(me.stationId) : <Alert type="info" showIcon title={t('supervision.noStation')} />}
    </RequireRole>
  );
}
