import { createHash } from 'node:crypto';
import type { Device } from '@majlis/shared';
import { AppError } from '../errors.ts';
import type { Principal } from '../summits/principal.ts';
import type { AccountService } from './accounts.ts';

/**
 * A device's public name: derived from its session's hash, so the list can
 * name it without revealing anything that signs in.
 */
export const deviceIdOf = (sessionHash: string): string =>
  createHash('sha256').update(`device:${sessionHash}`).digest('base64url').slice(0, 22);

const refOf = (p: Principal) =>
  p.kind === 'organiser'
    ? { kind: 'organiser' as const, id: p.userId }
    : { kind: 'participant' as const, id: p.participant.id };

/** A short, human name for a browser from its User-Agent: "Firefox on Android". */
export function deviceLabel(userAgent: string | undefined): string {
  if (userAgent === undefined) return '';
  const browser = /Edg\//.test(userAgent)
    ? 'Edge'
    : /Firefox\//.test(userAgent)
      ? 'Firefox'
      : /Chrom(e|ium)\//.test(userAgent)
        ? 'Chromium'
        : /Safari\//.test(userAgent)
          ? 'Safari'
          : 'Browser';
  const system = /Android/.test(userAgent)
    ? 'Android'
    : /iPhone|iPad/.test(userAgent)
      ? 'iOS'
      : /Windows/.test(userAgent)
        ? 'Windows'
        : /Mac OS X/.test(userAgent)
          ? 'macOS'
          : /Linux/.test(userAgent)
            ? 'Linux'
            : '';
  return system === '' ? browser : `${browser} · ${system}`;
}

/**
 * ACCT-1: every browser signed in as the caller, and signing one out. Ending
 * a session runs the accounts' ended-session listeners, which cut that
 * browser's sockets at once.
 */
export class Devices {
  constructor(private readonly accounts: AccountService) {}

  async list(principal: Principal, currentHash: string | undefined): Promise<Device[]> {
    const sessions = await this.accounts.sessionsOf(refOf(principal));
    return sessions
      .map(({ hash, auth }) => ({
        id: deviceIdOf(hash),
        signedInAt: auth.signedInAt ?? null,
        label: auth.label ?? '',
        current: hash === currentHash,
      }))
      .sort((a, b) => (b.signedInAt ?? '').localeCompare(a.signedInAt ?? ''));
  }

  async signOut(principal: Principal, deviceId: string): Promise<void> {
    const sessions = await this.accounts.sessionsOf(refOf(principal));
    const session = sessions.find(({ hash }) => deviceIdOf(hash) === deviceId);
    // Another person's device reads exactly like one that does not exist.
    if (session === undefined) throw new AppError('NOT_FOUND', 'No such device');
    await this.accounts.endSessionByHash(session.hash);
  }
}
