import { Claim, type ClaimCreate, type ClaimList } from '@majlis/shared';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import { newId } from '../summits/common.ts';
import { actorOf, type Principal } from '../summits/principal.ts';
import type { CommuniqueDeps } from './common.ts';

/** Claims to rebut (COMM-5): logged with when they were seen, listed for the desk. */
export class Claims {
  constructor(private readonly deps: CommuniqueDeps) {}

  async logClaim(actor: Principal, summitId: string, input: ClaimCreate): Promise<Claim> {
    await this.deps.summits.getSummit(actor, summitId);
    const now = this.deps.clock.now();
    const claim: Claim = {
      ...input,
      id: newId(),
      summitId,
      loggedAt: now.toISOString(),
      loggedBy: actorOf(actor).id,
      rebuttal: null,
      version: 1,
    };
    await transact(this.deps.store, () =>
      Promise.resolve({
        tx: {
          checks: [{ key: keys.claim(claim.id), absent: true as const }],
          writes: [
            { op: 'set', key: keys.claim(claim.id), value: JSON.stringify(claim) },
            {
              op: 'zadd',
              key: keys.summitClaims(summitId),
              score: now.getTime(),
              member: claim.id,
            },
          ],
        },
        record: {
          scope: summitId,
          body: {
            at: claim.loggedAt,
            actor: actorOf(actor),
            act: 'claim.logged',
            subject: { type: 'claim', id: claim.id },
            changes: {
              seenAt: claim.seenAt,
              firstSeenAt: claim.firstSeenAt,
              language: claim.language,
            },
          },
        },
      }),
    );
    return claim;
  }

  async listClaims(actor: Principal, summitId: string): Promise<ClaimList> {
    await this.deps.summits.getSummit(actor, summitId);
    const { members } = await this.deps.store.rangeByRank(keys.summitClaims(summitId), 0, 10_000);
    const raws = await this.deps.store.mget(members.map(keys.claim));
    return {
      items: raws
        .filter((r): r is string => r !== null)
        .map((r) => Claim.parse(JSON.parse(r)))
        .reverse(),
    };
  }
}
