import fs from 'node:fs';
import path from 'node:path';
import { startChild, type OwnedChild } from './child.ts';
import { freeTcpPort, freeUdpPort } from './ports.ts';

export interface PrivateLiveKit {
  child: OwnedChild;
  /** ws:// URL for browsers and the server alike (loopback). */
  url: string;
  port: number;
}

export interface LiveKitOptions {
  bin: string;
  dir: string;
  apiKey: string;
  apiSecret: string;
  /** Where LiveKit posts webhooks; omitted in tests that need none. */
  webhookUrl?: string;
}

/**
 * Loopback-only configuration: no STUN, no external IP discovery, ICE on
 * `lo`. See docs/LIVEKIT-NOTES in the README for why each key is there.
 */
export function liveKitConfigYaml(o: {
  port: number;
  tcpPort: number;
  udpPort: number;
  apiKey: string;
  apiSecret: string;
  webhookUrl?: string | undefined;
}): string {
  const lines = [
    `port: ${o.port}`,
    'bind_addresses: ["127.0.0.1"]',
    'keys:',
    `  ${o.apiKey}: ${o.apiSecret}`,
    'rtc:',
    `  tcp_port: ${o.tcpPort}`,
    `  udp_port: ${o.udpPort}`,
    '  use_external_ip: false',
    '  node_ip: 127.0.0.1',
    '  enable_loopback_candidate: true',
    '  interfaces:',
    '    includes: [lo]',
    '  stun_servers: ["127.0.0.1:3478"]',
    'logging:',
    '  level: info',
  ];
  if (o.webhookUrl !== undefined) {
    lines.push(
      'webhook:',
      `  api_key: ${o.apiKey}`,
      '  urls:',
      `    - ${JSON.stringify(o.webhookUrl)}`,
    );
  }
  return lines.join('\n') + '\n';
}

export async function startPrivateLiveKit(opts: LiveKitOptions): Promise<PrivateLiveKit> {
  fs.mkdirSync(opts.dir, { recursive: true, mode: 0o700 });
  const [port, tcpPort, udpPort] = [await freeTcpPort(), await freeTcpPort(), await freeUdpPort()];
  const conf = path.join(opts.dir, 'livekit.yaml');
  fs.writeFileSync(conf, liveKitConfigYaml({ port, tcpPort, udpPort, ...opts }), { mode: 0o600 });
  fs.chmodSync(conf, 0o600);
  const child = startChild(
    'livekit-server',
    opts.bin,
    ['--config', conf],
    path.join(opts.dir, 'livekit.log'),
  );
  const url = `ws://127.0.0.1:${port}`;
  try {
    await waitForHttpOk(`http://127.0.0.1:${port}/`, 30_000, () => child.isAlive());
  } catch (err) {
    await child.stop();
    throw new Error(`livekit-server did not start: ${(err as Error).message}\n${child.tail()}`, {
      cause: err,
    });
  }
  return { child, url, port };
}

async function waitForHttpOk(
  url: string,
  timeoutMs: number,
  isAlive: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('process exited before it was ready');
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}
