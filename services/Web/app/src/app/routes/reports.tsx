import ReportsPage from '@/features/reports/ReportsPage';
import { RequireRole } from './guards';

export function Component() {
  return <RequireRole roles={['supervisor', 'district-officer', 'admin']}><ReportsPage /></RequireRole>;
}
