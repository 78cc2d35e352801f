import {
  Claim,
  CommuniqueError,
  applyCommunique,
  mayDraftFor,
  ownIssuer,
  sameIssuer,
  type Communique,
  type CommuniqueCommand,
  type CommuniqueCreate,
  type CommuniqueUpdate,
} from '@majlis/shared';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import { newId } from '../summits/common.ts';
import { actorOf, type Principal } from '../summits/principal.ts';
import { authorOf, entry, toAppError, type CommuniqueDeps } from './common.ts';
import type { CommuniqueReader } from './reading.ts';

/** Applies one command with the pure rules; a refusal becomes the AppError the edge answers with. */
export function applyRules(
  deps: Pick<CommuniqueDeps, 'clock'>,
  c: Communique,
  command: CommuniqueCommand,
  actor: Principal,
) {
  try {
    return applyCommunique(c, command, authorOf(actor), deps.clock.now());
  } catch (err) {
    if (err instanceof CommuniqueError) throw toAppError(err);
    throw err;
  }
}

/** The desk before publication: drafts, edits and approval (COMM-1, COMM-3). */
export class CommuniqueDrafting {
  constructor(
    private readonly deps: CommuniqueDeps,
    private readonly reader: CommuniqueReader,
  ) {}

  async create(actor: Principal, summitId: string, input: CommuniqueCreate): Promise<Communique> {
    await this.deps.summits.getSummit(actor, summitId);
    const author = authorOf(actor);
    const own = ownIssuer(author, summitId);
    const issuer = input.issuer ?? own;
    if (issuer === null || !mayDraftFor(author, summitId, issuer))
      throw toAppError(
        new CommuniqueError(
          'not_your_issuer',
          'A communiqué is drafted only in your own name: your delegation, or the summit for the secretariat',
        ),
      );
    // The issuer's key exists (and is published) before its first document.
    await this.deps.keyring.current(summitId, issuer);
    await this.assertCites(summitId, input.cites);
    if (input.supersedes !== null) {
      // Absent is a refusal like unpublished; a store outage stays an outage.
      const old = await this.reader.load(input.supersedes).catch((err: unknown) => {
        if (err instanceof AppError && err.code === 'NOT_FOUND') return null;
        throw err;
      });
      if (old?.summitId !== summitId || old.status !== 'published')
        throw toAppError(
          new CommuniqueError('supersedes_unpublished', 'Only a published communiqué is corrected'),
        );
      if (!sameIssuer(old.issuer, issuer))
        throw toAppError(
          new CommuniqueError(
            'supersedes_other_issuer',
            'An issuer corrects only its own communiqués',
          ),
        );
    }
    const now = this.deps.clock.now();
    const at = now.toISOString();
    const communique: Communique = {
      id: newId(),
      summitId,
      issuer,
      status: 'draft',
      versions: input.versions,
      releaseAt: input.releaseAt,
      supersedes: input.supersedes,
      cites: input.cites,
      draftedBy: actorOf(actor).id,
      approvedBy: null,
      approvedAt: null,
      publishedAt: null,
      published: [],
      supersededBy: null,
      version: 1,
      createdAt: at,
      updatedAt: at,
    };
    await transact(this.deps.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.communique(communique.id), absent: true as const }],
          writes: [
            { op: 'set', key: keys.communique(communique.id), value: JSON.stringify(communique) },
            {
              op: 'zadd',
              key: keys.summitCommuniques(summitId),
              score: now.getTime(),
              member: communique.id,
            },
          ],
        },
        record: {
          scope: summitId,
          body: entry(actor, 'communique.drafted', communique, at, {
            issuer,
            languages: Object.keys(communique.versions),
          }),
        },
      }),
    );
    return communique;
  }

  private async assertCites(summitId: string, cites: readonly string[]): Promise<void> {
    const raws = await this.deps.store.mget(cites.map(keys.claim));
    const ok = raws.every((r) => r !== null && Claim.parse(JSON.parse(r)).summitId === summitId);
    if (!ok)
      throw toAppError(
        new CommuniqueError('unknown_claim', 'A cited claim is not logged for this summit'),
      );
  }

  /** Applies one command with the pure rules; a repeat that changes nothing commits nothing. */
  private async command(
    actor: Principal,
    id: string,
    command: CommuniqueCommand,
    act: string,
    ifMatch?: number,
  ): Promise<Communique> {
    const current = await this.reader.get(actor, id);
    if (ifMatch !== undefined && current.version !== ifMatch)
      throw new AppError('PRECONDITION_FAILED', 'It was changed meanwhile; reload and try again');
    const next = applyRules(this.deps, current, command, actor);
    if (!next.changed) return current;
    await transact(
      this.deps.store,
      () =>
        Promise.resolve({
          tx: {
            checks: [{ key: keys.communique(id), version: current.version }],
            writes: [
              { op: 'set', key: keys.communique(id), value: JSON.stringify(next.communique) },
            ],
          },
          record: {
            scope: current.summitId,
            body: entry(actor, act, next.communique, next.communique.updatedAt, {}),
          },
        }),
      { onConflict: ifMatch === undefined ? 'CONFLICT' : 'PRECONDITION_FAILED' },
    );
    return next.communique;
  }

  async update(
    actor: Principal,
    id: string,
    patch: CommuniqueUpdate,
    ifMatch: number | undefined,
  ): Promise<Communique> {
    if (patch.cites !== undefined) {
      const c = await this.reader.get(actor, id);
      await this.assertCites(c.summitId, patch.cites);
    }
    return this.command(actor, id, { type: 'update', patch }, 'communique.updated', ifMatch);
  }

  approve(actor: Principal, id: string): Promise<Communique> {
    return this.command(
      actor,
      id,
      { type: 'approve', by: actorOf(actor).id },
      'communique.approved',
    );
  }
}
