import type { ReactNode } from 'react';
import { Forbidden } from '@/components/ResultPages';
import type { Role } from '@/features/auth/api';
import { useSession } from '../session';

export function RequireRole({ roles, children }: { roles: Role[]; children: ReactNode }) {
  const me = useSession();
  return me.roles.some((role) => roles.includes(role)) ? <>{children}</> : <Forbidden />;
}
