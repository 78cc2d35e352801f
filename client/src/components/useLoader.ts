import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';

export type Loaded<T> =
  { kind: 'loading' } | { kind: 'loaded'; value: T } | { kind: 'failed'; error: unknown };

const LOADING = { kind: 'loading' } as const;

/**
 * Loads what a page shows, again whenever `key` changes or `reload()` is
 * called; a reply for an older key or an older load is dropped.
 */
export function useLoader<T>(
  key: string,
  load: () => Promise<T>,
): {
  loaded: Loaded<T>;
  reload: () => Promise<void>;
  /** Changes what was loaded in place (after a write whose reply says what it now is). */
  update: (change: (value: T) => T) => void;
} {
  const [state, setState] = useState<{ key: string; loaded: Loaded<T> }>({ key, loaded: LOADING });
  const latest = useRef(0);
  const current = useRef({ key, load });
  useLayoutEffect(() => {
    current.current = { key, load };
  });

  const reload = useCallback(async () => {
    const ticket = ++latest.current;
    const { key: forKey, load: run } = current.current;
    let loaded: Loaded<T>;
    try {
      loaded = { kind: 'loaded', value: await run() };
    } catch (error) {
      loaded = { kind: 'failed', error };
    }
    if (ticket === latest.current) setState({ key: forKey, loaded });
  }, []);

  useEffect(() => {
    void reload();
  }, [key, reload]);

  const update = useCallback(
    (change: (value: T) => T) =>
      setState((s) =>
        s.loaded.kind === 'loaded'
          ? { key: s.key, loaded: { kind: 'loaded', value: change(s.loaded.value) } }
          : s,
      ),
    [],
  );
  // Until the new key's reply arrives, the old key's data is not shown as the new one's.
  return { loaded: state.key === key ? state.loaded : LOADING, reload, update };
}
