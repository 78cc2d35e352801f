import type { InvitationCreate, InvitationMailed, LanguageCode, Summit } from '@majlis/shared';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { Principal } from '../summits/principal.ts';
import type { SummitService } from '../summits/service.ts';
import type { Mailer } from './mailer.ts';
import { INVITATION_MAIL } from './words.ts';

/** The summit's title in `lang`, else in its first official language that has one. */
export function titleIn(summit: Summit, lang: LanguageCode): string {
  return (
    summit.title[lang] ??
    summit.officialLanguages.map((l) => summit.title[l]).find((t) => t !== undefined) ??
    ''
  );
}

/**
 * ACCT-1: the secretariat sends (or sends again) an invitation by mail, in
 * the participant's language; the link goes only to their address.
 */
export class InvitationMail {
  constructor(private readonly deps: { summits: SummitService; mailer: Mailer; logger: Logger }) {}

  async send(
    actor: Principal,
    participantId: string,
    input: InvitationCreate,
    origin: string,
  ): Promise<InvitationMailed> {
    const participant = await this.deps.summits.getParticipant(participantId);
    this.deps.summits.assertInSummit(actor, participant.summitId);
    const to = participant.email;
    if (to === undefined)
      throw new AppError('CONFLICT', 'This participant has no e-mail address to send it to');
    const summit = await this.deps.summits.getSummitRaw(participant.summitId);
    const created = await this.deps.summits.createInvitation(actor, participantId, input, origin);
    const lang: LanguageCode = participant.languages[0] ?? summit.officialLanguages[0] ?? 'en';
    const title = titleIn(summit, lang);
    const expires = new Intl.DateTimeFormat(lang, {
      dateStyle: 'full',
      timeStyle: 'short',
      // The summit's clock, named, since dateStyle may not be combined with timeZoneName.
      timeZone: summit.timeZone,
    }).format(new Date(created.expiresAt));
    const words = INVITATION_MAIL[lang];
    const until = `${expires} (${summit.timeZone})`;
    try {
      await this.deps.mailer.send({
        to,
        subject: words.subject(title),
        text: words.body(participant.name, title, created.url, until),
        lang,
      });
    } catch (err) {
      this.deps.logger.error({ err, participantId }, 'invitation not mailed');
      throw new AppError('SERVICE_UNAVAILABLE', 'The mail could not be sent; try again later');
    }
    return { id: created.id, participantId, expiresAt: created.expiresAt, to };
  }
}
