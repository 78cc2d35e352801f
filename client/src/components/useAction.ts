import { useCallback, useState } from 'react';

export interface Action {
  /** True while an attempt is in flight; forms disable their submit button. */
  busy: boolean;
  /** The last attempt's error, shown until the next attempt starts. */
  failure: { error: unknown } | undefined;
  run: (work: () => Promise<void>) => Promise<void>;
}

/**
 * What every form's submit shares: one attempt at a time, the previous
 * failure cleared when a new one starts, and the error kept (not thrown) so
 * the form can show it next to the fields it names.
 */
export function useAction(): Action {
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<{ error: unknown } | undefined>();
  const run = useCallback(async (work: () => Promise<void>) => {
    setFailure(undefined);
    setBusy(true);
    try {
      await work();
    } catch (error) {
      setFailure({ error });
    } finally {
      setBusy(false);
    }
  }, []);
  return { busy, failure, run };
}
