import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config.ts';

const SECRET = 'x'.repeat(40);

describe('parseConfig', () => {
  it('applies defaults: loopback, port 8080, embedded services', () => {
    const c = parseConfig({});
    expect(c.host).toBe('127.0.0.1');
    expect(c.port).toBe(8080);
    expect(c.redisUrl).toBeUndefined();
    expect(c.livekit.mode).toBe('embedded');
    expect(c.tokenTtlSeconds).toBe(60);
    expect(c.logFormat).toBe('json');
  });

  it('uses external services when their variables are set', () => {
    const c = parseConfig({
      REDIS_URL: 'redis://127.0.0.1:6379',
      LIVEKIT_URL: 'https://lk.example.org',
      LIVEKIT_API_KEY: 'key',
      LIVEKIT_API_SECRET: SECRET,
    });
    expect(c.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(c.livekit).toMatchObject({
      mode: 'external',
      url: 'https://lk.example.org',
      publicUrl: 'wss://lk.example.org',
    });
  });

  it.each([
    [
      { PORT: 'abc' },
      /^Invalid configuration: PORT must be an integer from 0 to 65535 \(got "abc"\)$/,
    ],
    [{ PORT: '70000' }, /PORT must be an integer from 0 to 65535/],
    [
      { REDIS_URL: 'http://nope' },
      /^Invalid configuration: REDIS_URL must be a redis:\/\/ or rediss:\/\/ URL$/,
    ],
    [{ LIVEKIT_URL: 'ws://127.0.0.1:7880' }, /LIVEKIT_API_KEY is required when LIVEKIT_URL is set/],
    [
      { LIVEKIT_URL: 'ws://127.0.0.1:7880', LIVEKIT_API_KEY: 'k', LIVEKIT_API_SECRET: SECRET },
      /LIVEKIT_API_KEY must be at least 3/,
    ],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL/],
    [
      { MAJLIS_TOKEN_TTL_SECONDS: '600' },
      /MAJLIS_TOKEN_TTL_SECONDS must be at most 60 \(ACCESS-6\)/,
    ],
  ])('rejects %o with one line naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(ConfigError);
    try {
      parseConfig(env);
    } catch (err) {
      expect((err as Error).message).toMatch(message);
      expect((err as Error).message).not.toContain('\n');
    }
  });

  it('never echoes a secret value back', () => {
    const short = 'tooshort-secret-value';
    expect(() =>
      parseConfig({ LIVEKIT_URL: 'ws://h:1', LIVEKIT_API_KEY: 'key', LIVEKIT_API_SECRET: short }),
    ).toThrow(/^Invalid configuration: LIVEKIT_API_SECRET must be at least 32 characters$/);
  });

  it('COMM-2: reads MAJLIS_SIGNING_KEK as 32 bytes, and never echoes a wrong one', () => {
    const kek = Buffer.alloc(32, 7);
    expect(parseConfig({ MAJLIS_SIGNING_KEK: kek.toString('base64url') }).signingKek).toEqual(kek);
    expect(parseConfig({}).signingKek).toBeUndefined();
    const short = Buffer.alloc(16, 7).toString('base64url');
    expect(() => parseConfig({ MAJLIS_SIGNING_KEK: short })).toThrow(
      /^Invalid configuration: MAJLIS_SIGNING_KEK must be 32 random bytes in base64url \(43 characters\)$/,
    );
  });

  it('treats empty variables as unset', () => {
    expect(parseConfig({ PORT: '', REDIS_URL: '' }).port).toBe(8080);
  });
});
