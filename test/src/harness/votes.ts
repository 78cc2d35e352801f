import { randomBytes } from 'node:crypto';
import { STATE_CODES as STATES } from '@majlis/shared';
import type { RunningApp } from './app.ts';
import {
  organiserClient,
  participantClient,
  sessionInput,
  summitInput,
  type ApiClient,
} from './api.ts';
import type { LiveKitInfo } from './services.ts';
import { deliverPresence } from './presence.ts';

/** The current states (ACCT-4): enough for 193 delegations. */
export const STATE_CODES: readonly string[] = STATES;

export interface Person {
  client: ApiClient;
  id: string;
}
export interface VotingDelegation {
  id: string;
  code: string;
  head: Person;
}
export interface VoteWorld {
  org: ApiClient;
  summitId: string;
  sessionId: string;
  agendaItemId: string;
  chair: Person;
  observer: Person;
  delegations: VotingDelegation[];
}

/** Runs `work` over `items` with at most `limit` in flight. */
export async function inBatches<T, R>(
  items: readonly T[],
  limit: number,
  work: (item: T, i: number) => Promise<R>,
): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      for (;;) {
        const i = next++;
        if (i >= items.length) return;
        out[i] = await work(items[i] as T, i);
      }
    }),
  );
  return out;
}

/**
 * A summit with one plenary, a chair, an observer and `n` delegations with
 * voting rights, each with a signed-in head of delegation.
 */
export async function buildVoteWorld(app: RunningApp, n: number): Promise<VoteWorld> {
  const org = await organiserClient(app);
  const summitId = (await org.post('/summits', summitInput())).body.id as string;
  const person = async (input: Record<string, unknown>): Promise<Person> => {
    const { client, participant } = await participantClient(org, summitId, input);
    return { client, id: participant.id as string };
  };
  const chair = await person({ name: 'Chair', role: 'chair' });
  const observer = await person({ name: 'Observer', role: 'observer' });
  const sessionId = (
    await org.post(`/summits/${summitId}/sessions`, sessionInput({ chairId: chair.id }))
  ).body.id as string;
  const agendaItemId = (
    await org.post(`/sessions/${sessionId}/agenda-items`, {
      title: { en: 'Draft resolution L.1' },
      kind: 'vote',
      allottedMinutes: 30,
    })
  ).body.id as string;
  const delegations = await inBatches(STATE_CODES.slice(0, n), 8, async (code) => {
    const d = await org.post(`/summits/${summitId}/delegations`, {
      kind: 'state',
      code,
      votingRights: true,
    });
    if (d.status !== 201) throw new Error(`delegation ${code}: ${JSON.stringify(d.body)}`);
    const head = await person({
      name: `Head ${code}`,
      role: 'head_of_delegation',
      delegationId: d.body.id,
    });
    return { id: d.body.id as string, code, head };
  });
  return { org, summitId, sessionId, agendaItemId, chair, observer, delegations };
}

/** Connects the given heads to the session's room as far as presence is concerned. */
export function connectHeads(
  app: RunningApp,
  livekit: LiveKitInfo,
  world: VoteWorld,
  delegations: readonly VotingDelegation[],
  event: 'participant_joined' | 'participant_left' = 'participant_joined',
): Promise<void> {
  return deliverPresence(
    app.baseUrl,
    livekit,
    world.sessionId,
    delegations.map((d) => d.head.id),
    event,
  );
}

export async function createMotion(
  world: VoteWorld,
  input: Record<string, unknown> = {},
): Promise<string> {
  const r = await world.chair.client.post(`/sessions/${world.sessionId}/motions`, {
    agendaItemId: world.agendaItemId,
    text: { en: 'The Assembly adopts the charter.', fr: 'L’Assemblée adopte la charte.' },
    majority: 'simple',
    ballot: 'recorded',
    ...input,
  });
  if (r.status !== 201) throw new Error(`createMotion: ${JSON.stringify(r.body)}`);
  return r.body.id as string;
}

export const ballotKey = (): string => randomBytes(18).toString('base64url');
