import { generateKeyPairSync, sign } from 'node:crypto';
import { openPrivateKey } from '@majlis/server/signing';
import { canonicalDocument, KeySet, type CommuniqueDocument } from '@majlis/shared';
import { XMLParser } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { ApiClient } from '../harness/api.ts';
import { startApp, type RunningApp } from '../harness/app.ts';
import {
  SIX_LANGUAGES,
  buildDeskWorld,
  publishCommunique,
  type DeskWorld,
} from '../harness/communiques.ts';

const stack = inject('stack');
/** An Atom entry as fast-xml-parser reads it: a title with attributes becomes an object. */
type AtomEntry = { id: string; updated: string; title: string | { '#text': string } };

/** A clock the test moves by hand (COMM-4 embargo, COMM-5 rebuttal times). */
function manualClock(start = Date.now()) {
  let now = start;
  return { now: () => new Date(now), advance: (ms: number) => void (now += ms) };
}

const clock = manualClock();
const kek = randomBytes(32);
let app: RunningApp;
let w: DeskWorld;
let anonymous: ApiClient;

beforeAll(async () => {
  app = await startApp({
    redisUrl: stack.redisUrl,
    livekit: stack.livekit,
    clock,
    signingKek: kek,
  });
  w = await buildDeskWorld(app);
  anonymous = new ApiClient(app.baseUrl);
});
afterAll(async () => app.close());

const keySet = async () =>
  KeySet.parse(await (await fetch(`${app.baseUrl}/.well-known/majlis/keys.json`)).json());
const verify = async (document: unknown, signature: string) =>
  (await anonymous.post('/public/verify', { document, signature })).body as {
    valid: boolean;
    reason: string;
    keyId: string;
    issuer: { kind: string; id: string; name: string } | null;
  };
const ethiopia = () => w.delegations[0] ?? fail();
const kenya = () => w.delegations[1] ?? fail();
function fail(): never {
  throw new Error('world not built');
}

describe('COMM-3 the workflow, with a typed refusal for each wrong step', () => {
  it('a spokesperson cannot publish without approval', async () => {
    const draft = await ethiopia().spokesperson.post(`/summits/${w.summitId}/communiques`, {
      versions: { en: { title: 'Statement', body: 'Text' } },
    });
    expect(draft.status).toBe(201);
    expect(draft.body).toMatchObject({
      status: 'draft',
      issuer: { kind: 'delegation', id: ethiopia().id },
    });
    const refused = await ethiopia().spokesperson.post(`/communiques/${draft.body.id}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({
      code: 'CONFLICT',
      issues: [{ path: 'status', message: 'not_approved' }],
    });
    expect(refused.headers.get('content-type')).toContain('application/problem+json');
    // Nor approve it: approval is the head's (the role table) …
    const selfApproval = await ethiopia().spokesperson.post(
      `/communiques/${draft.body.id}/approve`,
    );
    expect([selfApproval.status, selfApproval.body.code]).toEqual([403, 'FORBIDDEN']);
    // … and only their own head's.
    const otherHead = await kenya().head.post(`/communiques/${draft.body.id}/approve`);
    expect(otherHead.status).toBe(404);
  });

  it('a delegation cannot sign as another delegation or as the summit', async () => {
    for (const issuer of [
      { kind: 'delegation', id: kenya().id },
      { kind: 'summit', id: w.summitId },
    ]) {
      const r = await ethiopia().spokesperson.post(`/summits/${w.summitId}/communiques`, {
        issuer,
        versions: { en: { title: 'Forged', body: 'Text' } },
      });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({
        code: 'FORBIDDEN',
        issues: [{ path: 'issuer', message: 'not_your_issuer' }],
      });
    }
    // An organiser speaks for the summit, not for a delegation.
    const r = await w.org.post(`/summits/${w.summitId}/communiques`, {
      issuer: { kind: 'delegation', id: ethiopia().id },
      versions: { en: { title: 'Forged', body: 'Text' } },
    });
    expect(r.body.issues).toEqual([{ path: 'issuer', message: 'not_your_issuer' }]);
    // Even a signature made with its own key does not pass as another issuer's.
    const own = await publishCommunique(ethiopia().spokesperson, ethiopia().head, w.summitId, {
      versions: { en: { title: 'Ours', body: 'Our text' } },
    });
    const doc = own.published[0]?.signed ?? fail();
    const asSummit = { ...doc.document, issuer: { kind: 'summit', id: w.summitId } };
    expect((await verify(asSummit, doc.signature)).reason).toBe('bad_signature');
  });

  it('nothing is edited after approval; drafts change with If-Match', async () => {
    const draft = await w.secretariat.post(`/summits/${w.summitId}/communiques`, {
      versions: { en: { title: 'Draft', body: 'First' } },
    });
    const stale = await w.secretariat.patch(
      `/communiques/${draft.body.id}`,
      { versions: { en: { title: 'Draft', body: 'Second' } } },
      { 'if-match': '"1"' },
    );
    expect(stale.status).toBe(200);
    expect(
      (
        await w.secretariat.patch(
          `/communiques/${draft.body.id}`,
          { cites: [] },
          { 'if-match': '"1"' },
        )
      ).status,
    ).toBe(412);
    expect((await w.org.post(`/communiques/${draft.body.id}/approve`)).status).toBe(200);
    const late = await w.secretariat.patch(`/communiques/${draft.body.id}`, {
      versions: { en: { title: 'Draft', body: 'Changed after approval' } },
    });
    expect(late.status).toBe(409);
    expect(late.body.issues).toEqual([{ path: 'status', message: 'not_a_draft' }]);
  });

  it('a draft is seen by its own desk only', async () => {
    const draft = await kenya().spokesperson.post(`/summits/${w.summitId}/communiques`, {
      versions: { fr: { title: 'Projet', body: 'Texte' } },
    });
    for (const reader of [kenya().spokesperson, kenya().head, w.org])
      expect((await reader.get(`/communiques/${draft.body.id}`)).status).toBe(200);
    for (const reader of [ethiopia().spokesperson, ethiopia().head, w.press, w.observer])
      expect((await reader.get(`/communiques/${draft.body.id}`)).status).toBe(404);
    expect((await anonymous.get(`/public/communiques/${draft.body.id}`)).status).toBe(404);
  });
});

describe('COMM-1 one communiqué in all six languages, signed and verifiable', () => {
  it('signs each language version; keys.json names the key; the feeds parse', async () => {
    const c = await publishCommunique(w.secretariat, w.org, w.summitId, {
      versions: SIX_LANGUAGES,
    });
    expect(c.published.map((p) => p.language)).toEqual(['ar', 'en', 'es', 'fr', 'ru', 'zh']);
    const { keys } = await keySet();
    const keyId = c.published[0]?.signed.document['keyId'];
    expect(keys.find((k) => k.keyId === keyId)).toMatchObject({
      issuer: { kind: 'summit', id: w.summitId, name: 'Summit on Water Security' },
      algorithm: 'Ed25519',
      validUntil: null,
      revokedAt: null,
    });
    for (const p of c.published) {
      expect(await verify(p.signed.document, p.signed.signature)).toEqual({
        valid: true,
        keyId,
        issuer: { kind: 'summit', id: w.summitId, name: 'Summit on Water Security' },
        reason: 'ok',
      });
    }
    const page = await anonymous.get(`/public/communiques/${c.id}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ embargoed: false, issuer: { kind: 'summit' } });
    expect(page.body.versions).toEqual(c.published);

    const atom = await anonymous.get(`/public/summits/${w.summitId}/communiques.atom`);
    expect(atom.headers.get('content-type')).toContain('application/atom+xml');
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(String(atom.body)) as {
      feed: { '@_xmlns': string; id: string; updated: string; entry: AtomEntry[] | AtomEntry };
    };
    expect(parsed.feed['@_xmlns']).toBe('http://www.w3.org/2005/Atom');
    expect(Number.isNaN(Date.parse(parsed.feed.updated))).toBe(false);
    const atomEntries = [parsed.feed.entry].flat();
    for (const e of atomEntries) {
      expect(e.id).toMatch(/^urn:majlis:communique-document:/);
      expect(Number.isNaN(Date.parse(e.updated))).toBe(false);
    }
    const titles = atomEntries.map((e) =>
      typeof e.title === 'string' ? e.title : e.title['#text'],
    );
    for (const v of Object.values(SIX_LANGUAGES)) expect(titles).toContain(v.title);
    const json = await anonymous.get(
      `/public/summits/${w.summitId}/communiques.json?issuer=summit`,
    );
    expect(json.headers.get('content-type')).toContain('application/feed+json');
    expect(json.body.version).toBe('https://jsonfeed.org/version/1');
    expect(json.body.items).toHaveLength(6);
    expect(json.body.items.map((i: { title: string }) => i.title).sort()).toEqual(
      Object.values(SIX_LANGUAGES)
        .map((v) => v.title)
        .sort(),
    );
    // One issuer's feed leaves the others out.
    const ours = await anonymous.get(
      `/public/summits/${w.summitId}/communiques.json?issuer=delegation:${kenya().id}`,
    );
    expect(ours.body.items).toEqual([]);
  });

  it('matches a pasted text, and says nothing of a changed one', async () => {
    const match = await anonymous.post('/public/match', {
      text: `  ${SIX_LANGUAGES.ru.body.replace(' ', '\n')} `,
    });
    expect(match.body.matches).toHaveLength(1);
    expect(match.body.matches[0]).toMatchObject({
      language: 'ru',
      issuer: { kind: 'summit', name: 'Summit on Water Security' },
    });
    const changed = await anonymous.post('/public/match', {
      text: SIX_LANGUAGES.ru.body.replace('данными', 'данным'),
    });
    expect(changed.body.matches).toEqual([]);
  });

  it('refuses a pasted document with a field added, and an unknown key', async () => {
    const c = await publishCommunique(w.secretariat, w.org, w.summitId, {
      versions: { en: SIX_LANGUAGES.en },
    });
    const signed = c.published[0]?.signed ?? fail();
    const extra = await anonymous.post('/public/verify', {
      document: { ...signed.document, note: 'x' },
      signature: signed.signature,
    });
    expect(extra.status).toBe(422);
    expect(extra.body.code).toBe('INVALID_PAYLOAD');
    const unknown = await verify(
      { ...signed.document, keyId: 'AAAAAAAAAAAAAAAAAAAAAA' },
      signed.signature,
    );
    expect(unknown).toEqual({
      valid: false,
      keyId: 'AAAAAAAAAAAAAAAAAAAAAA',
      issuer: null,
      reason: 'unknown_key',
    });
  });
});

describe('COMM-2 rotation and revocation', () => {
  it('a document signed after its key was revoked verifies as revoked_key', async () => {
    const before = await publishCommunique(kenya().spokesperson, kenya().head, w.summitId, {
      versions: { en: { title: 'Before', body: 'Signed before the revocation' } },
    });
    const signed = before.published[0]?.signed ?? fail();
    const keyId = String(signed.document['keyId']);
    // The thief: the key as it was stored, opened with the KEK (a stolen KEK and a Redis copy).
    const stored = await app.application.communiques.storedKey(keyId);
    if (stored.sealed === null) throw new Error('the current key has its sealed private part');
    const stolen = openPrivateKey(kek, keyId, stored.sealed);

    clock.advance(60_000);
    const revoked = await w.org.post(`/signing-keys/${keyId}/revoke`);
    expect(revoked.status).toBe(200);
    expect(revoked.body.revokedAt).toBe(clock.now().toISOString());
    expect((await app.application.communiques.storedKey(keyId)).sealed).toBeNull();
    clock.advance(60_000);

    const forged: CommuniqueDocument = {
      ...(signed.document as CommuniqueDocument),
      id: 'FORGEDxxxxxxxxxxxxxxxx',
      title: 'Kenya withdraws from the summit',
      releaseAt: clock.now().toISOString(),
    };
    const forgedSignature = sign(null, Buffer.from(canonicalDocument(forged)), stolen).toString(
      'base64url',
    );
    expect(await verify(forged, forgedSignature)).toMatchObject({
      valid: false,
      keyId,
      reason: 'revoked_key',
    });
    // Backdating it does not help: the server never registered that document.
    const backdated = { ...forged, releaseAt: signed.document['releaseAt'] as string };
    const backdatedSignature = sign(
      null,
      Buffer.from(canonicalDocument(backdated)),
      stolen,
    ).toString('base64url');
    expect((await verify(backdated, backdatedSignature)).reason).toBe('revoked_key');
    // What the issuer really signed before the revocation still holds.
    expect((await verify(signed.document, signed.signature)).reason).toBe('ok');
    // The issuer speaks on with a fresh key.
    const after = await publishCommunique(kenya().spokesperson, kenya().head, w.summitId, {
      versions: { en: { title: 'After', body: 'Signed with the new key' } },
    });
    const newKeyId = after.published[0]?.signed.document['keyId'];
    expect(newKeyId).not.toBe(keyId);
    const { keys } = await keySet();
    expect(keys.find((k) => k.keyId === keyId)?.revokedAt).not.toBeNull();
    expect(keys.find((k) => k.keyId === newKeyId)?.revokedAt).toBeNull();
  });

  it('rotation retires a key: its documents stay valid, the next ones use the new key', async () => {
    const first = await publishCommunique(ethiopia().spokesperson, ethiopia().head, w.summitId, {
      versions: { ar: { title: 'بيان', body: 'نص أول' } },
    });
    const signed = first.published[0]?.signed ?? fail();
    clock.advance(1000);
    const rotated = await w.org.post(`/summits/${w.summitId}/signing-keys/rotate`, {
      issuer: { kind: 'delegation', id: ethiopia().id },
    });
    expect(rotated.status).toBe(201);
    const { keys } = await keySet();
    expect(keys.find((k) => k.keyId === signed.document['keyId'])?.validUntil).toBe(
      clock.now().toISOString(),
    );
    expect((await verify(signed.document, signed.signature)).reason).toBe('ok');
    const next = await publishCommunique(ethiopia().spokesperson, ethiopia().head, w.summitId, {
      versions: { ar: { title: 'بيان', body: 'نص ثان' } },
    });
    expect(next.published[0]?.signed.document['keyId']).toBe(rotated.body.keyId);
  });
});

describe('COMM-4 embargo', () => {
  it('press read before releaseAt; the public gets 404, then 200 after it', async () => {
    const releaseAt = new Date(clock.now().getTime() + 3_600_000).toISOString();
    const c = await publishCommunique(w.secretariat, w.org, w.summitId, {
      versions: { en: { title: 'Embargoed', body: 'Under embargo until the press conference.' } },
      releaseAt,
    });
    expect(c.published[0]?.signed.document['releaseAt']).toBe(releaseAt);
    expect((await anonymous.get(`/public/communiques/${c.id}`)).status).toBe(404);
    expect((await w.observer.get(`/public/communiques/${c.id}`)).status).toBe(404);
    expect((await ethiopia().spokesperson.get(`/public/communiques/${c.id}`)).status).toBe(404);
    const press = await w.press.get(`/public/communiques/${c.id}`);
    expect(press.status).toBe(200);
    expect(press.body.embargoed).toBe(true);
    expect(press.headers.get('cache-control')).toContain('no-store');
    const pressList = await w.press.get(`/summits/${w.summitId}/communiques`);
    expect(pressList.body.items.map((i: { id: string }) => i.id)).toContain(c.id);
    const observerList = await w.observer.get(`/summits/${w.summitId}/communiques`);
    expect(observerList.body.items.map((i: { id: string }) => i.id)).not.toContain(c.id);
    const feed = async () =>
      (await anonymous.get(`/public/summits/${w.summitId}/communiques.json`)).body.items.map(
        (i: { title: string }) => i.title,
      );
    expect(await feed()).not.toContain('Embargoed');
    const match = () =>
      anonymous.post('/public/match', { text: 'Under embargo until the press conference.' });
    expect((await match()).body.matches).toEqual([]);

    clock.advance(3_600_000);
    const open = await anonymous.get(`/public/communiques/${c.id}`);
    expect(open.status).toBe(200);
    expect(open.body.embargoed).toBe(false);
    expect(await feed()).toContain('Embargoed');
    expect((await match()).body.matches).toHaveLength(1);
  });
});

describe('COMM-5 rebuttals and corrections', () => {
  it('stores the time from logging a claim to its first signed rebuttal', async () => {
    const claim = await w.secretariat.post(`/summits/${w.summitId}/claims`, {
      text: 'The summit has been cancelled',
      seenAt: 'https://example.org/rumour',
      firstSeenAt: new Date(clock.now().getTime() - 600_000).toISOString(),
      language: 'en',
    });
    expect(claim.status).toBe(201);
    expect(claim.body.rebuttal).toBeNull();
    clock.advance(90_000);
    const answer = await publishCommunique(w.secretariat, w.org, w.summitId, {
      versions: { en: { title: 'The summit goes on', body: 'The summit is not cancelled.' } },
      cites: [claim.body.id],
    });
    expect(answer.published[0]?.signed.document['cites']).toEqual([claim.body.id]);
    const claims = await w.org.get(`/summits/${w.summitId}/claims`);
    expect(claims.body.items.find((c: { id: string }) => c.id === claim.body.id).rebuttal).toEqual({
      communiqueId: answer.id,
      publishedAt: clock.now().toISOString(),
      secondsFromLogging: 90,
    });
    // The second rebuttal does not move the figure.
    clock.advance(30_000);
    await publishCommunique(w.secretariat, w.org, w.summitId, {
      versions: { en: { title: 'Again', body: 'Still not cancelled.' } },
      cites: [claim.body.id],
    });
    const again = await w.org.get(`/summits/${w.summitId}/claims`);
    expect(
      again.body.items.find((c: { id: string }) => c.id === claim.body.id).rebuttal
        .secondsFromLogging,
    ).toBe(90);
    const unknown = await w.secretariat.post(`/summits/${w.summitId}/communiques`, {
      versions: { en: { title: 'x', body: 'y' } },
      cites: ['AAAAAAAAAAAAAAAAAAAAAA'],
    });
    expect(unknown.body.issues).toEqual([{ path: 'cites', message: 'unknown_claim' }]);
  });

  it('a correction is a new document that supersedes the old one', async () => {
    const old = await publishCommunique(w.secretariat, w.org, w.summitId, {
      versions: {
        en: { title: 'Final', body: 'Twelve states signed.' },
        fr: { title: 'Final', body: 'Douze États ont signé.' },
      },
    });
    const correction = await publishCommunique(w.secretariat, w.org, w.summitId, {
      versions: { en: { title: 'Final (corrected)', body: 'Thirteen states signed.' } },
      supersedes: old.id,
    });
    const oldEn = old.published.find((p) => p.language === 'en')?.signed ?? fail();
    expect(correction.published[0]?.signed.document['supersedes']).toBe(oldEn.document['id']);
    const oldPage = await anonymous.get(`/public/communiques/${old.id}`);
    expect(oldPage.body.supersededBy).toBe(correction.id);
    // The old text and signature are untouched and still verify.
    expect(oldPage.body.versions).toEqual(old.published);
    expect((await verify(oldEn.document, oldEn.signature)).reason).toBe('ok');
    // A delegation does not correct the summit.
    const other = await ethiopia().spokesperson.post(`/summits/${w.summitId}/communiques`, {
      versions: { en: { title: 'x', body: 'y' } },
      supersedes: old.id,
    });
    expect(other.body.issues).toEqual([{ path: 'supersedes', message: 'supersedes_other_issuer' }]);
  });

  it('records each act, naming documents and signature hashes only', async () => {
    const record = await w.org.get(`/summits/${w.summitId}/record`);
    expect(record.body.chainValid).toBe(true);
    const acts = new Set(record.body.entries.map((e: { act: string }) => e.act));
    for (const act of [
      'signing-key.created',
      'signing-key.rotated',
      'signing-key.revoked',
      'communique.drafted',
      'communique.approved',
      'communique.published',
      'claim.logged',
    ])
      expect(acts).toContain(act);
  });
});

it('a stolen-key forgery is told apart from a fresh key pair the server never published', async () => {
  // An attacker's own key, claiming the summit's key id: the signature fails.
  const { privateKey } = generateKeyPairSync('ed25519');
  const c = await publishCommunique(w.secretariat, w.org, w.summitId, {
    versions: { es: SIX_LANGUAGES.es },
  });
  const doc = (c.published[0]?.signed.document ?? fail()) as CommuniqueDocument;
  const forged = { ...doc, body: 'Las delegaciones abandonan la cumbre.' };
  const signature = sign(null, Buffer.from(canonicalDocument(forged)), privateKey).toString(
    'base64url',
  );
  expect((await verify(forged, signature)).reason).toBe('bad_signature');
});
