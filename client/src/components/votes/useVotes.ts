import { useCallback, useEffect } from 'react';
import type { BallotChoice, BallotReceipt, Motion, MotionView } from '@majlis/shared';
import { ApiError } from '../../api/http.ts';
import { call, listen } from '../../realtime/socket.ts';
import { onNotice, useLiveState, type LiveStateSpec } from '../../realtime/useLiveState.ts';

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
 * Two lists of the same session's motions, joined: per motion the newer
 * version wins, and a motion only one of them has is kept (a notice can
 * bring a motion created after the list was read).
 */
function mergeMotions(current: MotionView[] | undefined, incoming: MotionView[]): MotionView[] {
  if (current === undefined) return incoming;
  const mine = new Map(current.map((v) => [v.motion.id, v]));
  const joined = incoming.map((v) => {
    const held = mine.get(v.motion.id);
    return held !== undefined && held.motion.version > v.motion.version ? held : v;
  });
  const seen = new Set(incoming.map((v) => v.motion.id));
  return [...joined, ...current.filter((v) => !seen.has(v.motion.id))];
}

/** The list with one motion's view replaced or added; `mine` kept when the change says nothing of it. */
function withMotion(current: MotionView[] | undefined, motion: Motion): MotionView[] {
  const list = current ?? [];
  const held = list.find((v) => v.motion.id === motion.id);
  return held === undefined
    ? [...list, { motion, mine: null }]
    : list.map((v) => (v === held ? { ...v, motion } : v));
}

function withView(current: MotionView[] | undefined, view: MotionView): MotionView[] | undefined {
  return current?.map((v) => (v.motion.id === view.motion.id ? view : v));
}

function voted(current: MotionView[] | undefined, motionId: string): MotionView[] | undefined {
  return current?.map((v) =>
    v.motion.id === motionId && v.mine ? { ...v, mine: { ...v.mine, hasVoted: true } } : v,
  );
}

/**
 * The session's motions: listed with `vote:list`, kept by `vote:changed`
 * (newest version wins) and `vote:recorded` for the reader's own
 * delegation. No count exists here before a motion closes: the server
 * sends none.
 */
const liveMotions: LiveStateSpec<MotionView[]> = {
  load: async (sessionId) => (await call('vote:list', { sessionId })).motions,
  merge: mergeMotions,
  notices: [
    onNotice('vote:changed', ({ motion }, current, sessionId) =>
      motion.sessionId === sessionId ? withMotion(current, motion) : undefined,
    ),
    onNotice('vote:recorded', ({ motionId }, current) => voted(current, motionId)),
  ],
};

/** The session's motions, live, and the chair's and the voter's commands. */
export function useVotes(sessionId: string) {
  const { state, failed, apply } = useLiveState(sessionId, liveMotions);

  useEffect(
    () =>
      listen('vote:changed', ({ motion }) => {
        if (motion.sessionId !== sessionId) return;
        // A change may change what the reader may do (a new motion, one just opened): ask.
        call('vote:get', { motionId: motion.id }).then(
          (view) =>
            apply((current) =>
              current?.map((v) => (v.motion.id === view.motion.id ? { ...v, mine: view.mine } : v)),
            ),
          (err: unknown) => {
            // Refused or unanswered: the reader's part stays as it was until the next change.
            if (!(err instanceof ApiError)) throw err;
          },
        );
      }),
    [sessionId, apply],
  );

  const open = useCallback(
    async (motionId: string) => {
      const view = await call('vote:open', { motionId });
      apply((current) => withView(current, view));
    },
    [apply],
  );
  const close = useCallback(
    async (motionId: string) => {
      const view = await call('vote:close', { motionId });
      apply((current) => withView(current, view));
    },
    [apply],
  );
  const cast = useCallback(
    async (motionId: string, choice: BallotChoice): Promise<BallotReceipt> => {
      const previous = storedBallot(motionId);
      // The same key for the same choice: a resend is the same ballot. A new choice on a
      // changeable secret ballot keeps the key, which is what proves it is this device's ballot.
      const ballotKey = previous?.ballotKey ?? newBallotKey();
      storeBallot(motionId, { ballotKey, choice });
      const receipt = await call('vote:cast', { motionId, choice, ballotKey });
      storeBallot(motionId, { ballotKey, choice, receipt: receipt.receipt });
      apply((current) => voted(current, motionId));
      return receipt;
    },
    [apply],
  );

  return { views: state ?? [], loaded: state !== undefined || failed, open, close, cast };
}

/** A refusal's quorum figure (VOTE-3), carried as a field issue `quorum.<name>`. */
export function quorumFigure(err: ApiError, name: string): number | undefined {
  const issue = err.problem?.issues?.find((i) => i.path === `quorum.${name}`);
  return issue === undefined ? undefined : Number(issue.message);
}
