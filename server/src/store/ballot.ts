/**
 * Casting a delegation's ballot: one Lua script, so exactly one ballot per
 * delegation lands whatever the retries, double clicks, reconnects or second
 * devices (VOTE-7), and a ballot never lands in a box that is sealed.
 *
 * Recorded votes keep `roll`: delegation → choice. Secret ballots keep two
 * things with nothing that links them (VOTE-5): the set of delegations that
 * voted, and one sorted set per choice holding receipts. A receipt is a hash
 * of a random key only the voter's device knows; its score is random, so not
 * even the order of a box says when, and so by whom, a ballot was cast.
 */
export interface BallotKeys {
  motion: string;
  eligible: string;
  voted: string;
  roll: string;
  box: { yes: string; no: string; abstain: string; object: string };
}

export interface BallotWrite {
  keys: BallotKeys;
  delegationId: string;
  choice: 'yes' | 'no' | 'abstain' | 'object';
  /** Secret ballots: the receipt this ballot is filed under. */
  receipt: string;
  /** A random score: the box's order carries no information. */
  score: number;
}

export type CastOutcome =
  | 'cast'
  | 'unchanged'
  | 'changed'
  | 'closed'
  | 'not_found'
  | 'not_eligible'
  | 'already_voted'
  | 'receipt_taken';

/**
 * KEYS: motion, eligible, voted, roll, box:yes, box:no, box:abstain, box:object.
 * ARGV: delegationId, choice, receipt, score. The motion's own JSON says
 * whether it is open, recorded or secret, and whether a ballot may change.
 */
export const CAST_LUA = `
local raw = redis.call('GET', KEYS[1])
if not raw then return 'NOT_FOUND' end
local motion = cjson.decode(raw)
if motion.status ~= 'open' then return 'CLOSED' end
local d, choice, receipt = ARGV[1], ARGV[2], ARGV[3]
if redis.call('SISMEMBER', KEYS[2], d) == 0 then return 'NOT_ELIGIBLE' end
local names = {'yes', 'no', 'abstain', 'object'}
local boxes = {yes = KEYS[5], no = KEYS[6], abstain = KEYS[7], object = KEYS[8]}
local target = boxes[choice]
if not target then return redis.error_reply('unknown choice') end
local changeable = motion.changeable == true
if motion.ballot == 'recorded' then
  local prev = redis.call('HGET', KEYS[4], d)
  if not prev then
    redis.call('HSET', KEYS[4], d, choice)
    return 'CAST'
  end
  if prev == choice then return 'UNCHANGED' end
  if not changeable then return 'ALREADY_VOTED' end
  redis.call('HSET', KEYS[4], d, choice)
  return 'CHANGED'
end
local held = nil
for _, name in ipairs(names) do
  if redis.call('ZSCORE', boxes[name], receipt) then held = name end
end
if redis.call('SISMEMBER', KEYS[3], d) == 0 then
  if held then return 'RECEIPT_TAKEN' end
  redis.call('SADD', KEYS[3], d)
  redis.call('ZADD', target, ARGV[4], receipt)
  return 'CAST'
end
if not held then return 'ALREADY_VOTED' end
if held == choice then return 'UNCHANGED' end
if not changeable then return 'ALREADY_VOTED' end
redis.call('ZREM', boxes[held], receipt)
redis.call('ZADD', target, ARGV[4], receipt)
return 'CHANGED'
`;

export function encodeBallot(b: BallotWrite): { keys: string[]; args: string[] } {
  const k = b.keys;
  return {
    keys: [k.motion, k.eligible, k.voted, k.roll, k.box.yes, k.box.no, k.box.abstain, k.box.object],
    args: [b.delegationId, b.choice, b.receipt, String(b.score)],
  };
}

const OUTCOMES: Readonly<Record<string, CastOutcome>> = {
  CAST: 'cast',
  UNCHANGED: 'unchanged',
  CHANGED: 'changed',
  CLOSED: 'closed',
  NOT_FOUND: 'not_found',
  NOT_ELIGIBLE: 'not_eligible',
  ALREADY_VOTED: 'already_voted',
  RECEIPT_TAKEN: 'receipt_taken',
};

export function decodeCastReply(reply: unknown): CastOutcome {
  const outcome = typeof reply === 'string' ? OUTCOMES[reply] : undefined;
  if (outcome === undefined) throw new Error(`unexpected cast reply ${JSON.stringify(reply)}`);
  return outcome;
}
