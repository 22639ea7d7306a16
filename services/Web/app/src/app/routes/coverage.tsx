import CoveragePage from '@/features/supervision/CoveragePage';
import { RequireRole } from './guards';

export function Component() {
  return <RequireRole roles={['supervisor', 'district-officer', 'admin']}><CoveragePage /></RequireRole>;
}
