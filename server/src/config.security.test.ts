import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

// Issue 19, item 5: with `Host: evil.example` an invitation link pointed at evil.example.
// MAJLIS_PUBLIC_URL is now the only source of absolute links, so it must be known.
describe('MAJLIS_PUBLIC_URL: the only origin in links', () => {
  it('defaults to http://HOST:PORT on a loopback development machine', () => {
    expect(parseConfig({}).publicUrl).toBe('http://127.0.0.1:8080');
    expect(parseConfig({ HOST: '::1', PORT: '9000' }).publicUrl).toBe('http://[::1]:9000');
    // Port 0 is known once listening; the app fills it in then.
    expect(parseConfig({ PORT: '0' }).publicUrl).toBeUndefined();
  });

  it.each([[{ HOST: '0.0.0.0' }], [{ HOST: '10.1.2.3' }], [{ NODE_ENV: 'production' }]])(
    'is required with %o, in one line naming the variable',
    (env) => {
      expect(() => parseConfig(env)).toThrow(
        /^Invalid configuration: MAJLIS_PUBLIC_URL is required when NODE_ENV=production or HOST is not a loopback address/,
      );
    },
  );

  it('is used as given when set, wherever the server listens', () => {
    const c = parseConfig({
      HOST: '0.0.0.0',
      NODE_ENV: 'production',
      MAJLIS_PUBLIC_URL: 'https://summit.example.org',
    });
    expect(c.publicUrl).toBe('https://summit.example.org');
  });

  it('refuses a URL with a path (it is an origin)', () => {
    expect(() => parseConfig({ MAJLIS_PUBLIC_URL: 'https://summit.example.org/app' })).toThrow(
      /MAJLIS_PUBLIC_URL must be an http:\/\/ or https:\/\/ origin without a path/,
    );
  });
});

describe('TRUST_PROXY and RATE_LIMIT_* (issue 19, items 6 and 7)', () => {
  it('trusts no proxy by default; a hop count or addresses and CIDRs when set', () => {
    expect(parseConfig({}).trustProxy).toBe(false);
    expect(parseConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(parseConfig({ TRUST_PROXY: '10.0.0.0/8, loopback,::1' }).trustProxy).toEqual([
      '10.0.0.0/8',
      'loopback',
      '::1',
    ]);
  });

  it.each(['true', '10.0.0.0/33', 'proxy.example.org'])(
    'refuses TRUST_PROXY=%s (trusting anyone lets anyone pick their address)',
    (value) => {
      expect(() => parseConfig({ TRUST_PROXY: value })).toThrow(
        /^Invalid configuration: TRUST_PROXY must be a hop count/,
      );
    },
  );

  it('reads every RATE_LIMIT_* figure, defaults otherwise', () => {
    const c = parseConfig({ RATE_LIMIT_AUTH_PER_CREDENTIAL: '3', RATE_LIMIT_SOCKET_BURST: '7' });
    expect(c.rateLimits).toMatchObject({
      authPerCredential: 3,
      socketBurst: 7,
      authPer15Minutes: 1000,
      socketsPerPrincipal: 10,
    });
    expect(() => parseConfig({ RATE_LIMIT_API_PER_MINUTE: '0' })).toThrow(
      /^Invalid configuration: RATE_LIMIT_API_PER_MINUTE must be at least 1 \(got "0"\)$/,
    );
  });
});
