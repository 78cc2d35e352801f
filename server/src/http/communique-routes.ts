import { Router } from 'express';
import {
  Claim,
  ClaimCreate,
  ClaimList,
  Communique,
  CommuniqueCreate,
  CommuniqueJsonFeed,
  CommuniqueList,
  CommuniqueUpdate,
  Id,
  KeySet,
  PublicCommunique,
  PublicSigningKey,
  RotateIssuerKey,
  SignedCommunique,
  TextMatchRequest,
  TextMatchResult,
  Verification,
  KeyId,
  type IssuerRef,
} from '@majlis/shared';
import { z } from 'zod';
import type { CommuniqueService } from '../communiques/service.ts';
import type { PublicOrigin } from './origin.ts';
import { route, type RouteDef } from './registry.ts';

const SummitParams = z.object({ summitId: Id });
const CommuniqueParams = z.object({ communiqueId: Id });
const KeyParams = z.object({ keyId: KeyId });
const FeedQuery = z.object({
  issuer: z
    .string()
    .regex(/^(summit|delegation:[A-Za-z0-9_-]{22})$/, 'must be "summit" or "delegation:<id>"')
    .optional(),
});

const issuerOf = (summitId: string, q: string | undefined): IssuerRef | undefined => {
  if (q === undefined) return undefined;
  if (q === 'summit') return { kind: 'summit', id: summitId };
  return { kind: 'delegation', id: q.slice('delegation:'.length) };
};

/** The signed communiqués (COMM-1 … COMM-5): the desk, the public side, claims and keys. */
export function communiqueRoutes(
  communiques: CommuniqueService,
  publicOrigin: PublicOrigin,
): RouteDef[] {
  const feedRoute = (format: 'atom' | 'json') =>
    route({
      operationId: format === 'atom' ? 'getCommuniqueAtomFeed' : 'getCommuniqueJsonFeed',
      method: 'get',
      path: `/public/summits/{summitId}/communiques.${format}`,
      summary: `Released communiqués of a summit as ${format === 'atom' ? 'Atom' : 'JSON Feed'}; ?issuer=summit or delegation:<id> for one issuer`,
      tag: 'communiques',
      params: SummitParams,
      query: FeedQuery,
      response:
        format === 'atom'
          ? { status: 200, contentType: 'application/atom+xml' }
          : { status: 200, contentType: 'application/feed+json', schema: CommuniqueJsonFeed },
      async handler({ params, query }) {
        const content = await communiques.feed(
          params.summitId,
          format,
          publicOrigin.value,
          issuerOf(params.summitId, query.issuer),
        );
        return {
          text: {
            contentType:
              format === 'atom'
                ? 'application/atom+xml; charset=utf-8'
                : 'application/feed+json; charset=utf-8',
            content,
          },
        };
      },
    });
  return [
    // ── the desk ──────────────────────────────────────────────────────
    route({
      operationId: 'createCommunique',
      method: 'post',
      path: '/summits/{summitId}/communiques',
      summary:
        'Draft a communiqué in one or more languages, in your own issuer’s name (a spokesperson, or an organiser for the summit)',
      tag: 'communiques',
      action: 'communique:draft',
      params: SummitParams,
      body: CommuniqueCreate,
      response: { status: 201, schema: Communique, etag: true },
      async handler({ actor, params, body }) {
        const c = await communiques.create(actor, params.summitId, body);
        return { body: c, etag: c.version };
      },
    }),
    route({
      operationId: 'listCommuniques',
      method: 'get',
      path: '/summits/{summitId}/communiques',
      summary:
        'Communiqués the caller may read: the own desk’s drafts, published ones, embargoed ones for the press',
      tag: 'communiques',
      action: 'communique:read',
      params: SummitParams,
      response: { status: 200, schema: CommuniqueList },
      async handler({ actor, params }) {
        return { body: await communiques.list(actor, params.summitId) };
      },
    }),
    route({
      operationId: 'getCommunique',
      method: 'get',
      path: '/communiques/{communiqueId}',
      summary: 'One communiqué as the desk sees it (drafts only for the issuer’s own desk)',
      tag: 'communiques',
      action: 'communique:read',
      params: CommuniqueParams,
      response: { status: 200, schema: Communique, etag: true },
      async handler({ actor, params }) {
        const c = await communiques.get(actor, params.communiqueId);
        return { body: c, etag: c.version };
      },
    }),
    route({
      operationId: 'updateCommunique',
      method: 'patch',
      path: '/communiques/{communiqueId}',
      summary: 'Change a draft (never an approved or published communiqué); honours If-Match',
      tag: 'communiques',
      action: 'communique:draft',
      params: CommuniqueParams,
      body: CommuniqueUpdate,
      response: { status: 200, schema: Communique, etag: true },
      async handler({ actor, params, body, ifMatch }) {
        const c = await communiques.update(actor, params.communiqueId, body, ifMatch);
        return { body: c, etag: c.version };
      },
    }),
    route({
      operationId: 'approveCommunique',
      method: 'post',
      path: '/communiques/{communiqueId}/approve',
      summary:
        'Approve a draft: the delegation’s head, or an organiser for the summit’s communiqués',
      tag: 'communiques',
      action: 'communique:approve',
      params: CommuniqueParams,
      response: { status: 200, schema: Communique, etag: true },
      async handler({ actor, params }) {
        const c = await communiques.approve(actor, params.communiqueId);
        return { body: c, etag: c.version };
      },
    }),
    route({
      operationId: 'publishCommunique',
      method: 'post',
      path: '/communiques/{communiqueId}/publish',
      summary:
        'Sign every language version with the issuer’s key and publish (approved communiqués only)',
      tag: 'communiques',
      action: 'communique:publish',
      params: CommuniqueParams,
      response: { status: 200, schema: Communique, etag: true },
      async handler({ actor, params }) {
        const c = await communiques.publish(actor, params.communiqueId);
        return { body: c, etag: c.version };
      },
    }),
    // ── the public side ───────────────────────────────────────────────
    route({
      operationId: 'getPublicCommunique',
      method: 'get',
      path: '/public/communiques/{communiqueId}',
      summary:
        'A published communiqué with its signed documents: no sign-in after release, the summit’s press before (COMM-4)',
      tag: 'communiques',
      params: CommuniqueParams,
      response: { status: 200, schema: PublicCommunique },
      async handler({ principal, params, res }) {
        const view = await communiques.publicView(principal, params.communiqueId);
        // An embargoed reading is personal; a released one is the same for all.
        res.setHeader('Cache-Control', view.embargoed ? 'private, no-store' : 'no-cache');
        return { body: view };
      },
    }),
    route({
      operationId: 'verifyCommunique',
      method: 'post',
      path: '/public/verify',
      summary:
        'Check a document and its signature against the published keys: valid, the key, its issuer and why',
      tag: 'communiques',
      body: SignedCommunique,
      response: { status: 200, schema: Verification },
      async handler({ body }) {
        return { body: await communiques.verify(body) };
      },
    }),
    route({
      operationId: 'matchCommuniqueText',
      method: 'post',
      path: '/public/match',
      summary:
        'Whether this exact text was published (released bodies, white space aside), and by whom',
      tag: 'communiques',
      body: TextMatchRequest,
      response: { status: 200, schema: TextMatchResult },
      async handler({ body }) {
        return { body: await communiques.matchText(body.text) };
      },
    }),
    feedRoute('atom'),
    feedRoute('json'),
    // ── claims (COMM-5) ───────────────────────────────────────────────
    route({
      operationId: 'logClaim',
      method: 'post',
      path: '/summits/{summitId}/claims',
      summary: 'Log a false claim seen circulating: its text, where and when first seen, language',
      tag: 'communiques',
      action: 'claim:log',
      params: SummitParams,
      body: ClaimCreate,
      response: { status: 201, schema: Claim },
      async handler({ actor, params, body }) {
        return { body: await communiques.logClaim(actor, params.summitId, body) };
      },
    }),
    route({
      operationId: 'listClaims',
      method: 'get',
      path: '/summits/{summitId}/claims',
      summary:
        'Logged claims, newest first, each with its first signed rebuttal and how long it took',
      tag: 'communiques',
      action: 'claim:read',
      params: SummitParams,
      response: { status: 200, schema: ClaimList },
      async handler({ actor, params }) {
        return { body: await communiques.listClaims(actor, params.summitId) };
      },
    }),
    // ── keys (COMM-2) ─────────────────────────────────────────────────
    route({
      operationId: 'rotateIssuerKey',
      method: 'post',
      path: '/summits/{summitId}/signing-keys/rotate',
      summary:
        'A new key for an issuer; the old one is retired (its documents stay valid) and its private part destroyed',
      tag: 'communiques',
      action: 'signing-key:manage',
      params: SummitParams,
      body: RotateIssuerKey,
      response: { status: 201, schema: PublicSigningKey },
      async handler({ actor, params, body }) {
        return { body: await communiques.rotateKey(actor, params.summitId, body.issuer) };
      },
    }),
    route({
      operationId: 'revokeIssuerKey',
      method: 'post',
      path: '/signing-keys/{keyId}/revoke',
      summary:
        'Revoke a key: nothing it signs from now on verifies; its issuer gets a fresh key at once',
      tag: 'communiques',
      action: 'signing-key:manage',
      params: KeyParams,
      response: { status: 200, schema: PublicSigningKey },
      async handler({ actor, params }) {
        return { body: await communiques.revokeKey(actor, params.keyId) };
      },
    }),
  ];
}

/** `GET /.well-known/majlis/keys.json`: every issuer key with its validity and revocation (COMM-2). */
export function wellKnownKeys(communiques: CommuniqueService): Router {
  const router = Router();
  router.get('/.well-known/majlis/keys.json', async (_req, res) => {
    const set: KeySet = KeySet.parse(await communiques.keySet());
    res.setHeader('Cache-Control', 'no-cache');
    // Anyone, anywhere checks communiqués against this: any origin may read it.
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Cross-Origin-Resource-Policy', 'cross-origin');
    res.json(set);
  });
  return router;
}
