import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  CommandUnanswered,
  EDGE_ERRORS,
  command,
  joinContracts,
  type ContractTable,
} from './contract.ts';
import { ErrorCode } from './errors.ts';
import { FLOOR_REFUSAL_CODE, type FloorError } from './floor/speakers-list.ts';
import { keysContract, lobbyContract } from './confidential/protocol.ts';
import { floorContract } from './floor/protocol.ts';
import type { BoothError } from './interpretation/booths.ts';
import { interpretationContract } from './interpretation/protocol.ts';
import type { VoteErrorCode } from './votes/motion.ts';
import { sessionContract } from './sessions/contract.ts';
import { voteContract } from './votes/protocol.ts';
import {
  commands,
  contract,
  coreContract,
  readReply,
  sendCommand,
  type CommandChannel,
  type CommandCode,
} from './protocol.ts';

const SESSION = 'AAAAAAAAAAAAAAAAAAAAAA';

describe('the joined contract', () => {
  it('holds each feature table whole: none of its events replaced by another table', () => {
    const joined: ContractTable = contract;
    const tables: readonly ContractTable[] = [
      coreContract,
      floorContract,
      interpretationContract,
      voteContract,
      sessionContract,
      lobbyContract,
      keysContract,
    ];
    for (const table of tables)
      for (const [event, spec] of Object.entries(table)) expect(joined[event]).toBe(spec);
  });

  it('refuses, when the tables are joined, an event name two tables declare', () => {
    const a = { 'floor:get': coreContract['session:watch'] } as const satisfies ContractTable;
    const b = { 'floor:get': coreContract['session:unwatch'] } as const satisfies ContractTable;
    expect(() => joinContracts(coreContract).and(a).and(b)).toThrow(
      'floor:get is declared by two contract tables',
    );
  });

  it('names every event entity:verb', () => {
    for (const event of Object.keys(contract)) expect(event).toMatch(/^[a-z]+:[a-z]+$/);
  });

  it('lets no command declare an edge code: those are implicit', () => {
    const edge: readonly string[] = EDGE_ERRORS;
    for (const [event, spec] of Object.entries(contract))
      if (spec.kind === 'command')
        for (const code of spec.errors)
          expect(edge, `${event} declares ${code}`).not.toContain(code);
  });

  it('declares on each command every code its pure rules refuse with', () => {
    const floorCodes = new Set(Object.values(FLOOR_REFUSAL_CODE));
    const declared: readonly string[] = commands['floor:command'].errors;
    for (const code of floorCodes) expect(declared).toContain(code);
    // The same, for the codes the compiler knows each refusal may carry.
    expectTypeOf<FloorError['code']>().toExtend<CommandCode<'floor:command'>>();
    expectTypeOf<BoothError['code']>().toExtend<CommandCode<'interpretation:handover'>>();
    expectTypeOf<VoteErrorCode>().toExtend<CommandCode<'vote:cast'>>();
    expectTypeOf<VoteErrorCode>().toExtend<CommandCode<'vote:open'>>();
    expectTypeOf<VoteErrorCode>().toExtend<CommandCode<'vote:close'>>();
  });

  it('refuses, at compile time, a command that declares an edge code or an unknown one', () => {
    // @ts-expect-error INTERNAL is implicit for every command
    command({ input: ErrorCode, output: ErrorCode, errors: ['INTERNAL'] });
    // @ts-expect-error not an error code at all
    command({ input: ErrorCode, output: ErrorCode, errors: ['TEAPOT'] });
  });
});

describe('readReply: an ack checked against the contract', () => {
  it('passes data that matches the output schema, dropping keys it does not declare', () => {
    const reply = readReply('session:watch', {
      ok: true,
      data: { sessionId: SESSION, internal: 'x' },
    });
    expect(reply).toEqual({ ok: true, data: { sessionId: SESSION } });
  });

  it('passes a declared code and an edge code', () => {
    expect(
      readReply('floor:get', { ok: false, error: { code: 'NOT_FOUND', message: 'gone' } }),
    ).toEqual({ ok: false, error: { code: 'NOT_FOUND', message: 'gone' } });
    expect(
      readReply('clock:sync', {
        ok: false,
        error: { code: 'SERVICE_UNAVAILABLE', message: 'store away' },
      }),
    ).toMatchObject({ ok: false, error: { code: 'SERVICE_UNAVAILABLE' } });
  });

  it('rejects a code the command does not declare, data of the wrong shape, and garbage', () => {
    const malformed = (raw: unknown) => () => readReply('session:unwatch', raw);
    expect(malformed({ ok: false, error: { code: 'CONFLICT', message: 'x' } })).toThrow(
      CommandUnanswered,
    );
    expect(malformed({ ok: true, data: { sessionId: 'short' } })).toThrow(CommandUnanswered);
    expect(malformed('ok')).toThrow(/does not match the contract/);
  });
});

describe('sendCommand', () => {
  const channel = (answer: (event: string, input: unknown) => Promise<unknown>) =>
    ({
      timeout: (ms: number) => {
        expect(ms).toBe(1234);
        return { emitWithAck: answer };
      },
    }) satisfies CommandChannel;

  it('sends the event and input and returns the parsed reply', async () => {
    const sent: unknown[] = [];
    const reply = await sendCommand(
      channel((event, input) => {
        sent.push(event, input);
        return Promise.resolve({ ok: true, data: { serverTime: '2026-01-01T00:00:00.000Z' } });
      }),
      'clock:sync',
      {},
      1234,
    );
    expect(sent).toEqual(['clock:sync', {}]);
    expect(reply).toEqual({ ok: true, data: { serverTime: '2026-01-01T00:00:00.000Z' } });
  });

  it('turns a timeout into CommandUnanswered(no_answer), keeping the cause', async () => {
    const timedOut = new Error('operation has timed out');
    const sent = sendCommand(
      channel(() => Promise.reject(timedOut)),
      'session:watch',
      { sessionId: SESSION },
      1234,
    );
    await expect(sent).rejects.toMatchObject({
      name: 'CommandUnanswered',
      reason: 'no_answer',
      event: 'session:watch',
      cause: timedOut,
    });
  });
});
