import {
  ClientClosedError,
  ClientOfflineError,
  ErrorReply,
  SocketClosedUnexpectedlyError,
} from 'redis';
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors.ts';
import { StoreUnavailable, isStoreOutage } from './redis.ts';

const withCode = (code: string) => Object.assign(new Error(`connect ${code}`), { code });

describe('which store errors mean "Redis is away"', () => {
  it.each<[string, Error]>([
    ['offline (disableOfflineQueue)', new ClientOfflineError()],
    ['closed', new ClientClosedError()],
    ['socket closed mid-command', new SocketClosedUnexpectedlyError()],
    ['connection refused', withCode('ECONNREFUSED')],
    ['connection reset', withCode('ECONNRESET')],
    [
      'still loading its data after a restart',
      new ErrorReply('LOADING Redis is loading the dataset in memory'),
    ],
  ])('%s: an outage', (_name, err) => {
    expect(isStoreOutage(err)).toBe(true);
  });

  it.each<[string, Error]>([
    [
      'a wrong command',
      new ErrorReply('WRONGTYPE Operation against a key holding the wrong kind of value'),
    ],
    ['a script error', new ErrorReply('ERR Error running script')],
    ['a bug of ours', new TypeError('x is undefined')],
    ['a refusal of ours', new AppError('NOT_FOUND', 'Motion not found')],
  ])('%s: not an outage, so it is never answered 503', (_name, err) => {
    expect(isStoreOutage(err)).toBe(false);
  });

  it('is answered SERVICE_UNAVAILABLE and keeps the cause for the log', () => {
    const cause = new ClientOfflineError();
    const err = new StoreUnavailable(cause);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe('SERVICE_UNAVAILABLE');
    expect(err.cause).toBe(cause);
  });
});
