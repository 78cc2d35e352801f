import { z } from 'zod';
import { Id, LanguageCode, LocalizedText, TimeZone, Timestamp, Versioned } from './common.ts';
import { DelegationCode, ORGANISATION_CODES } from './delegation.ts';
import { isStateCode } from './states.ts';

export const SummitStatus = z.enum(['draft', 'scheduled', 'live', 'closed']);
export type SummitStatus = z.infer<typeof SummitStatus>;

/** Allowed status moves: forward only, one step, except draft may be closed (cancelled). */
export const SUMMIT_TRANSITIONS: Readonly<Record<SummitStatus, readonly SummitStatus[]>> = {
  draft: ['scheduled', 'closed'],
  scheduled: ['live', 'draft', 'closed'],
  live: ['closed'],
  closed: [],
};

const SummitFields = z.object({
  title: LocalizedText,
  host: DelegationCode.refine(
    // ACCT-4: a host is a state (not a territory such as AQ) or a listed organisation.
    (c) => isStateCode(c) || (ORGANISATION_CODES as readonly string[]).includes(c),
    {
      message: 'must be the ISO 3166-1 alpha-2 code of a state or a listed organisation code',
    },
  ).describe('ISO 3166-1 alpha-2 code of the host state, or an organisation code'),
  timeZone: TimeZone,
  startsAt: Timestamp,
  endsAt: Timestamp,
  officialLanguages: z.array(LanguageCode).min(1).max(6),
});

const endsAfterStart = (s: { startsAt?: string | undefined; endsAt?: string | undefined }) =>
  s.startsAt === undefined ||
  s.endsAt === undefined ||
  Date.parse(s.endsAt) > Date.parse(s.startsAt);

export const SummitCreate = SummitFields.strip().refine(endsAfterStart, {
  message: 'must be after startsAt',
  path: ['endsAt'],
});
export type SummitCreate = z.infer<typeof SummitCreate>;

export const SummitUpdate = SummitFields.partial()
  .extend({ status: SummitStatus.optional() })
  .strip()
  .refine(endsAfterStart, { message: 'must be after startsAt', path: ['endsAt'] });
export type SummitUpdate = z.infer<typeof SummitUpdate>;

export const Summit = SummitFields.extend({ id: Id, status: SummitStatus }).extend(Versioned.shape);
export type Summit = z.infer<typeof Summit>;
