import { decideCast, type BallotReceipt } from '@majlis/shared';
import { ballotReceipt, verifyBallot, type EncryptedBallot } from '@majlis/shared/ballots';
import { AppError } from '../errors.ts';
import { decodeCastReply } from '../store/ballot.ts';
import { keys } from '../store/keys.ts';
import { decided } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import { authorize } from './ballots.ts';
import { VERIFIABLE_OPTIONS, VerifiableReader, verifiableKeys } from './verifiable-common.ts';

/**
 * KEYS: motion, eligible, voted, board. ARGV: delegationId, receipt, ballot.
 * One script, so one encrypted ballot per delegation lands whatever the
 * retries (VOTE-7), never after the seal. A copied ballot (another
 * delegation's receipt) is refused; a verifiable ballot is never changed.
 */
export const CAST_ENCRYPTED_LUA = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'NOT_FOUND' end
local motion = cjson.decode(raw)
if motion.status ~= 'open' then return 'CLOSED' end
if redis.call('SISMEMBER', KEYS[2], ARGV[1]) == 0 then return 'NOT_ELIGIBLE' end
local held = redis.call('HEXISTS', KEYS[4], ARGV[2]) == 1
if redis.call('SISMEMBER', KEYS[3], ARGV[1]) == 1 then
  if held then return 'UNCHANGED' end
  return 'ALREADY_VOTED'
end
if held then return 'RECEIPT_TAKEN' end
redis.call('SADD', KEYS[3], ARGV[1])
redis.call('HSET', KEYS[4], ARGV[2], ARGV[3])
return 'CAST'
`;

/** VOTE-8's casting: an encrypted ballot whose proofs verify, onto the board once per delegation. */
export class VerifiableCast extends VerifiableReader {
  /** VOTE-1, VOTE-7 as for every ballot; VOTE-8: the proofs are checked before anything is stored. */
  async cast(actor: Principal, motionId: string, ballot: EncryptedBallot): Promise<BallotReceipt> {
    authorize(actor, 'vote:cast');
    const now = this.deps.clock.now().getTime();
    const { motion } = await this.admitted(actor, motionId);
    const setup = await this.required(motionId);
    const voter = actor.kind === 'participant' ? actor.participant : null;
    const alternate =
      voter?.delegationId == null ? null : await this.motions.alternateOf(voter.delegationId);
    // The choice is inside the ciphertexts; 'yes' stands for "a voted choice" in the cast-rights rule.
    const delegationId = decided(decideCast(motion, voter, alternate, 'yes', now));
    if (setup.publicKey === null)
      throw new AppError('PRECONDITION_FAILED', 'The election key does not exist yet');
    const check = verifyBallot(
      { motionId, publicKey: setup.publicKey, options: VERIFIABLE_OPTIONS.length },
      ballot,
    );
    if (!check.ok) {
      const where = check.option === null ? 'ballot' : `ballot.proofs.${check.option}`;
      throw new AppError(
        'INVALID_PAYLOAD',
        `${where}: the ballot's proofs do not verify (${check.reason})`,
        [{ path: where, message: `proof does not verify (${check.reason})` }],
      );
    }
    const receipt = ballotReceipt(motionId, ballot);
    const k = [
      keys.motion(motionId),
      keys.motionEligible(motionId),
      keys.motionVoted(motionId),
      verifiableKeys.board(motionId),
    ];
    const reply = await this.deps.store.rawCommand([
      'EVAL',
      CAST_ENCRYPTED_LUA,
      String(k.length),
      ...k,
      delegationId,
      receipt,
      JSON.stringify(ballot),
    ]);
    const outcome = decodeCastReply(reply);
    switch (outcome) {
      case 'cast':
      case 'unchanged':
        return { motionId, status: outcome, receipt };
      case 'changed':
        throw new Error('a verifiable ballot is never changed');
      case 'closed':
        throw new AppError('PRECONDITION_FAILED', 'This vote is closed');
      case 'not_found':
        throw new AppError('NOT_FOUND', 'Motion not found');
      case 'not_eligible':
        throw new AppError('FORBIDDEN', 'Your delegation has no vote on this motion');
      case 'already_voted':
        throw new AppError('CONFLICT', 'Your delegation has already voted');
      case 'receipt_taken':
        throw new AppError('CONFLICT', 'This exact ballot was already cast; encrypt a new one');
      default: {
        const unreachable: never = outcome;
        throw new Error(`unhandled cast outcome ${String(unreachable)}`);
      }
    }
  }
}
