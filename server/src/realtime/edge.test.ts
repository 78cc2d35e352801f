import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { initialFloor, type FloorView } from '@majlis/shared';
import { AppError } from '../errors.ts';
import { createLogger } from '../logger.ts';
import type { Principal } from '../summits/principal.ts';
import { answerCommand } from './edge.ts';

const SESSION = 'S'.repeat(22);
const ORGANISER: Principal = {
  kind: 'organiser',
  userId: 'u1',
  email: 'org@example.org',
  name: 'Organiser',
  role: 'organiser',
};
const FLOOR: FloorView = { serverTime: 1, floor: initialFloor(SESSION) };

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, cb) {
      lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      cb();
    },
  });
  return { lines, logger: createLogger({ level: 'info', format: 'json', destination: sink }) };
}

const signedIn = () => Promise.resolve(ORGANISER);

describe('answerCommand: one command at the edge, by its contract table', () => {
  it('hands the parsed input to the handler and answers its output, undeclared keys dropped both ways', async () => {
    const { logger } = capturedLogger();
    const seen: unknown[] = [];
    const { reply, signedOut } = await answerCommand(
      'session:watch',
      { sessionId: SESSION, extra: 'dropped' },
      {
        resolve: signedIn,
        run: (input) => {
          seen.push(input);
          return Promise.resolve({ ...input, internal: 'never sent' });
        },
        logger,
      },
    );
    expect(seen).toEqual([{ sessionId: SESSION }]);
    expect(reply).toEqual({ ok: true, data: { sessionId: SESSION } });
    expect(signedOut).toBe(false);
  });

  it('answers INVALID_PAYLOAD with field issues and never runs the handler', async () => {
    const { logger } = capturedLogger();
    let ran = false;
    const { reply } = await answerCommand(
      'floor:get',
      { sessionId: 'short' },
      {
        resolve: signedIn,
        run: () => {
          ran = true;
          return Promise.resolve(FLOOR);
        },
        logger,
      },
    );
    expect(ran).toBe(false);
    expect(reply).toMatchObject({
      ok: false,
      error: { code: 'INVALID_PAYLOAD', issues: [{ path: 'sessionId' }] },
    });
  });

  it('re-reads the principal first: a signed-out socket gets UNAUTHENTICATED whatever it sent', async () => {
    const { logger } = capturedLogger();
    const { reply, signedOut } = await answerCommand('floor:get', 'garbage', {
      resolve: () => Promise.resolve(undefined),
      run: () => Promise.resolve(FLOOR),
      logger,
    });
    expect(reply).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    expect(signedOut).toBe(true);
  });

  it('passes a declared refusal with its issues, and an edge code on a command that declares none', async () => {
    const { logger, lines } = capturedLogger();
    const quorum = [{ path: 'quorum.present', message: '3' }];
    const declared = await answerCommand(
      'vote:open',
      { motionId: SESSION },
      {
        resolve: signedIn,
        run: () => Promise.reject(new AppError('PRECONDITION_FAILED', 'No quorum', quorum)),
        logger,
      },
    );
    expect(declared.reply).toEqual({
      ok: false,
      error: { code: 'PRECONDITION_FAILED', message: 'No quorum', issues: quorum },
    });
    const edge = await answerCommand(
      'session:unwatch',
      { sessionId: SESSION },
      {
        resolve: signedIn,
        run: () => Promise.reject(new AppError('SERVICE_UNAVAILABLE', 'Store away')),
        logger,
      },
    );
    expect(edge.reply).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE' } });
    expect(lines).toEqual([]);
  });

  it('answers INTERNAL, and logs, a refusal whose code the command does not declare', async () => {
    const { logger, lines } = capturedLogger();
    const { reply } = await answerCommand(
      'floor:get',
      { sessionId: SESSION },
      {
        resolve: signedIn,
        // floor:get declares FORBIDDEN and NOT_FOUND only.
        run: () => Promise.reject(new AppError('PRECONDITION_FAILED', 'stale')),
        logger,
      },
    );
    expect(reply).toEqual({
      ok: false,
      error: { code: 'INTERNAL', message: 'An unexpected error occurred' },
    });
    expect(lines).toEqual([
      expect.objectContaining({
        level: 50,
        event: 'floor:get',
        code: 'PRECONDITION_FAILED',
        msg: 'command refused with a code its contract does not declare',
      }),
    ]);
  });

  it('answers INTERNAL, and logs, an output that does not match the table', async () => {
    const { logger, lines } = capturedLogger();
    const { reply } = await answerCommand(
      'floor:get',
      { sessionId: SESSION },
      {
        resolve: signedIn,
        // What a drifted service might hand back; the compiler stops it in handlers,
        // so it comes here through JSON.parse, as a value read from the store would.
        run: () => Promise.resolve(JSON.parse('{"floor":null,"serverTime":1}') as FloorView),
        logger,
      },
    );
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(lines).toEqual([
      expect.objectContaining({
        event: 'floor:get',
        msg: 'command output does not match its contract',
      }),
    ]);
  });

  it('answers INTERNAL, without the stack, for an unexpected error', async () => {
    const { logger, lines } = capturedLogger();
    const { reply } = await answerCommand(
      'clock:sync',
      {},
      {
        resolve: signedIn,
        run: () => Promise.reject(new TypeError('secret detail')),
        logger,
      },
    );
    expect(JSON.stringify(reply)).not.toContain('secret detail');
    expect(reply).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(lines).toHaveLength(1);
  });
});
