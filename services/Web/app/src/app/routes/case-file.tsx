import { useParams } from 'react-router';
import { NotFound } from '@/components/ResultPages';
import CaseFilePage, { isCaseTab } from '@/features/cases/CaseFilePage';
import { useSession } from '../session';
import { RequireRole } from './guards';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** /cases/:id and /cases/:id/:tab — the tab is in the URL, so links and Back land on it. */
export function Component() {
  const me = useSession();
  const { id = '', tab = 'overview' } = useParams();
  if (!GUID.test(id) || !isCaseTab(tab)) return <NotFound />;
  return (
    <RequireRole roles={['caseworker', 'supervisor']}>
      <CaseFilePage key={id} caseId={id} tab={tab}
        reader={{ personId: me.personId, isCaseworker: me.roles.includes('caseworker'), isSupervisor: me.roles.includes('supervisor') }} />
    </RequireRole>
  );
}
