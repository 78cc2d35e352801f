import { useCallback, useEffect, useState } from 'react';
import type {
  BallotChoice,
  BallotReceipt,
  ClientToServerEvents,
  FieldIssue,
  Motion,
  MotionList,
  MotionView,
  Result,
} from '@majlis/shared';
import { getSocket } from '../../realtime/socket.ts';

/** A refused command, with the field issues that carry figures (the quorum of a refusal). */
export class VoteCommandError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
  figure(name: string): number | undefined {
    const issue = this.issues.find((i) => i.path === `quorum.${name}`);
    return issue === undefined ? undefined : Number(issue.message);
  }
}

function send<T>(event: keyof ClientToServerEvents, payload: unknown): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new VoteCommandError('TIMEOUT', 'No answer from the server')),
      15_000,
    );
    (getSocket().emit as (ev: string, p: unknown, ack: (r: Result<T>) => void) => void)(
      event,
      payload,
      (reply) => {
        clearTimeout(timer);
        if (reply.ok) resolve(reply.data);
        else
          reject(new VoteCommandError(reply.error.code, reply.error.message, reply.error.issues));
      },
    );
  });
}

const BALLOT_STORE = 'majlis.ballot.';

interface PendingBallot {
  ballotKey: string;
  choice: BallotChoice;
  receipt?: string | null;
}

/**
 * One ballot key per motion and device, kept in the browser: a resend after
 * a reconnect or a double click is the same ballot, and a secret ballot's
 * receipt stays with the device that cast it.
 */
export function storedBallot(motionId: string): PendingBallot | undefined {
  try {
    const raw = localStorage.getItem(`${BALLOT_STORE}${motionId}`);
    return raw === null ? undefined : (JSON.parse(raw) as PendingBallot);
  } catch {
    return undefined;
  }
}
function storeBallot(motionId: string, ballot: PendingBallot): void {
  try {
    localStorage.setItem(`${BALLOT_STORE}${motionId}`, JSON.stringify(ballot));
  } catch {
    // Private mode: the ballot still goes; only a resend after reload gets a new key.
  }
}

function newBallotKey(): string {
  const bytes = new Uint8Array(18);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_');
}

/**
 * The session's motions, live: listed on (re)connect, then kept by
 * `vote:changed` (newest version wins) and `vote:recorded` for the reader's
 * own delegation. No count exists here before a motion closes: the server
 * sends none.
 */
export function useVotes(sessionId: string) {
  const [views, setViews] = useState<MotionView[]>([]);
  const [loaded, setLoaded] = useState(false);

  const accept = useCallback((motion: Motion) => {
    setViews((current) => {
      const i = current.findIndex((v) => v.motion.id === motion.id);
      if (i === -1) return [...current, { motion, mine: null }];
      const existing = current[i];
      if (existing === undefined || existing.motion.version > motion.version) return current;
      const next = [...current];
      next[i] = { ...existing, motion };
      return next;
    });
  }, []);

  const refresh = useCallback(async () => {
    await send<{ sessionId: string }>('session:watch', { sessionId });
    const list = await send<MotionList>('vote:list', { sessionId });
    setViews(list.motions);
    setLoaded(true);
  }, [sessionId]);

  useEffect(() => {
    const socket = getSocket();
    const sync = () => void refresh().catch(() => setLoaded(true));
    const onChanged = ({ motion }: { motion: Motion }) => {
      if (motion.sessionId !== sessionId) return;
      accept(motion);
      // A newly created motion says nothing about the reader; ask once.
      void send<MotionView>('vote:get', { motionId: motion.id }).then(
        (view) =>
          setViews((current) =>
            current.map((v) => (v.motion.id === view.motion.id ? { ...v, mine: view.mine } : v)),
          ),
        () => undefined,
      );
    };
    const onRecorded = ({ motionId }: { motionId: string }) =>
      setViews((current) =>
        current.map((v) =>
          v.motion.id === motionId && v.mine ? { ...v, mine: { ...v.mine, hasVoted: true } } : v,
        ),
      );
    socket.on('connect', sync);
    socket.on('vote:changed', onChanged);
    socket.on('vote:recorded', onRecorded);
    if (socket.connected) sync();
    return () => {
      socket.off('connect', sync);
      socket.off('vote:changed', onChanged);
      socket.off('vote:recorded', onRecorded);
    };
  }, [sessionId, accept, refresh]);

  const replace = useCallback((view: MotionView) => {
    setViews((current) => current.map((v) => (v.motion.id === view.motion.id ? view : v)));
  }, []);

  const open = useCallback(
    async (motionId: string) => replace(await send<MotionView>('vote:open', { motionId })),
    [replace],
  );
  const close = useCallback(
    async (motionId: string) => replace(await send<MotionView>('vote:close', { motionId })),
    [replace],
  );
  const cast = useCallback(async (motionId: string, choice: BallotChoice) => {
    const previous = storedBallot(motionId);
    // The same key for the same choice: a resend is the same ballot. A new choice on a
    // changeable secret ballot keeps the key, which is what proves it is this device's ballot.
    const ballotKey = previous?.ballotKey ?? newBallotKey();
    storeBallot(motionId, { ballotKey, choice });
    const receipt = await send<BallotReceipt>('vote:cast', { motionId, choice, ballotKey });
    storeBallot(motionId, { ballotKey, choice, receipt: receipt.receipt });
    setViews((current) =>
      current.map((v) =>
        v.motion.id === motionId && v.mine ? { ...v, mine: { ...v.mine, hasVoted: true } } : v,
      ),
    );
    return receipt;
  }, []);

  return { views, loaded, open, close, cast, refresh };
}
