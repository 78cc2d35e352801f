import { describe, expect, it } from 'vitest';
import { liveKitConfigYaml } from './livekit-server.ts';

describe('liveKitConfigYaml', () => {
  const yaml = liveKitConfigYaml({
    port: 1,
    tcpPort: 2,
    udpPort: 3,
    apiKey: 'APIk',
    apiSecret: 's'.repeat(40),
    webhookUrl: 'http://127.0.0.1:9/livekit/webhook',
  });

  it('keeps every listener and candidate on loopback, with no public STUN', () => {
    expect(yaml).toContain('bind_addresses: ["127.0.0.1"]');
    expect(yaml).toContain('use_external_ip: false');
    expect(yaml).toContain('node_ip: 127.0.0.1');
    expect(yaml).toContain('enable_loopback_candidate: true');
    expect(yaml).toContain('includes: [lo]');
    expect(yaml).toContain('stun_servers: ["127.0.0.1:3478"]');
  });

  it('signs webhooks with the same key and points them at the app', () => {
    expect(yaml).toMatch(
      /webhook:\n {2}api_key: APIk\n {2}urls:\n {4}- "http:\/\/127.0.0.1:9\/livekit\/webhook"/,
    );
  });
});
