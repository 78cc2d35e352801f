import type { Clock } from '../clock.ts';
import type { Logger } from '../logger.ts';
import type { PresenceService } from '../presence/presence.ts';
import type { RedisStore } from '../store/redis.ts';
import type { SummitService } from '../summits/service.ts';
import { Ballots } from './ballots.ts';
import { Counting } from './counting.ts';
import { MotionLifecycle } from './lifecycle.ts';
import { Motions } from './motions.ts';
import { VerifiableBallots } from './verifiable.ts';

/**
 * Motions and ballots (VOTE-1 … VOTE-7), as one object for HTTP, Socket.IO
 * and start-up. Closing is two steps: the motion is sealed (no ballot lands
 * after that commit), then the sealed box is counted and the result
 * published; a crash between the two is finished at start-up. No count
 * leaves before the second step: notices say only what state a motion is
 * in, and a delegation hears only that it has voted.
 */
export class VoteService {
  private readonly lifecycle: MotionLifecycle;
  private readonly counting: Counting;
  private readonly motions: Motions;
  private readonly ballots: Ballots;
  /** VOTE-8: encrypted ballots, trustees and the bulletin board. */
  readonly verifiable: VerifiableBallots;

  constructor(
    store: RedisStore,
    summits: SummitService,
    presence: PresenceService,
    clock: Clock,
    logger: Logger,
  ) {
    this.lifecycle = new MotionLifecycle({ store, clock });
    this.verifiable = new VerifiableBallots({ store, clock, logger }, summits, this.lifecycle);
    this.counting = new Counting({ store, clock, logger }, this.lifecycle, this.verifiable);
    this.motions = new Motions(
      { store, clock, presence },
      summits,
      this.lifecycle,
      this.counting,
      this.verifiable,
    );
    this.ballots = new Ballots(
      { store, clock, logger },
      summits,
      this.lifecycle,
      this.counting,
      this.verifiable,
    );
  }

  onChanged: MotionLifecycle['onChanged'] = (l) => this.lifecycle.onChanged(l);
  onRecorded: Ballots['onRecorded'] = (l) => this.ballots.onRecorded(l);

  view: Motions['view'] = (actor, motionId) => this.motions.view(actor, motionId);
  list: Motions['list'] = (actor, sessionId) => this.motions.list(actor, sessionId);
  create: Motions['create'] = (actor, sessionId, input) =>
    this.motions.create(actor, sessionId, input);
  open: Motions['open'] = (actor, motionId) => this.motions.open(actor, motionId);
  close: Motions['close'] = (actor, motionId) => this.motions.close(actor, motionId);

  cast: Ballots['cast'] = (actor, input) => this.ballots.cast(actor, input);
  checkReceipt: Ballots['checkReceipt'] = (actor, motionId, receipt) =>
    this.ballots.checkReceipt(actor, motionId, receipt);
  alternate: Ballots['alternate'] = (actor, delegationId) =>
    this.ballots.alternate(actor, delegationId);
  designate: Ballots['designate'] = (actor, delegationId, participantId) =>
    this.ballots.designate(actor, delegationId, participantId);

  /** After a start: count boxes sealed before a crash, re-arm silence deadlines. */
  resume(): Promise<void> {
    return this.counting.resume();
  }

  stop(): void {
    this.counting.stop();
  }
}
