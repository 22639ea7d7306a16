import ClientSearchPage from '@/features/clients/ClientSearchPage';
import { RequireRole } from './guards';

export function Component() {
  return <RequireRole roles={['caseworker', 'supervisor']}><ClientSearchPage /></RequireRole>;
}
