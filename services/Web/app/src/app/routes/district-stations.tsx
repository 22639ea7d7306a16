import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { NotFound } from '@/components/ResultPages';
import { DistrictStationPage, DistrictStationsPage } from '@/features/supervision/DistrictStationsPage';
import { useSession } from '../session';
import { RequireRole } from './guards';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /district/stations and /district/stations/:stationId — the district officer's own district only. */
export function Component() {
  const me = useSession();
  const { t } = useTranslation();
  const { stationId } = useParams();
  if (stationId !== undefined && !GUID.test(stationId)) return <NotFound />;
  return (
    <RequireRole roles={['district-officer']}>
      {!me.districtCode
        ? <Alert type="info" showIcon title={t('supervision.districtStations.noDistrict')} />
        : stationId
          ? <DistrictStationPage key={stationId} districtCode={me.districtCode} stationId={stationId} />
          : <DistrictStationsPage districtCode={me.districtCode} />}
    </RequireRole>
  );
}
