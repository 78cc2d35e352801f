import net from 'node:net';
import dgram from 'node:dgram';

/**
 * Ports this process has promised elsewhere: the app's own configured port
 * (not bound yet while the children start) and every port already handed to
 * a child. The kernel may hand a just-closed probe port out again, so a child
 * could otherwise be given the port the app is about to listen on.
 */
const promised = new Set<number>();

/** Keeps `port` from being handed to a child (the app's configured port). */
export function reservePort(port: number): void {
  if (port > 0) promised.add(port);
}

function probeTcpPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.once('error', reject);
    srv.listen(0, host, () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr !== null ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

/** Asks the kernel for a free loopback TCP port that nothing in this process was promised. */
export async function freeTcpPort(host = '127.0.0.1'): Promise<number> {
  for (;;) {
    const port = await probeTcpPort(host);
    if (promised.has(port)) continue;
    promised.add(port);
    return port;
  }
}

/** Asks the kernel for a free loopback UDP port. */
export function freeUdpPort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const sock = dgram.createSocket('udp4');
    sock.once('error', reject);
    sock.bind(0, host, () => {
      const port = sock.address().port;
      sock.close(() => resolve(port));
    });
  });
}

/** Resolves once something accepts TCP connections on host:port. */
export async function waitForTcp(
  host: string,
  port: number,
  timeoutMs: number,
  isAlive: () => boolean,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isAlive()) throw new Error('process exited before it was listening');
    const open = await new Promise<boolean>((resolve) => {
      const s = net.connect({ host, port });
      s.once('connect', () => {
        s.destroy();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listened on ${host}:${port} within ${timeoutMs} ms`);
}
