import { createContext, useContext } from 'react';
import type { Me } from '@/features/auth/api';

export const SessionContext = createContext<Me | null>(null);

/** The signed-in person; only inside the signed-in layout. */
export function useSession(): Me {
  const me = useContext(SessionContext);
  if (!me) throw new Error('useSession outside the signed-in layout');
  return me;
}
