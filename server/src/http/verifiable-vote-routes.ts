import { BallotReceipt, Id } from '@majlis/shared';
import {
  Board,
  BoardBallot,
  DealingInput,
  EncryptedBallotInput,
  PartialInput,
  TransportKeyInput,
  TrusteeDesignation,
  TrusteeSetupView,
} from '@majlis/shared/ballots';
import { z } from 'zod';
import type { VoteService } from '../votes/service.ts';
import { AppError } from '../errors.ts';
import type { Principal } from '../summits/principal.ts';
import { route, type RouteDef } from './registry.ts';

/**
 * These routes name no action for the router's role gate: who may act is
 * "a trustee of this motion" or "the delegation's voter", which no role
 * says. The service checks the role table itself (motion:create,
 * motion:read, vote:cast) and then the trustee list or the cast rights.
 */
function signedIn(principal: Principal | undefined): Principal {
  if (principal === undefined) throw new AppError('UNAUTHENTICATED', 'Sign in first');
  return principal;
}

const MotionParams = z.object({ motionId: Id });
const BoardReceiptParams = z.object({
  motionId: Id,
  receipt: z.string().regex(/^[0-9a-f]{64}$/, 'is not a ballot receipt'),
});

/**
 * VOTE-8 over HTTP: naming trustees, their key generation and partial
 * decryptions, encrypted ballots, and the bulletin board. Every body is
 * parsed by the shared schemas; every proof is checked by the same shared
 * code the devices and the verifier run.
 */
export function verifiableVoteRoutes(votes: VoteService): RouteDef[] {
  const v = votes.verifiable;
  return [
    route({
      operationId: 'nameTrustees',
      method: 'post',
      path: '/motions/{motionId}/trustees',
      summary: 'Make a draft secret motion verifiable: name its three trustees (threshold 2)',
      tag: 'votes',
      params: MotionParams,
      body: TrusteeDesignation,
      response: { status: 201, schema: TrusteeSetupView },
      async handler({ principal, params, body }) {
        return { status: 201, body: await v.designate(signedIn(principal), params.motionId, body) };
      },
    }),
    route({
      operationId: 'getTrustees',
      method: 'get',
      path: '/motions/{motionId}/trustees',
      summary: 'The trustees’ key generation: transport keys, dealings (sealed shares), joint key',
      tag: 'votes',
      params: MotionParams,
      response: { status: 200, schema: TrusteeSetupView },
      async handler({ principal, params }) {
        return { body: await v.view(signedIn(principal), params.motionId) };
      },
    }),
    route({
      operationId: 'registerTransportKey',
      method: 'post',
      path: '/motions/{motionId}/trustees/transport-key',
      summary: 'A trustee’s device registers the public key its shares are sealed to',
      tag: 'votes',
      params: MotionParams,
      body: TransportKeyInput,
      response: { status: 200, schema: TrusteeSetupView },
      async handler({ principal, params, body }) {
        return { body: await v.register(signedIn(principal), params.motionId, body.transportKey) };
      },
    }),
    route({
      operationId: 'postDealing',
      method: 'post',
      path: '/motions/{motionId}/trustees/dealing',
      summary: 'A trustee’s commitments, knowledge proof and sealed shares (Feldman VSS)',
      tag: 'votes',
      params: MotionParams,
      body: DealingInput,
      response: { status: 200, schema: TrusteeSetupView },
      async handler({ principal, params, body }) {
        return { body: await v.deal(signedIn(principal), params.motionId, body.dealing) };
      },
    }),
    route({
      operationId: 'acknowledgeShares',
      method: 'post',
      path: '/motions/{motionId}/trustees/acknowledgement',
      summary: 'A trustee’s device found every share it received consistent with its commitments',
      tag: 'votes',
      params: MotionParams,
      response: { status: 200, schema: TrusteeSetupView },
      async handler({ principal, params }) {
        return { body: await v.acknowledge(signedIn(principal), params.motionId) };
      },
    }),
    route({
      operationId: 'postPartialDecryption',
      method: 'post',
      path: '/motions/{motionId}/trustees/partial-decryption',
      summary:
        'A trustee’s partial decryption of the sealed totals, with its proofs; refused if wrong',
      tag: 'votes',
      params: MotionParams,
      body: PartialInput,
      response: { status: 200, schema: TrusteeSetupView },
      async handler({ principal, params, body }) {
        return { body: await v.decrypt(signedIn(principal), params.motionId, body.partial) };
      },
    }),
    route({
      operationId: 'castEncryptedBallot',
      method: 'post',
      path: '/motions/{motionId}/encrypted-ballots',
      summary: 'Cast the delegation’s one encrypted ballot; its proofs are checked before it lands',
      tag: 'votes',
      params: MotionParams,
      body: EncryptedBallotInput,
      response: { status: 200, schema: BallotReceipt },
      async handler({ principal, params, body }) {
        return { body: await v.cast(signedIn(principal), params.motionId, body.ballot) };
      },
    }),
    route({
      operationId: 'exportBoard',
      method: 'get',
      path: '/motions/{motionId}/board',
      summary: 'The bulletin board once the vote is closed: everything `verify-ballot` checks',
      tag: 'votes',
      params: MotionParams,
      response: { status: 200, schema: Board },
      async handler({ principal, params }) {
        return { body: await v.board(signedIn(principal), params.motionId) };
      },
    }),
    route({
      operationId: 'getBoardBallot',
      method: 'get',
      path: '/motions/{motionId}/board/{receipt}',
      summary:
        'One ballot on the board, by its receipt (a voter checking their own during the vote)',
      tag: 'votes',
      params: BoardReceiptParams,
      response: { status: 200, schema: BoardBallot },
      async handler({ principal, params }) {
        return {
          body: await v.ballotByReceipt(signedIn(principal), params.motionId, params.receipt),
        };
      },
    }),
  ];
}
