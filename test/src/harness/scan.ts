import fs from 'node:fs';
import path from 'node:path';
import type { RedisStore } from '@majlis/server';

/**
 * Readers for "nothing leaks" tests: every Redis key as small units, and the
 * append-only file as command blocks. Each test that uses them first shows
 * they find what it plants.
 */

/** Every key of the database as small units (a member, a field and its value, an entry), each with its key name. */
export async function dumpUnits(store: RedisStore): Promise<string[]> {
  const c = store.client;
  const units: string[] = [];
  for (const key of await store.scanKeys('*')) {
    const type = await c.type(key);
    switch (type) {
      case 'string':
        units.push(`${key} ${(await c.get(key)) ?? ''}`);
        break;
      case 'hash':
        for (const [f, v] of Object.entries(await c.hGetAll(key))) units.push(`${key} ${f} ${v}`);
        break;
      case 'set':
        for (const m of await c.sMembers(key)) units.push(`${key} ${m}`);
        break;
      case 'zset':
        for (const m of await c.zRangeWithScores(key, 0, -1))
          units.push(`${key} ${m.value} ${m.score}`);
        break;
      case 'list':
        for (const m of await c.lRange(key, 0, -1)) units.push(`${key} ${m}`);
        break;
      case 'stream':
        for (const e of (await c.xRange(key, '-', '+')) ?? [])
          units.push(`${key} ${e.id} ${JSON.stringify(e.message)}`);
        break;
      default:
        throw new Error(`unexpected type ${type} for ${key}`);
    }
  }
  return units;
}

/** The append-only file's commands, grouped by MULTI … EXEC (a script's effects land as one block). */
export function aofBlocks(dir: string): string[] {
  const aofDir = path.join(dir, 'appendonlydir');
  const blocks: string[] = [];
  for (const file of fs.readdirSync(aofDir).filter((f) => f.endsWith('.aof'))) {
    const text = fs.readFileSync(path.join(aofDir, file), 'latin1');
    let current: string[] = [];
    let inMulti = false;
    for (const command of text.split(/\r\n\*\d+\r\n|^\*\d+\r\n/)) {
      const args = command
        .split('\r\n')
        .filter((_, i) => i % 2 === 1)
        .join(' ');
      if (/^MULTI/i.test(args)) {
        inMulti = true;
        current = [];
      } else if (/^EXEC/i.test(args)) {
        inMulti = false;
        blocks.push(current.join(' | '));
      } else if (inMulti) current.push(args);
      else blocks.push(args);
    }
  }
  return blocks;
}
