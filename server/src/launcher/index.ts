export { startChild, type OwnedChild } from './child.ts';
export { freeTcpPort, freeUdpPort, reservePort, waitForTcp } from './ports.ts';
export { startPrivateRedis, type PrivateRedis } from './redis-server.ts';
export { startPrivateLiveKit, liveKitConfigYaml, type PrivateLiveKit } from './livekit-server.ts';
export { loadOrCreateSecrets, type LocalSecrets } from './secrets.ts';
export { resolveLiveKitBin, livekitCachePath, LIVEKIT_VERSION } from './binaries.ts';
export {
  startPrivateMailpit,
  mailpitCachePath,
  MAILPIT_VERSION,
  type PrivateMailpit,
} from './mailpit.ts';
