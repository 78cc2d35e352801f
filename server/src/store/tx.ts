/**
 * A multi-key change applied atomically by one Lua script: every check passes
 * and every write lands, with its record entry, or nothing is written.
 */
export type Check = { key: string; version: number } | { key: string; absent: true };

export type Write =
  | { op: 'set'; key: string; value: string; ttlSeconds?: number }
  | { op: 'del'; key: string }
  | { op: 'zadd'; key: string; score: number; member: string }
  | { op: 'zrem'; key: string; member: string }
  | { op: 'sadd'; key: string; member: string }
  | { op: 'srem'; key: string; member: string }
  | { op: 'hset'; key: string; field: string; value: string }
  | { op: 'hdel'; key: string; field: string }
  /** `maxLen`: every stream has a cap (see streams.ts); Redis trims approximately. */
  | { op: 'xadd'; key: string; value: string; maxLen: number };

export interface RecordAppend {
  headKey: string;
  streamKey: string;
  /** The head the entry was chained to; the commit retries if it moved. */
  expectedHead: string;
  newHead: string;
  /** One or more chained entries, appended in order. */
  entries: string[];
}

export interface Tx {
  checks: Check[];
  writes: Write[];
  record?: RecordAppend | undefined;
}

export type CommitResult =
  | { status: 'ok' }
  | { status: 'conflict'; key: string }
  | { status: 'not_found'; key: string }
  | { status: 'retry' };

/**
 * KEYS are passed properly (not inside ARGV) so the script is honest about
 * what it touches; ARGV[1] is the tx with keys replaced by KEYS indexes.
 */
export const COMMIT_LUA = `
local tx = cjson.decode(ARGV[1])
for _, c in ipairs(tx.c) do
  local cur = redis.call('GET', KEYS[c[1]])
  if c[2] == 0 then
    if cur then return {'CONFLICT', KEYS[c[1]]} end
  else
    if not cur then return {'NOT_FOUND', KEYS[c[1]]} end
    if cjson.decode(cur).version ~= c[2] then return {'CONFLICT', KEYS[c[1]]} end
  end
end
if tx.r then
  local head = redis.call('GET', KEYS[tx.r[1]]) or ''
  if head ~= tx.r[3] then return {'RETRY'} end
end
for _, w in ipairs(tx.w) do
  local op, k = w[1], KEYS[w[2]]
  if op == 'set' then
    if w[4] ~= '0' then redis.call('SET', k, w[3], 'EX', w[4]) else redis.call('SET', k, w[3]) end
  elseif op == 'del' then redis.call('DEL', k)
  elseif op == 'zadd' then redis.call('ZADD', k, w[3], w[4])
  elseif op == 'zrem' then redis.call('ZREM', k, w[3])
  elseif op == 'sadd' then redis.call('SADD', k, w[3])
  elseif op == 'srem' then redis.call('SREM', k, w[3])
  elseif op == 'hset' then redis.call('HSET', k, w[3], w[4])
  elseif op == 'hdel' then redis.call('HDEL', k, w[3])
  elseif op == 'xadd' then redis.call('XADD', k, 'MAXLEN', '~', w[4], '*', 'entry', w[3])
  else return redis.error_reply('unknown op ' .. tostring(op)) end
end
if tx.r then
  for _, e in ipairs(tx.r[5]) do redis.call('XADD', KEYS[tx.r[2]], '*', 'entry', e) end
  redis.call('SET', KEYS[tx.r[1]], tx.r[4])
end
return {'OK'}
`;

/** Turns a Tx into the script's KEYS and ARGV. */
export function encodeTx(tx: Tx): { keys: string[]; arg: string } {
  const keys: string[] = [];
  const index = new Map<string, number>();
  const k = (key: string): number => {
    let i = index.get(key);
    if (i === undefined) {
      keys.push(key);
      i = keys.length;
      index.set(key, i);
    }
    return i;
  };
  const c = tx.checks.map((ch) => [k(ch.key), 'absent' in ch ? 0 : ch.version]);
  const w = tx.writes.map((wr) => {
    switch (wr.op) {
      case 'set':
        return ['set', k(wr.key), wr.value, String(wr.ttlSeconds ?? 0)];
      case 'del':
        return ['del', k(wr.key)];
      case 'zadd':
        return ['zadd', k(wr.key), String(wr.score), wr.member];
      case 'zrem':
      case 'sadd':
      case 'srem':
        return [wr.op, k(wr.key), wr.member];
      case 'hset':
        return ['hset', k(wr.key), wr.field, wr.value];
      case 'hdel':
        return ['hdel', k(wr.key), wr.field];
      case 'xadd':
        return ['xadd', k(wr.key), wr.value, String(wr.maxLen)];
      default:
        return assertNever(wr);
    }
  });
  const r = tx.record
    ? [
        k(tx.record.headKey),
        k(tx.record.streamKey),
        tx.record.expectedHead,
        tx.record.newHead,
        tx.record.entries,
      ]
    : undefined;
  return { keys, arg: JSON.stringify(r ? { c, w, r } : { c, w }) };
}

export function assertNever(x: never): never {
  throw new Error(`unhandled case: ${JSON.stringify(x)}`);
}
