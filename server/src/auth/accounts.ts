import { randomBytes } from 'node:crypto';
import { Timestamp, type Login, type Participant, type SetupOrganiser } from '@majlis/shared';
import { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Clock } from '../clock.ts';
import { keys, PLATFORM_SCOPE } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { ifExists, newId, sha256 } from '../summits/common.ts';
import type { SummitService } from '../summits/service.ts';
import type { Principal } from '../summits/principal.ts';
import { DUMMY_HASH_PROMISE, hashPassword, verifyPassword } from './passwords.ts';

/** An organiser account as stored; parsed on every read, for these decide who may sign in. */
export const OrganiserAccount = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string(),
  /** scrypt, in the format passwords.ts writes. */
  passwordHash: z.string().min(1),
  version: z.number().int().positive(),
  createdAt: Timestamp,
});
export type OrganiserAccount = z.infer<typeof OrganiserAccount>;

/** Whom a browser session belongs to, as stored under the SHA-256 of its id. */
const AuthRef = z.object({ kind: z.enum(['organiser', 'participant']), id: z.string() });
type AuthRef = z.infer<typeof AuthRef>;

/** A stored session with what lists it as a device (ACCT-1); older sessions lack both. */
const StoredAuth = AuthRef.extend({
  signedInAt: Timestamp.optional(),
  label: z.string().max(120).optional(),
});
export type StoredAuth = z.infer<typeof StoredAuth>;

export const SESSION_TTL_SECONDS = 12 * 3600;
const SETUP_CODE_TTL_SECONDS = 24 * 3600;

/**
 * Accounts, login sessions and the one-time setup code. A session id lives
 * only in the browser's httpOnly cookie; Redis keeps its SHA-256.
 */
export class AccountService {
  private readonly endedListeners: ((sessionHash: string) => void)[] = [];

  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly clock: Clock,
  ) {}

  async hasOrganiser(): Promise<boolean> {
    const { total } = await this.store.rangeByRank(keys.users(), 0, 0);
    return total > 0;
  }

  /** Issues a fresh one-time setup code (the launcher prints it; so does `npm run admin -- setup-code`). */
  async issueSetupCode(): Promise<string> {
    const code = randomBytes(9).toString('base64url');
    await this.store.commit({
      checks: [],
      writes: [
        {
          op: 'set',
          key: keys.setupCode(),
          value: sha256(code),
          ttlSeconds: SETUP_CODE_TTL_SECONDS,
        },
      ],
    });
    return code;
  }

  async setupOrganiser(input: SetupOrganiser): Promise<OrganiserAccount> {
    const stored = await this.store.get(keys.setupCode());
    if (stored === null || stored !== sha256(input.setupCode))
      throw new AppError('FORBIDDEN', 'The setup code is wrong or has expired');
    const now = this.clock.now();
    const account: OrganiserAccount = {
      id: newId(),
      email: input.email.toLowerCase(),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      version: 1,
      createdAt: now.toISOString(),
    };
    await transact(this.store, async () => {
      // The code is consumed in the same commit that creates the account: single use.
      const current = await this.store.get(keys.setupCode());
      if (current !== stored)
        throw new AppError('FORBIDDEN', 'The setup code is wrong or has expired');
      return {
        tx: {
          checks: [{ key: keys.userByEmail(account.email), absent: true }],
          writes: [
            { op: 'set', key: keys.user(account.id), value: JSON.stringify(account) },
            { op: 'set', key: keys.userByEmail(account.email), value: account.id },
            { op: 'zadd', key: keys.users(), score: now.getTime(), member: account.id },
            { op: 'del', key: keys.setupCode() },
          ],
        },
        record: {
          scope: PLATFORM_SCOPE,
          body: {
            at: account.createdAt,
            actor: { kind: 'system', id: 'setup' },
            act: 'organiser.created',
            subject: { type: 'organiser', id: account.id },
            changes: { email: account.email, name: account.name },
          },
        },
      };
    });
    return account;
  }

  /** Creates an organiser directly (demo seeding and the admin CLI). */
  async createOrganiser(email: string, name: string, password: string): Promise<OrganiserAccount> {
    const code = await this.issueSetupCode();
    return this.setupOrganiser({ setupCode: code, email, name, password });
  }

  async login(input: Login): Promise<OrganiserAccount> {
    const id = await this.store.get(keys.userByEmail(input.email));
    const raw = id === null ? null : await this.store.get(keys.user(id));
    const account = raw === null ? undefined : OrganiserAccount.parse(JSON.parse(raw));
    const ok = await verifyPassword(
      input.password,
      account?.passwordHash ?? (await DUMMY_HASH_PROMISE),
    );
    if (!ok || account === undefined)
      throw new AppError('UNAUTHENTICATED', 'Email or password is wrong');
    return account;
  }

  /**
   * Starts a login session and returns the secret session id for the cookie.
   * `label` names the browser in the caller's list of devices (ACCT-1).
   */
  async startSession(ref: AuthRef, label?: string): Promise<string> {
    const sid = randomBytes(32).toString('base64url');
    const key = keys.auth(sha256(sid));
    const stored: StoredAuth = {
      ...ref,
      signedInAt: this.clock.now().toISOString(),
      ...(label === undefined ? {} : { label: label.slice(0, 120) }),
    };
    await this.store.commit({
      checks: [],
      writes: [
        { op: 'set', key, value: JSON.stringify(stored), ttlSeconds: SESSION_TTL_SECONDS },
        { op: 'sadd', key: keys.authsOf(ref.kind, ref.id), member: key },
      ],
    });
    return sid;
  }

  /**
   * Hears of every ended login session, by the SHA-256 of its id (the id
   * itself stays a secret): the realtime edge cuts that browser's sockets.
   */
  onSessionEnded(listener: (sessionHash: string) => void): void {
    this.endedListeners.push(listener);
  }

  async endSession(sid: string): Promise<void> {
    await this.endSessionByHash(sha256(sid));
  }

  /** Ends one browser's session by its hash: signing out another device (ACCT-1). */
  async endSessionByHash(hash: string): Promise<void> {
    const key = keys.auth(hash);
    const raw = await this.store.get(key);
    const writes = [{ op: 'del' as const, key }];
    if (raw !== null) {
      const ref = AuthRef.parse(JSON.parse(raw));
      await this.store.commit({
        checks: [],
        writes: [...writes, { op: 'srem', key: keys.authsOf(ref.kind, ref.id), member: key }],
      });
    } else {
      await this.store.commit({ checks: [], writes });
    }
    for (const listener of this.endedListeners) listener(hash);
  }

  /** Every live session of an account or participant, by the hash of its id (ACCT-1). */
  async sessionsOf(ref: AuthRef): Promise<{ hash: string; auth: StoredAuth }[]> {
    const authKeys = await this.store.members(keys.authsOf(ref.kind, ref.id));
    const raws = await this.store.mget(authKeys);
    const prefix = keys.auth('');
    return authKeys.flatMap((key, i) => {
      const raw = raws[i];
      // Expired sessions linger in the set until their owner signs out; they are no device.
      if (raw === null || raw === undefined) return [];
      return [{ hash: key.slice(prefix.length), auth: StoredAuth.parse(JSON.parse(raw)) }];
    });
  }

  /** The principal behind a session id, or undefined when it is unknown, expired or revoked. */
  async resolve(sid: string | undefined): Promise<Principal | undefined> {
    if (sid === undefined || !/^[A-Za-z0-9_-]{43}$/.test(sid)) return undefined;
    const raw = await this.store.get(keys.auth(sha256(sid)));
    if (raw === null) return undefined;
    const ref = AuthRef.parse(JSON.parse(raw));
    if (ref.kind === 'organiser') {
      const acc = await this.store.get(keys.user(ref.id));
      if (acc === null) return undefined;
      const a = OrganiserAccount.parse(JSON.parse(acc));
      return { kind: 'organiser', userId: a.id, email: a.email, name: a.name, role: 'organiser' };
    }
    // Gone means signed out; an outage propagates (503), it never reads as "signed out".
    const participant: Participant | undefined = await ifExists(
      this.summits.getParticipant(ref.id),
    );
    if (participant === undefined || participant.status === 'revoked') return undefined;
    return { kind: 'participant', participant, role: participant.role };
  }
}
