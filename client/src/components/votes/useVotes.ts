import { useCallback, useEffect } from 'react';
import type { BallotChoice, BallotReceipt, Motion, MotionView } from '@majlis/shared';
import { BallotReceipt as BallotReceiptSchema } from '@majlis/shared';
import type { EncryptedBallot } from '@majlis/shared/ballots';
import { ApiError, hasCode, request } from '../../api/http.ts';
import { call, listen } from '../../realtime/socket.ts';
import { onNotice, useLiveState, type LiveStateSpec } from '../../realtime/useLiveState.ts';

const BALLOT_STORE = 'majlis.ballot.';

interface PendingBallot {
  ballotKey: string;
  choice: BallotChoice;
  receipt?: string | null;
  /** VOTE-8: the encrypted ballot as sent, so a resend is the same ballot (re-parsed before reuse). */
  encrypted?: EncryptedBallot;
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

/** VOTE-8: ciphertext order of a verifiable ballot's options. */
const VERIFIABLE_CHOICES: readonly BallotChoice[] = ['yes', 'no', 'abstain'];
/** Per motion: its election key once the trustees made it, or null for a plaintext motion. */
const electionKeys = new Map<string, string | null>();

/**
 * A verifiable motion's election key, or null when the motion takes
 * plaintext ballots. The ballot code (ristretto255, proofs) loads only here,
 * when a verifiable ballot is cast.
 */
async function electionKeyOf(motionId: string): Promise<string | null> {
  const known = electionKeys.get(motionId);
  if (known !== undefined) return known;
  const { TrusteeSetupView } = await import('@majlis/shared/ballots');
  try {
    const setup = await request(TrusteeSetupView, `/motions/${motionId}/trustees`);
    if (setup.publicKey !== null) electionKeys.set(motionId, setup.publicKey);
    return setup.publicKey;
  } catch (err) {
    if (!hasCode(err, 'NOT_FOUND')) throw err;
    electionKeys.set(motionId, null);
    return null;
  }
}

/**
 * VOTE-8 on this device: the choice is encrypted here with its proofs, and
 * only the ciphertexts leave. A resend after a lost answer sends the same
 * encrypted ballot (kept with the ballot key), so it lands once.
 */
async function castEncrypted(
  motionId: string,
  publicKey: string,
  choice: BallotChoice,
): Promise<BallotReceipt> {
  const ballots = await import('@majlis/shared/ballots');
  const index = VERIFIABLE_CHOICES.indexOf(choice);
  if (index < 0) throw new RangeError(`${choice} is not a choice of a verifiable ballot`);
  const held = storedBallot(motionId);
  const ballotKey = held?.ballotKey ?? newBallotKey();
  const reuse =
    held?.choice === choice ? ballots.EncryptedBallot.safeParse(held.encrypted) : undefined;
  const ballot = reuse?.success
    ? reuse.data
    : ballots.encryptBallot({ motionId, publicKey, options: VERIFIABLE_CHOICES.length }, index)
        .ballot;
  storeBallot(motionId, { ballotKey, choice, encrypted: ballot });
  const receipt = await request(BallotReceiptSchema, `/motions/${motionId}/encrypted-ballots`, {
    method: 'POST',
    body: { ballot },
  });
  storeBallot(motionId, { ballotKey, choice, receipt: receipt.receipt, encrypted: ballot });
  return receipt;
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
      const publicKey = await electionKeyOf(motionId);
      if (publicKey !== null) {
        const receipt = await castEncrypted(motionId, publicKey, choice);
        apply((current) => voted(current, motionId));
        return receipt;
      }
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
