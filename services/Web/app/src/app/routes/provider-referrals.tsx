import ProviderReferralsPage from '@/features/providers/ProviderReferralsPage';
import { RequireRole } from './guards';

export function Component() {
  return <RequireRole roles={['provider']}><ProviderReferralsPage /></RequireRole>;
}
