import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type ReactNode,
} from 'react';
import type { Me } from '@majlis/shared';
import { fetchMe, logout } from '../api/accounts.ts';

type MeState =
  { kind: 'loading' } | { kind: 'known'; me: Me | null } | { kind: 'failed'; error: unknown };

export interface SignedIn {
  state: MeState;
  /** After sign-in, setup or redemption: the reply already says who it is. */
  signedIn: (me: Me) => void;
  signOut: () => Promise<void>;
}

const MeContext = createContext<SignedIn | undefined>(undefined);

/** Who is signed in on this browser, read once from `GET /me` and kept up to date by the pages. */
export function MeProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<MeState>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    fetchMe().then(
      (me) => live && setState({ kind: 'known', me }),
      (error: unknown) => live && setState({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, []);

  const signedIn = useCallback((me: Me) => setState({ kind: 'known', me }), []);
  const signOut = useCallback(async () => {
    await logout();
    setState({ kind: 'known', me: null });
  }, []);

  const value = useMemo(() => ({ state, signedIn, signOut }), [state, signedIn, signOut]);
  return <MeContext value={value}>{children}</MeContext>;
}

/** The signed-in state; only inside `<MeProvider>`. */
export function useMe(): SignedIn {
  const value = useContext(MeContext);
  if (value === undefined) throw new Error('useMe() needs a <MeProvider> above it');
  return value;
}
