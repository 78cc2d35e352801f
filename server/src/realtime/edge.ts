import {
  commands,
  mayAnswer,
  type CommandArgs,
  type CommandName,
  type CommandOutput,
  type CommandReply,
} from '@majlis/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Principal } from '../summits/principal.ts';

const INTERNAL = { code: 'INTERNAL', message: 'An unexpected error occurred' } as const;

/**
 * A thrown error as a reply. A refusal the command does not declare is a
 * bug (a service and the contract disagree): logged, and answered INTERNAL
 * like any other unexpected error, so the set of codes stays closed.
 */
function refusal<E extends CommandName>(event: E, err: unknown, logger: Logger): CommandReply<E> {
  if (err instanceof AppError) {
    const code = err.code;
    if (mayAnswer(commands[event], code))
      return {
        ok: false,
        error: { code, message: err.message, ...(err.issues ? { issues: err.issues } : {}) },
      };
    logger.error({ err, event, code }, 'command refused with a code its contract does not declare');
    return { ok: false, error: INTERNAL };
  }
  logger.error({ err, event }, 'realtime command failed');
  return { ok: false, error: INTERNAL };
}

export interface CommandRun<E extends CommandName> {
  /** The principal as it is now: re-read for every command. */
  resolve(): Promise<Principal | undefined>;
  run(input: CommandArgs<E>, principal: Principal): Promise<CommandOutput<E>>;
  logger: Logger;
}

/**
 * One command, from the raw payload to its reply, by the contract table:
 * the principal is re-read (a revoked person's socket can do nothing even
 * before it is cut), the payload parsed with the command's input schema,
 * the handler's result checked against its output schema (unknown keys
 * dropped, so nothing undeclared leaves), and every refusal carries a code
 * the command declares or an edge code.
 */
export async function answerCommand<E extends CommandName>(
  event: E,
  payload: unknown,
  command: CommandRun<E>,
): Promise<{ reply: CommandReply<E>; signedOut: boolean }> {
  const spec = commands[event];
  try {
    const principal = await command.resolve();
    if (principal === undefined)
      return {
        reply: { ok: false, error: { code: 'UNAUTHENTICATED', message: 'Sign in again' } },
        signedOut: true,
      };
    const parsed = spec.input.safeParse(payload);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({
        path: i.path.join('.') || '(payload)',
        message: i.message,
      }));
      return {
        reply: {
          ok: false,
          error: {
            code: 'INVALID_PAYLOAD',
            message: issues.map((i) => `${i.path}: ${i.message}`).join('; '),
            issues,
          },
        },
        signedOut: false,
      };
    }
    const output = spec.output.safeParse(await command.run(parsed.data, principal));
    if (!output.success) {
      command.logger.error(
        { event, issues: output.error.issues },
        'command output does not match its contract',
      );
      return { reply: { ok: false, error: INTERNAL }, signedOut: false };
    }
    return { reply: { ok: true, data: output.data }, signedOut: false };
  } catch (err) {
    return { reply: refusal(event, err, command.logger), signedOut: false };
  }
}
