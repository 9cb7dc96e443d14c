import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { ApiError, get, session } from './api';

export type Role = 'admin' | 'inspector' | 'planner' | 'viewer';

/** Who the key belongs to: GET /me. */
export interface Me {
  keyId?: string;
  role: Role;
  label?: string;
  organisations: string[];
}

interface Auth {
  me: Me | null;
  signIn: (key: string) => Promise<Me>;
  signOut: () => void;
  can: (...roles: Role[]) => boolean;
}

const AuthContext = createContext<Auth | null>(null);
const ME = 'sakip.me';

export async function fetchMe(): Promise<Me> {
  const me = await get<Partial<Me> & { key?: Partial<Me> }>('/me');
  const source = me.key ?? me;
  return {
    ...(source.keyId ? { keyId: source.keyId } : {}),
    role: source.role ?? 'viewer',
    ...(source.label ? { label: source.label } : {}),
    organisations: source.organisations ?? [],
  };
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const [me, setMe] = useState<Me | null>(() => {
    const saved = sessionStorage.getItem(ME);
    return saved && session.key() ? (JSON.parse(saved) as Me) : null;
  });
  const signIn = useCallback(async (key: string) => {
    session.set(key);
    try {
      const who = await fetchMe();
      sessionStorage.setItem(ME, JSON.stringify(who));
      setMe(who);
      return who;
    } catch (error) {
      session.clear();
      throw error instanceof ApiError
        ? error
        : new ApiError(0, 'NETWORK', { id: String(error), en: String(error) }, {});
    }
  }, []);
  const signOut = useCallback(() => {
    session.clear();
    sessionStorage.removeItem(ME);
    setMe(null);
  }, []);
  const value = useMemo<Auth>(
    () => ({
      me,
      signIn,
      signOut,
      can: (...roles) => !!me && (me.role === 'admin' || roles.includes(me.role)),
    }),
    [me, signIn, signOut],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): Auth {
  const auth = useContext(AuthContext);
  if (!auth) throw new Error('useAuth outside AuthProvider');
  return auth;
}
