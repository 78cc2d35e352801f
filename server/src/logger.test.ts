import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

describe('logger', () => {
  it('redacts tokens, secrets and passwords wherever they appear', () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _enc, cb) {
        lines.push(chunk.toString());
        cb();
      },
    });
    const log = createLogger({ level: 'info', format: 'json', destination: sink });
    log.info(
      {
        token: 'tok-123',
        details: { participantToken: 'jwt-456', password: 'pw-789' },
        apiSecret: 's3cr3t',
      },
      'minted',
    );
    const out = lines.join('');
    for (const secret of ['tok-123', 'jwt-456', 'pw-789', 's3cr3t'])
      expect(out).not.toContain(secret);
    expect(out).toContain('[redacted]');
    expect(JSON.parse(out)).toMatchObject({ msg: 'minted', app: 'majlis' });
  });
});
