import { describe, expect, it } from 'vitest';
import type { Role } from '../domain/auth.ts';
import type { Communique, IssuerRef } from './document.ts';
import {
  CommuniqueError,
  applyCommunique,
  documentsFor,
  mayApprove,
  mayDraftFor,
  mayPublish,
  type CommuniqueAuthor,
  type CommuniqueCommand,
} from './workflow.ts';

const SUMMIT = 'SSSSSSSSSSSSSSSSSSSSSS';
const OURS = 'DDDDDDDDDDDDDDDDDDDDDD';
const THEIRS = 'EEEEEEEEEEEEEEEEEEEEEE';
const summit: IssuerRef = { kind: 'summit', id: SUMMIT };
const ours: IssuerRef = { kind: 'delegation', id: OURS };
const theirs: IssuerRef = { kind: 'delegation', id: THEIRS };
const T0 = new Date('2027-02-12T10:00:00.000Z');

const who = (role: Role, delegationId: string | null = null): CommuniqueAuthor => ({
  role,
  delegationId,
});
const secretariatSpokesperson = who('spokesperson');
const ourSpokesperson = who('spokesperson', OURS);
const ourHead = who('head_of_delegation', OURS);
const organiser = who('organiser');

const draft = (issuer: IssuerRef, over: Partial<Communique> = {}): Communique => ({
  id: 'CCCCCCCCCCCCCCCCCCCCCC',
  summitId: SUMMIT,
  issuer,
  status: 'draft',
  versions: {
    en: { title: 'Statement', body: 'Text' },
    fr: { title: 'Déclaration', body: 'Texte' },
  },
  releaseAt: null,
  supersedes: null,
  cites: [],
  draftedBy: 'p1',
  approvedBy: null,
  approvedAt: null,
  publishedAt: null,
  published: [],
  supersededBy: null,
  version: 1,
  createdAt: T0.toISOString(),
  updatedAt: T0.toISOString(),
  ...over,
});

describe('COMM-3 who speaks for which issuer', () => {
  const cases: [string, CommuniqueAuthor, IssuerRef, boolean, boolean, boolean][] = [
    // name, author, issuer, may draft, may approve, may publish
    ['the delegation’s spokesperson, its own', ourSpokesperson, ours, true, false, true],
    [
      'the delegation’s spokesperson, another delegation',
      ourSpokesperson,
      theirs,
      false,
      false,
      false,
    ],
    ['the delegation’s spokesperson, the summit', ourSpokesperson, summit, false, false, false],
    [
      'the secretariat’s spokesperson, the summit',
      secretariatSpokesperson,
      summit,
      true,
      false,
      true,
    ],
    [
      'the secretariat’s spokesperson, a delegation',
      secretariatSpokesperson,
      ours,
      false,
      false,
      false,
    ],
    ['the head, their own delegation', ourHead, ours, false, true, true],
    ['the head, another delegation', ourHead, theirs, false, false, false],
    ['the head, the summit', ourHead, summit, false, false, false],
    ['an organiser, the summit', organiser, summit, true, true, true],
    ['an organiser, a delegation', organiser, ours, false, false, false],
    ['a delegate, their own delegation', who('delegate', OURS), ours, false, false, false],
    ['the press', who('press'), summit, false, false, false],
  ];
  it.each(cases)('%s', (_name, author, issuer, draftOk, approveOk, publishOk) => {
    expect(mayDraftFor(author, SUMMIT, issuer)).toBe(draftOk);
    expect(mayApprove(author, issuer)).toBe(approveOk);
    expect(mayPublish(author, SUMMIT, issuer)).toBe(publishOk);
  });
});

describe('COMM-3 draft → approved → published', () => {
  const refuse = (c: Communique, cmd: CommuniqueCommand, author: CommuniqueAuthor) => {
    try {
      applyCommunique(c, cmd, author, T0);
    } catch (e) {
      expect(e).toBeInstanceOf(CommuniqueError);
      return e as CommuniqueError;
    }
    throw new Error('expected a refusal');
  };

  it('a spokesperson cannot publish without approval', () => {
    const e = refuse(draft(ours), { type: 'publish' }, ourSpokesperson);
    expect([e.refusal, e.code, e.field]).toEqual(['not_approved', 'CONFLICT', 'status']);
  });

  it('a spokesperson cannot approve their own draft', () => {
    const e = refuse(draft(ours), { type: 'approve', by: 'p1' }, ourSpokesperson);
    expect([e.refusal, e.code]).toEqual(['not_the_approver', 'FORBIDDEN']);
  });

  it('another delegation’s head can neither approve nor publish', () => {
    const head = who('head_of_delegation', THEIRS);
    expect(refuse(draft(ours), { type: 'approve', by: 'h' }, head).refusal).toBe(
      'not_the_approver',
    );
    const approved = draft(ours, { status: 'approved' });
    expect(refuse(approved, { type: 'publish' }, head).refusal).toBe('not_the_publisher');
  });

  it('approval then publication; repeats change nothing', () => {
    const a = applyCommunique(draft(ours), { type: 'approve', by: 'head' }, ourHead, T0);
    expect(a.communique).toMatchObject({ status: 'approved', approvedBy: 'head', version: 2 });
    expect(
      applyCommunique(a.communique, { type: 'approve', by: 'head' }, ourHead, T0).changed,
    ).toBe(false);
    const later = new Date(T0.getTime() + 60_000);
    const p = applyCommunique(a.communique, { type: 'publish' }, ourSpokesperson, later);
    expect(p.communique).toMatchObject({
      status: 'published',
      publishedAt: later.toISOString(),
      releaseAt: later.toISOString(),
    });
    expect(applyCommunique(p.communique, { type: 'publish' }, ourHead, later).changed).toBe(false);
  });

  it('an embargo ahead stays; one already past releases at publication (COMM-4)', () => {
    const ahead = '2027-03-01T00:00:00.000Z';
    const approved = (releaseAt: string) => draft(summit, { status: 'approved', releaseAt });
    expect(
      applyCommunique(approved(ahead), { type: 'publish' }, organiser, T0).communique.releaseAt,
    ).toBe(ahead);
    expect(
      applyCommunique(approved('2027-01-01T00:00:00.000Z'), { type: 'publish' }, organiser, T0)
        .communique.releaseAt,
    ).toBe(T0.toISOString());
  });

  it('nothing is edited after approval or signing', () => {
    const patch = { type: 'update', patch: { releaseAt: null } } as const;
    for (const status of ['approved', 'published'] as const) {
      const e = refuse(draft(ours, { status }), patch, ourSpokesperson);
      expect([e.refusal, e.code]).toEqual(['not_a_draft', 'CONFLICT']);
    }
    expect(refuse(draft(ours), patch, who('spokesperson', THEIRS)).refusal).toBe('not_your_issuer');
  });
});

describe('COMM-1 documents: one per language, a correction supersedes its language', () => {
  it('makes sorted language documents with the issuer, key and release time', () => {
    let n = 0;
    const next = () => `DOC${String(n++).padStart(19, '0')}`;
    const old = draft(ours, {
      status: 'published',
      releaseAt: T0.toISOString(),
      versions: { en: { title: 'Old', body: 'Old' } },
    });
    const oldDocs = documentsFor(old, 'KEY0000000000000000000', next, null);
    const published = {
      ...old,
      published: oldDocs.map((d) => ({
        language: d.language,
        signed: { document: d, signature: '' },
      })),
    };
    const correction = draft(ours, {
      status: 'published',
      releaseAt: T0.toISOString(),
      supersedes: old.id,
    });
    const docs = documentsFor(correction, 'KEY1111111111111111111', next, published);
    expect(docs.map((d) => d.language)).toEqual(['en', 'fr']);
    expect(docs.map((d) => d.supersedes)).toEqual([oldDocs[0]?.id, oldDocs[0]?.id]);
    expect(docs[1]).toMatchObject({
      issuer: ours,
      keyId: 'KEY1111111111111111111',
      summitId: SUMMIT,
      title: 'Déclaration',
      releaseAt: T0.toISOString(),
      cites: [],
    });
  });
});
