// A stand-in for the case file page (features/cases/CaseFilePage): its needs tab only, until the two branches meet.
import { Flex, Tabs, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { QueryState } from '@/components/QueryState';
import { useCaseNeeds } from '@/features/needs/api';
import { NeedsTab } from '@/features/needs/NeedsTab';
import { shortId } from '@/lib/format';
import { RequireRole } from './guards';

export function Component() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const caseFile = useCaseNeeds(id);
  return (
    <RequireRole roles={['caseworker', 'supervisor']}>
      <QueryState query={caseFile}>
        {(data) => (
          <Flex vertical gap="middle">
            <Typography.Title level={1}>{t('needs.caseTitle', { id: shortId(data.id) })}</Typography.Title>
            <Tabs items={[{ key: 'needs', label: t('needs.tab'), children: <NeedsTab caseId={data.id} stationId={data.stationId} /> }]} />
          </Flex>
        )}
      </QueryState>
    </RequireRole>
  );
}
