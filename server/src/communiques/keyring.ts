import type { KeyObject } from 'node:crypto';
import {
  Id,
  PublicSigningKey,
  Timestamp,
  type Delegation,
  type IssuerRef,
  type KeySet,
  type Summit,
} from '@majlis/shared';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact, type RecordBody } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import type { Write } from '../store/tx.ts';
import { actorOf, type Principal } from '../summits/principal.ts';
import type { SummitReader } from '../summits/reader.ts';
import { SealedPrivateKey, generateIssuerKey, openPrivateKey, sealPrivateKey } from './signing.ts';

/**
 * An issuer's key as stored: the public entry of keys.json, and the private
 * key sealed under the KEK. A retired or revoked key keeps no private part
 * at all, so nothing can sign with it again, stolen KEK or not.
 */
export const StoredSigningKey = PublicSigningKey.extend({
  summitId: Id,
  sealed: SealedPrivateKey.nullable(),
  version: z.number().int().positive(),
  createdAt: Timestamp,
});
export type StoredSigningKey = z.infer<typeof StoredSigningKey>;

const IssuerPointer = z.object({ keyId: z.string(), version: z.number().int().positive() });

export const publicEntry = (k: StoredSigningKey): PublicSigningKey => ({
  keyId: k.keyId,
  issuer: k.issuer,
  algorithm: k.algorithm,
  publicKey: k.publicKey,
  validFrom: k.validFrom,
  validUntil: k.validUntil,
  revokedAt: k.revokedAt,
});

export type IssuerReader = Pick<SummitReader, 'getSummitRaw' | 'getDelegation'>;

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

/** The issuer's name in keys.json: the summit's title, or the delegation's English name. */
export function issuerName(issuer: IssuerRef, summit: Summit, delegation?: Delegation): string {
  const first = (t: Partial<Record<string, string>>) =>
    t['en'] ?? Object.values(t).find((v) => v !== undefined) ?? '';
  if (issuer.kind === 'summit') return first(summit.title);
  if (delegation === undefined) return issuer.id;
  return delegation.kind === 'organisation' && delegation.name !== undefined
    ? first(delegation.name)
    : (regionNames.of(delegation.code) ?? delegation.code);
}

/**
 * Issuers' signing keys (COMM-2): made on first need, rotated and revoked by
 * the secretariat, published as keys.json. Opened private keys are cached in
 * memory only, and dropped when a key is retired or revoked.
 */
export class IssuerKeyring {
  private readonly opened = new Map<string, KeyObject>();

  constructor(
    private readonly store: RedisStore,
    private readonly issuers: IssuerReader,
    private readonly clock: Clock,
    private readonly kek: Buffer,
  ) {}

  async load(keyId: string): Promise<StoredSigningKey> {
    const raw = await this.store.get(keys.signingKey(keyId));
    if (raw === null) throw new AppError('NOT_FOUND', 'Signing key not found');
    return StoredSigningKey.parse(JSON.parse(raw));
  }

  /** A key by id, or null when no such key was ever published. */
  async find(keyId: string): Promise<StoredSigningKey | null> {
    const raw = await this.store.get(keys.signingKey(keyId));
    return raw === null ? null : StoredSigningKey.parse(JSON.parse(raw));
  }

  async keySet(): Promise<KeySet> {
    const { members } = await this.store.rangeByRank(keys.signingKeys(), 0, 100_000);
    const raws = await this.store.mget(members.map(keys.signingKey));
    return {
      keys: raws
        .filter((r): r is string => r !== null)
        .map((r) => publicEntry(StoredSigningKey.parse(JSON.parse(r)))),
    };
  }

  private async pointer(issuer: IssuerRef): Promise<z.infer<typeof IssuerPointer> | null> {
    const raw = await this.store.get(keys.issuerKey(issuer.kind, issuer.id));
    return raw === null ? null : IssuerPointer.parse(JSON.parse(raw));
  }

  /** The issuer's current key, made (and published) the first time it is needed. */
  async current(summitId: string, issuer: IssuerRef): Promise<StoredSigningKey> {
    for (let attempt = 0; attempt < 5; attempt += 1) {
      const p = await this.pointer(issuer);
      if (p !== null) return this.load(p.keyId);
      try {
        return await this.replace(undefined, summitId, issuer, null, 'signing-key.created');
      } catch (err) {
        // Another request made it first: read theirs.
        if (!(err instanceof AppError && err.code === 'CONFLICT')) throw err;
      }
    }
    throw new AppError('CONFLICT', 'The issuer’s key is being changed; try again');
  }

  /** The opened private key for signing, or a refusal if the key is no longer in force. */
  signer(key: StoredSigningKey): KeyObject {
    if (key.sealed === null || key.revokedAt !== null || key.validUntil !== null)
      throw new AppError('CONFLICT', 'This signing key is no longer in force');
    let opened = this.opened.get(key.keyId);
    if (opened === undefined) {
      opened = openPrivateKey(this.kek, key.keyId, key.sealed);
      this.opened.set(key.keyId, opened);
    }
    return opened;
  }

  async rotate(actor: Principal, summitId: string, issuer: IssuerRef): Promise<StoredSigningKey> {
    await this.assertIssuerOf(summitId, issuer);
    const p = await this.pointer(issuer);
    const old = p === null ? null : await this.load(p.keyId);
    return this.replace(actor, summitId, issuer, old, 'signing-key.rotated');
  }

  /** Revokes a key; its issuer gets a fresh one at once so it can keep speaking. */
  async revoke(actor: Principal, keyId: string): Promise<StoredSigningKey> {
    const key = await this.load(keyId);
    if (actor.kind === 'participant' && actor.participant.summitId !== key.summitId)
      throw new AppError('NOT_FOUND', 'Signing key not found');
    if (key.revokedAt !== null) return key;
    const now = this.clock.now().toISOString();
    const revoked: StoredSigningKey = {
      ...key,
      revokedAt: now,
      sealed: null,
      version: key.version + 1,
    };
    const issuer = { kind: key.issuer.kind, id: key.issuer.id };
    const p = await this.pointer(issuer);
    if (p?.keyId === keyId) {
      await this.replace(actor, key.summitId, issuer, key, 'signing-key.revoked', revoked);
    } else {
      await transact(this.store, () =>
        Promise.resolve({
          tx: {
            checks: [{ key: keys.signingKey(keyId), version: key.version }],
            writes: [{ op: 'set', key: keys.signingKey(keyId), value: JSON.stringify(revoked) }],
          },
          record: { scope: key.summitId, body: this.entry(actor, 'signing-key.revoked', key, now) },
        }),
      );
    }
    this.opened.delete(keyId);
    return revoked;
  }

  private async assertIssuerOf(summitId: string, issuer: IssuerRef): Promise<void> {
    if (issuer.kind === 'summit') {
      if (issuer.id !== summitId) throw new AppError('NOT_FOUND', 'Summit not found');
      return;
    }
    const d = await this.issuers.getDelegation(issuer.id);
    if (d.summitId !== summitId) throw new AppError('NOT_FOUND', 'Delegation not found');
  }

  private async nameOf(summitId: string, issuer: IssuerRef): Promise<string> {
    const summit = await this.issuers.getSummitRaw(summitId);
    const delegation =
      issuer.kind === 'delegation' ? await this.issuers.getDelegation(issuer.id) : undefined;
    return issuerName(issuer, summit, delegation);
  }

  /**
   * A new current key for the issuer. The old one, if any, is retired
   * (rotation) or revoked, and loses its private part in the same commit.
   */
  private async replace(
    actor: Principal | undefined,
    summitId: string,
    issuer: IssuerRef,
    old: StoredSigningKey | null,
    act: 'signing-key.created' | 'signing-key.rotated' | 'signing-key.revoked',
    retiredAs?: StoredSigningKey,
  ): Promise<StoredSigningKey> {
    await this.assertIssuerOf(summitId, issuer);
    const name = await this.nameOf(summitId, issuer);
    const now = this.clock.now();
    const at = now.toISOString();
    const pair = generateIssuerKey();
    const fresh: StoredSigningKey = {
      keyId: pair.keyId,
      issuer: { ...issuer, name },
      algorithm: 'Ed25519',
      publicKey: pair.publicKey,
      validFrom: at,
      validUntil: null,
      revokedAt: null,
      summitId,
      sealed: sealPrivateKey(this.kek, pair.keyId, pair.privateKey),
      version: 1,
      createdAt: at,
    };
    const pointerKey = keys.issuerKey(issuer.kind, issuer.id);
    const pointer = await this.pointer(issuer);
    if ((pointer?.keyId ?? null) !== (old?.keyId ?? null))
      throw new AppError('CONFLICT', 'The issuer’s key changed meanwhile; try again');
    const writes: Write[] = [
      { op: 'set', key: keys.signingKey(fresh.keyId), value: JSON.stringify(fresh) },
      { op: 'zadd', key: keys.signingKeys(), score: now.getTime(), member: fresh.keyId },
      {
        op: 'set',
        key: pointerKey,
        value: JSON.stringify({ keyId: fresh.keyId, version: (pointer?.version ?? 0) + 1 }),
      },
    ];
    if (old !== null) {
      const retired = retiredAs ?? {
        ...old,
        validUntil: at,
        sealed: null,
        version: old.version + 1,
      };
      writes.push({ op: 'set', key: keys.signingKey(old.keyId), value: JSON.stringify(retired) });
    }
    await transact(this.store, () =>
      Promise.resolve({
        tx: {
          checks: [
            pointer === null
              ? { key: pointerKey, absent: true as const }
              : { key: pointerKey, version: pointer.version },
            ...(old === null ? [] : [{ key: keys.signingKey(old.keyId), version: old.version }]),
          ],
          writes,
        },
        record: {
          scope: summitId,
          body: this.entry(actor, act, old ?? fresh, at, fresh.keyId),
        },
      }),
    );
    if (old !== null) this.opened.delete(old.keyId);
    this.opened.set(fresh.keyId, pair.privateKey);
    return fresh;
  }

  /** Record entries name keys and issuers, never key material. */
  private entry(
    actor: Principal | undefined,
    act: string,
    key: StoredSigningKey,
    at: string,
    newKeyId?: string,
  ): RecordBody {
    return {
      at,
      actor: actorOf(actor),
      act,
      subject: { type: 'signing-key', id: key.keyId },
      changes: {
        issuer: { kind: key.issuer.kind, id: key.issuer.id },
        ...(newKeyId === undefined || newKeyId === key.keyId ? {} : { replacedBy: newKeyId }),
      },
    };
  }
}
