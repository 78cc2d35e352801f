import {
  AlternateDesignation,
  BallotInput,
  BallotReceipt,
  DesignateAlternate,
  Id,
  Motion,
  MotionCreate,
  MotionList,
  MotionView,
  ReceiptCheck,
} from '@majlis/shared';
import { z } from 'zod';
import type { VoteService } from '../votes/service.ts';
import { route, type RouteDef } from './registry.ts';

const SessionParams = z.object({ sessionId: Id });
const MotionParams = z.object({ motionId: Id });
const DelegationParams = z.object({ delegationId: Id });
const ReceiptParams = z.object({
  motionId: Id,
  receipt: z.string().regex(/^[0-9A-F-]{24}$/, 'is not a receipt code'),
});

/**
 * Motions and ballots over HTTP (the same service as the `vote:*` Socket.IO
 * commands). No route returns a count before the motion closes (VOTE-6).
 */
export function voteRoutes(votes: VoteService): RouteDef[] {
  return [
    route({
      operationId: 'createMotion',
      method: 'post',
      path: '/sessions/{sessionId}/motions',
      summary: 'Draft a motion on an agenda item of the session (the secretariat or its chair)',
      tag: 'votes',
      action: 'motion:create',
      params: SessionParams,
      body: MotionCreate,
      response: { status: 201, schema: Motion },
      async handler({ actor, params, body }) {
        return { body: await votes.create(actor, params.sessionId, body) };
      },
    }),
    route({
      operationId: 'listMotions',
      method: 'get',
      path: '/sessions/{sessionId}/motions',
      summary: 'The session’s motions; results only for closed ones',
      tag: 'votes',
      action: 'motion:read',
      params: SessionParams,
      response: { status: 200, schema: MotionList },
      async handler({ actor, params }) {
        return { body: await votes.list(actor, params.sessionId) };
      },
    }),
    route({
      operationId: 'getMotion',
      method: 'get',
      path: '/motions/{motionId}',
      summary: 'A motion, and whether the caller’s delegation may cast and has voted',
      tag: 'votes',
      action: 'motion:read',
      params: MotionParams,
      response: { status: 200, schema: MotionView },
      async handler({ actor, params }) {
        return { body: await votes.view(actor, params.motionId) };
      },
    }),
    route({
      operationId: 'openMotion',
      method: 'post',
      path: '/motions/{motionId}/open',
      summary: 'Open the vote; refused without a quorum of voting delegations connected (VOTE-4)',
      tag: 'votes',
      action: 'vote:preside',
      params: MotionParams,
      response: { status: 200, schema: MotionView },
      async handler({ actor, params }) {
        return { body: await votes.open(actor, params.motionId) };
      },
    }),
    route({
      operationId: 'closeMotion',
      method: 'post',
      path: '/motions/{motionId}/close',
      summary: 'Close the vote: seal the box, count it and publish the result',
      tag: 'votes',
      action: 'vote:preside',
      params: MotionParams,
      response: { status: 200, schema: MotionView },
      async handler({ actor, params }) {
        return { body: await votes.close(actor, params.motionId) };
      },
    }),
    route({
      operationId: 'castBallot',
      method: 'post',
      path: '/motions/{motionId}/ballots',
      summary:
        'Cast the delegation’s one ballot (head of delegation or alternate); retries with the same ballotKey land once',
      tag: 'votes',
      action: 'vote:cast',
      params: MotionParams,
      body: BallotInput,
      response: { status: 200, schema: BallotReceipt },
      async handler({ actor, params, body }) {
        return { body: await votes.cast(actor, { motionId: params.motionId, ...body }) };
      },
    }),
    route({
      operationId: 'checkReceipt',
      method: 'get',
      path: '/motions/{motionId}/receipts/{receipt}',
      summary: 'Whether a secret ballot’s receipt was counted (known once the vote closed)',
      tag: 'votes',
      action: 'motion:read',
      params: ReceiptParams,
      response: { status: 200, schema: ReceiptCheck },
      async handler({ actor, params }) {
        return { body: await votes.checkReceipt(actor, params.motionId, params.receipt) };
      },
    }),
    route({
      operationId: 'getAlternate',
      method: 'get',
      path: '/delegations/{delegationId}/alternate',
      summary: 'The delegate designated to cast the delegation’s ballot besides its head',
      tag: 'votes',
      action: 'alternate:read',
      params: DelegationParams,
      response: { status: 200, schema: AlternateDesignation },
      async handler({ actor, params }) {
        return { body: await votes.alternate(actor, params.delegationId) };
      },
    }),
    route({
      operationId: 'designateAlternate',
      method: 'post',
      path: '/delegations/{delegationId}/alternate',
      summary: 'Designate (or clear, with null) the delegate who may cast the delegation’s ballot',
      tag: 'votes',
      action: 'vote:designate',
      params: DelegationParams,
      body: DesignateAlternate,
      response: { status: 200, schema: AlternateDesignation },
      async handler({ actor, params, body }) {
        return {
          body: await votes.designate(actor, params.delegationId, body.participantId),
        };
      },
    }),
  ];
}
