import CaseloadPage from '@/features/caseload/CaseloadPage';
import { useSession } from '../session';
import { RequireRole } from './guards';

export function Component() {
  const me = useSession();
  return <RequireRole roles={['caseworker']}><CaseloadPage caseworkerId={me.personId} /></RequireRole>;
}
