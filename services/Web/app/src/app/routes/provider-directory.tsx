import DirectoryPage from '@/features/providers/DirectoryPage';
import { RequireRole } from './guards';

export function Component() {
  return <RequireRole roles={['provider', 'admin']}><DirectoryPage /></RequireRole>;
}
