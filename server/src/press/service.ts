import { randomBytes } from 'node:crypto';
import {
  PressBriefing,
  PressError,
  applyPress,
  emptyBriefing,
  type AskQuestion,
  type PickQuestion,
  type PressCommand,
  type PressEvent,
  type PressView,
  type Session,
} from '@majlis/shared';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { MediaAccess } from '../media/access.ts';
import { keys } from '../store/keys.ts';
import { transact } from '../store/record.ts';
import type { RedisStore } from '../store/redis.ts';
import { actorOf, type Principal } from '../summits/principal.ts';
import type { SummitReader } from '../summits/reader.ts';

export type PressSummits = Pick<SummitReader, 'getSession'>;

/**
 * Press briefings (PRESS-1): the question queue under the pure rules in
 * shared/, one commit per act with its record entry (questions and who
 * asked them), then the picked journalist's LiveKit permission pushed so
 * the SFU itself opens and closes their microphone.
 */
export class PressService {
  private readonly changed: ((view: PressView) => void)[] = [];

  constructor(
    private readonly store: RedisStore,
    private readonly summits: PressSummits,
    private readonly access: Pick<MediaAccess, 'refreshPermissions'>,
    private readonly clock: Clock,
    private readonly logger: Logger,
  ) {}

  onChanged(listener: (view: PressView) => void): void {
    this.changed.push(listener);
  }

  private async briefingSession(actor: Principal, sessionId: string): Promise<Session> {
    const session = await this.summits.getSession(actor, sessionId);
    if (session.kind !== 'press_briefing')
      throw new AppError('NOT_FOUND', 'This session is not a press briefing');
    return session;
  }

  private async load(sessionId: string): Promise<PressBriefing | null> {
    const raw = await this.store.get(keys.sessionPress(sessionId));
    return raw === null ? null : PressBriefing.parse(JSON.parse(raw));
  }

  async view(actor: Principal, sessionId: string): Promise<PressView> {
    await this.briefingSession(actor, sessionId);
    return { briefing: (await this.load(sessionId)) ?? emptyBriefing(sessionId) };
  }

  async ask(actor: Principal, input: AskQuestion): Promise<PressView> {
    const session = await this.briefingSession(actor, input.sessionId);
    if (actor.kind !== 'participant' || actor.role !== 'press')
      throw new AppError('FORBIDDEN', 'Only accredited press ask questions');
    return this.act(actor, session, {
      type: 'ask',
      questionId: randomBytes(16).toString('base64url'),
      journalistId: actor.participant.id,
      text: input.text,
      language: input.language,
    });
  }

  async withdraw(actor: Principal, sessionId: string): Promise<PressView> {
    const session = await this.briefingSession(actor, sessionId);
    if (actor.kind !== 'participant' || actor.role !== 'press')
      throw new AppError('FORBIDDEN', 'Only the press withdraw their questions');
    return this.act(actor, session, { type: 'withdraw', journalistId: actor.participant.id });
  }

  /** The spokesperson or this session's chair picks; anyone else is refused. */
  private assertModerates(actor: Principal, session: Session): void {
    const ok =
      actor.kind === 'participant' &&
      (actor.role === 'spokesperson' ||
        (actor.role === 'chair' && session.chairId === actor.participant.id));
    if (!ok)
      throw new AppError('FORBIDDEN', 'The spokesperson or the chair runs the press questions');
  }

  async pick(actor: Principal, input: PickQuestion): Promise<PressView> {
    const session = await this.briefingSession(actor, input.sessionId);
    this.assertModerates(actor, session);
    return this.act(actor, session, { type: 'pick', questionId: input.questionId });
  }

  async end(actor: Principal, sessionId: string): Promise<PressView> {
    const session = await this.briefingSession(actor, sessionId);
    this.assertModerates(actor, session);
    return this.act(actor, session, { type: 'end' });
  }

  private async act(actor: Principal, session: Session, command: PressCommand): Promise<PressView> {
    let result: { briefing: PressBriefing; event: PressEvent } | undefined;
    const key = keys.sessionPress(session.id);
    await transact(
      this.store,
      async () => {
        const current = await this.load(session.id);
        try {
          result = applyPress(current ?? emptyBriefing(session.id), command, this.clock.now());
        } catch (err) {
          if (err instanceof PressError) throw new AppError(err.code, err.message);
          throw err;
        }
        const { briefing, event } = result;
        return {
          tx: {
            checks: [
              current === null ? { key, absent: true as const } : { key, version: current.version },
            ],
            writes: [{ op: 'set' as const, key, value: JSON.stringify(briefing) }],
          },
          record: {
            scope: session.summitId,
            body: {
              at: this.clock.now().toISOString(),
              actor: actorOf(actor),
              act: `press.question.${event.type}`,
              subject: { type: 'press-question', id: event.question.id },
              changes: {
                sessionId: session.id,
                journalistId: event.question.journalistId,
                ...(event.type === 'asked'
                  ? { text: event.question.text, language: event.question.language }
                  : {}),
              },
            },
          },
        };
      },
      { retryConflicts: true },
    );
    if (result === undefined) throw new Error('press act produced nothing');
    const { briefing, event } = result;
    // The SFU follows: the picked journalist gets a visible microphone, and loses it at the end.
    if (event.type === 'picked' || event.type === 'ended')
      await this.access.refreshPermissions(session, [event.question.journalistId]);
    const view: PressView = { briefing };
    for (const l of this.changed) {
      try {
        l(view);
      } catch (err) {
        this.logger.error({ err }, 'press listener failed');
      }
    }
    return view;
  }
}
