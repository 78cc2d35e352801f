import {
  Motion,
  mediaIdentityOf,
  presides,
  turnoutOf,
  type ChairMuteRequest,
  type ChairMuted,
  type Turnout,
} from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { MediaGateway } from '../media/gateway.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { decided, recordBody } from '../summits/common.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
import { lifecycleActorOf } from './lifecycle.ts';

/**
 * The chair's tools beside the floor (MEET-3): muting anyone at the SFU and
 * the live turnout of an open vote. The agenda item, the limits and the
 * expiry policy are floor commands (`setAgendaItem`, `setPolicy`).
 */
export class ChairTools {
  private readonly mutedListeners: ((muted: ChairMuted) => void)[] = [];

  constructor(
    private readonly store: RedisStore,
    private readonly summits: SummitService,
    private readonly media: MediaGateway,
    private readonly clock: Clock,
  ) {}

  onMuted(listener: (muted: ChairMuted) => void): void {
    this.mutedListeners.push(listener);
  }

  /**
   * MEET-3: LiveKit mutes the track itself, so listeners stop hearing it
   * whatever the person's own client does. Unmuting is theirs again, and the
   * SFU still lets them only while their role and the floor allow (MEET-1).
   */
  async mute(principal: Principal, input: ChairMuteRequest): Promise<ChairMuted> {
    const session = await this.summits.getSession(principal, input.sessionId);
    if (!presides(lifecycleActorOf(principal), session))
      throw new AppError('FORBIDDEN', 'Only the chair of this session may mute others');
    const target = await this.summits.getParticipant(input.participantId);
    if (target.summitId !== session.summitId)
      throw new AppError('NOT_FOUND', 'Participant not found');
    const muted = await this.media.muteSource(
      session.roomName,
      mediaIdentityOf({ kind: 'participant', id: target.id }),
      input.source,
    );
    if (!muted)
      throw new AppError('CONFLICT', `This person publishes no ${input.source} in the room`);
    const at = this.clock.now().toISOString();
    // The SFU acted first: the record states what happened, not what was asked.
    await transact(this.store, () =>
      Promise.resolve({
        tx: { checks: [], writes: [] },
        record: {
          scope: session.summitId,
          body: recordBody(
            principal,
            'session.muted',
            { type: 'session', id: session.id },
            { participantId: target.id, source: input.source },
            at,
          ),
        },
      }),
    );
    const notice: ChairMuted = {
      sessionId: session.id,
      participantId: target.id,
      source: input.source,
    };
    for (const l of this.mutedListeners) l(notice);
    return notice;
  }

  /** MEET-3, VOTE-6: for the presiding officer only; counts, never choices. */
  async turnout(principal: Principal, motionId: string): Promise<Turnout> {
    const motion = await this.motion(motionId);
    const session = await this.summits.getSession(principal, motion.sessionId);
    if (!presides(lifecycleActorOf(principal), session))
      throw new AppError('FORBIDDEN', 'Only the chair of this session sees the turnout');
    return this.count(motion);
  }

  /** The turnout of a motion by id, for the broadcast after each ballot; undefined when sealed. */
  async turnoutNotice(
    motionId: string,
  ): Promise<{ turnout: Turnout; chairId: string | null } | undefined> {
    const motion = await this.motion(motionId);
    const session = await this.summits.getSessionUnchecked(motion.sessionId);
    try {
      return { turnout: await this.count(motion), chairId: session.chairId };
    } catch (err) {
      if (err instanceof AppError && err.code === 'CONFLICT') return undefined;
      throw err;
    }
  }

  private async motion(motionId: string): Promise<Motion> {
    const raw = await this.store.get(keys.motion(motionId));
    if (raw === null) throw new AppError('NOT_FOUND', 'Motion not found');
    return Motion.parse(JSON.parse(raw));
  }

  private async count(motion: Motion): Promise<Turnout> {
    // Recorded votes keep a roll, secret ballots a bare set of who voted: either counts the same.
    const [eligible, voted] = await Promise.all([
      this.store.members(keys.motionEligible(motion.id)),
      motion.ballot === 'recorded'
        ? this.store.hashAll(keys.motionRoll(motion.id)).then(Object.keys)
        : this.store.members(keys.motionVoted(motion.id)),
    ]);
    return decided(turnoutOf(motion, { voted: voted.length, eligible: eligible.length }));
  }
}
