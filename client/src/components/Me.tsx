import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
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
  // Bumped by every sign-in and sign-out: the first `GET /me` may answer
  // after a redemption on the same page has signed someone in, and must
  // then not sign them out again.
  const generation = useRef(0);

  useEffect(() => {
    const asked = generation.current;
    let live = true;
    const settle = (next: MeState) => {
      if (live && asked === generation.current) setState(next);
    };
    fetchMe().then(
      (me) => settle({ kind: 'known', me }),
      (error: unknown) => settle({ kind: 'failed', error }),
    );
    return () => {
      live = false;
    };
  }, []);

  const signedIn = useCallback((me: Me) => {
    generation.current++;
    setState({ kind: 'known', me });
  }, []);
  const signOut = useCallback(async () => {
    await logout();
    generation.current++;
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
