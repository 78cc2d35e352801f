import { randomBytes } from 'node:crypto';
import type { Participant, Summit } from '@majlis/shared';
import {
  SIGN_IN_LINK_MINUTES,
  Timestamp,
  type LanguageCode,
  type RequestSignInLink,
} from '@majlis/shared';
import { z } from 'zod';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { titleIn } from '../mail/invitations.ts';
import type { Mailer } from '../mail/mailer.ts';
import { SIGN_IN_MAIL } from '../mail/words.ts';
import { keys } from '../store/keys.ts';
import type { RedisStore } from '../store/redis.ts';
import { ifExists, sha256 } from '../summits/common.ts';
import type { SummitService } from '../summits/service.ts';

/** A sign-in link as stored: never the token, only under its SHA-256. */
const StoredSignInLink = z.object({
  participantId: z.string(),
  expiresAt: Timestamp,
  version: z.literal(1),
});
type StoredSignInLink = z.infer<typeof StoredSignInLink>;

const TTL_SECONDS = SIGN_IN_LINK_MINUTES * 60;
const ALL = 100_000;

const invalidLink = () =>
  new AppError(
    'UNAUTHENTICATED',
    'This sign-in link is not valid: it may have expired or been used',
  );

/**
 * ACCT-1: participants sign in again by an e-mailed single-use link. The
 * answer to a request is the same whether or not the address is known, and
 * so is the work done before answering: every accreditation is read either
 * way, and the links are made and mailed after the answer.
 */
export class SignInLinks {
  constructor(
    private readonly deps: {
      store: RedisStore;
      clock: Clock;
      summits: SummitService;
      mailer: Mailer;
      logger: Logger;
    },
  ) {}

  /** Accreditations under this address that may still sign in, with their summits. */
  private async accreditedAs(
    email: string,
  ): Promise<{ participant: Participant; summit: Summit }[]> {
    const { store } = this.deps;
    const { members: summitIds } = await store.rangeByRank(keys.summits(), 0, ALL);
    const found: { participant: Participant; summit: Summit }[] = [];
    for (const summitId of summitIds) {
      const { members } = await store.rangeByRank(keys.summitParticipants(summitId), 0, ALL);
      const people = await this.deps.summits.participants(members);
      for (const participant of people) {
        // The invitation stays the first sign-in: only an accreditation already used gets a link.
        if (participant.status !== 'active' || participant.email?.toLowerCase() !== email) continue;
        found.push({ participant, summit: await this.deps.summits.getSummitRaw(summitId) });
      }
    }
    return found;
  }

  /** Reads, then hands the mailing to `afterAnswer` so the caller answers first. */
  async request(input: RequestSignInLink, origin: string): Promise<() => Promise<void>> {
    const found = await this.accreditedAs(input.email.toLowerCase());
    return async () => {
      for (const { participant, summit } of found) {
        try {
          await this.mail(participant, summit, input.lang, origin);
        } catch (err) {
          // The requester was already answered; the operator must see that no mail went.
          this.deps.logger.error({ err, participantId: participant.id }, 'sign-in link not mailed');
        }
      }
    };
  }

  private async mail(
    participant: Participant,
    summit: Summit,
    pageLang: LanguageCode | undefined,
    origin: string,
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = this.deps.clock.now().getTime();
    const link: StoredSignInLink = {
      participantId: participant.id,
      expiresAt: new Date(now + TTL_SECONDS * 1000).toISOString(),
      version: 1,
    };
    await this.deps.store.commit({
      checks: [],
      writes: [
        {
          op: 'set',
          key: keys.signInLink(sha256(token)),
          value: JSON.stringify(link),
          ttlSeconds: TTL_SECONDS,
        },
      ],
    });
    const lang: LanguageCode =
      participant.languages[0] ?? pageLang ?? summit.officialLanguages[0] ?? 'en';
    const title = titleIn(summit, lang);
    const words = SIGN_IN_MAIL[lang];
    // The token sits in the fragment: browsers never send it to a server in a URL or a Referer.
    const url = `${origin}/sign-in#token=${token}`;
    await this.deps.mailer.send({
      to: participant.email ?? '',
      subject: words.subject(title),
      text: words.body(participant.name, title, url, SIGN_IN_LINK_MINUTES),
      lang,
    });
  }

  /** Single use: the link's key is deleted by the commit that checks it, so one redemption lands. */
  async redeem(token: string): Promise<Participant> {
    const { store } = this.deps;
    const key = keys.signInLink(sha256(token));
    const raw = await store.get(key);
    if (raw === null) throw invalidLink();
    const link = StoredSignInLink.parse(JSON.parse(raw));
    // Redis expires the key in real time; the clock decides, so tests can move it.
    if (Date.parse(link.expiresAt) <= this.deps.clock.now().getTime()) throw invalidLink();
    const used = await store.commit({
      checks: [{ key, version: link.version }],
      writes: [{ op: 'del', key }],
    });
    if (used.status !== 'ok') throw invalidLink();
    const participant = await ifExists(this.deps.summits.getParticipant(link.participantId));
    if (participant === undefined || participant.status === 'revoked') throw invalidLink();
    return participant;
  }
}
