import {
  Communique,
  mayApprove,
  mayDraftFor,
  type CommuniqueList,
  type PublicCommunique,
} from '@majlis/shared';
import { AppError } from '../errors.ts';
import { keys } from '../store/keys.ts';
import type { Principal } from '../summits/principal.ts';
import { PublishedDocument, authorOf, inSummit, type CommuniqueDeps } from './common.ts';

/** Loading communiqués and who may read them (COMM-4): the desk's and the public's reading. */
export class CommuniqueReader {
  constructor(protected readonly deps: CommuniqueDeps) {}

  async load(id: string): Promise<Communique> {
    const raw = await this.deps.store.get(keys.communique(id));
    if (raw === null) throw new AppError('NOT_FOUND', 'Communiqué not found');
    return Communique.parse(JSON.parse(raw));
  }

  async loadMany(ids: string[]): Promise<Communique[]> {
    const raws = await this.deps.store.mget(ids.map(keys.communique));
    return raws.filter((r): r is string => r !== null).map((r) => Communique.parse(JSON.parse(r)));
  }

  async loadDocument(id: string): Promise<PublishedDocument | null> {
    const raw = await this.deps.store.get(keys.communiqueDocument(id));
    return raw === null ? null : PublishedDocument.parse(JSON.parse(raw));
  }

  /**
   * Drafts are for the issuer's own desk (and the secretariat); a published
   * communiqué is for everyone once released, and before that for the
   * summit's press, the secretariat and the issuer's desk (COMM-4).
   */
  mayRead(actor: Principal | undefined, c: Communique): boolean {
    const author = actor === undefined ? undefined : authorOf(actor);
    const inSummit =
      actor !== undefined &&
      (actor.kind === 'organiser' || actor.participant.summitId === c.summitId);
    const desk =
      author !== undefined &&
      inSummit &&
      (author.role === 'organiser' ||
        mayDraftFor(author, c.summitId, c.issuer) ||
        mayApprove(author, c.issuer));
    if (c.status !== 'published') return desk;
    if (this.released(c)) return true;
    return desk || (inSummit && actor.role === 'press');
  }

  released(c: Communique): boolean {
    return c.releaseAt !== null && new Date(c.releaseAt) <= this.deps.clock.now();
  }

  async get(actor: Principal, id: string): Promise<Communique> {
    const c = await this.load(id);
    if (!this.mayRead(actor, c) || !inSummit(actor, c.summitId))
      throw new AppError('NOT_FOUND', 'Communiqué not found');
    return c;
  }

  async list(actor: Principal, summitId: string): Promise<CommuniqueList> {
    await this.deps.summits.getSummit(actor, summitId);
    const { members } = await this.deps.store.rangeByRank(
      keys.summitCommuniques(summitId),
      0,
      10_000,
    );
    const all = await this.loadMany(members);
    return { items: all.filter((c) => this.mayRead(actor, c)).reverse() };
  }

  /** The public reading: 404 before release for anyone but the press and the issuer's desk. */
  async publicView(principal: Principal | undefined, id: string): Promise<PublicCommunique> {
    const c = await this.load(id);
    if (c.status !== 'published' || !this.mayRead(principal, c))
      throw new AppError('NOT_FOUND', 'Communiqué not found');
    const first = c.published[0];
    if (first === undefined || c.releaseAt === null || c.publishedAt === null)
      throw new Error(`published communiqué ${c.id} without documents`);
    const key = await this.deps.keyring.load(first.signed.document.keyId);
    return {
      id: c.id,
      summitId: c.summitId,
      issuer: key.issuer,
      releaseAt: c.releaseAt,
      publishedAt: c.publishedAt,
      embargoed: !this.released(c),
      versions: c.published,
      supersedes: c.supersedes,
      supersededBy: c.supersededBy,
      signedAt: c.publishedAt,
    };
  }
}
