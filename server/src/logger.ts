import { pino, type Logger } from 'pino';

export type { Logger };

/**
 * Paths that may carry a credential. pino replaces them before a line is
 * written, so a token or secret that slips into a log object never lands.
 */
export const REDACTED_PATHS = [
  'token',
  'participantToken',
  'password',
  'secret',
  'apiSecret',
  'apiKey',
  'redisUrl',
  'authorization',
  'cookie',
  '*.token',
  '*.participantToken',
  '*.password',
  '*.secret',
  '*.apiSecret',
  '*.redisUrl',
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
];

export interface LoggerOptions {
  level: string;
  format: 'json' | 'pretty';
  destination?: NodeJS.WritableStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  const base = {
    level: opts.level,
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { app: 'majlis' },
  };
  if (opts.format === 'pretty') {
    return pino({
      ...base,
      transport: {
        target: 'pino-pretty',
        options: { colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname,app' },
      },
    });
  }
  return opts.destination ? pino(base, opts.destination as pino.DestinationStream) : pino(base);
}
