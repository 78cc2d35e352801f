import { z } from 'zod';
import { Id, LanguageCode, Timestamp, Versioned } from './common.ts';
import { SafeText } from './text.ts';

/** Roles of people accredited to a summit (the organiser is an account, not a participant). */
export const ParticipantRole = z.enum([
  'chair',
  'head_of_delegation',
  'delegate',
  'adviser',
  'interpreter',
  'observer',
  'press',
  /** A delegation's press officer, or the secretariat's when it belongs to none (COMM-3). */
  'spokesperson',
]);
export type ParticipantRole = z.infer<typeof ParticipantRole>;

/** ACCESS-3: observers and press watch unseen; only the secretariat sees them listed. */
export const isHiddenRole = (role: ParticipantRole): boolean =>
  role === 'observer' || role === 'press';

/** Protocol rank, used for the optional protocol order of speakers (FLOOR-2). */
export const Rank = z.enum([
  'head_of_state',
  'head_of_government',
  'minister',
  'ambassador',
  'official',
]);
export type Rank = z.infer<typeof Rank>;

/** Roles that speak for a delegation and so must belong to one. */
export const DELEGATION_ROLES: readonly ParticipantRole[] = [
  'head_of_delegation',
  'delegate',
  'adviser',
];

export const ParticipantStatus = z.enum(['invited', 'active', 'revoked']);

const ParticipantFields = z.object({
  name: SafeText(1, 120),
  email: z.email().max(254).optional(),
  delegationId: Id.nullable().default(null),
  role: ParticipantRole,
  rank: Rank.default('official'),
  languages: z.array(LanguageCode).max(6).default([]),
  /** For interpreters: the booth (language they interpret into). */
  boothLanguage: LanguageCode.nullable().default(null),
});

export const ParticipantCreate = ParticipantFields.strip().superRefine((p, ctx) => {
  if (DELEGATION_ROLES.includes(p.role) && p.delegationId === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['delegationId'],
      message: `is required for the role ${p.role}`,
    });
  }
  if (p.role === 'interpreter' && p.boothLanguage === null) {
    ctx.addIssue({
      code: 'custom',
      path: ['boothLanguage'],
      message: 'is required for an interpreter',
    });
  }
});
export type ParticipantCreate = z.infer<typeof ParticipantCreate>;

export const Participant = ParticipantFields.extend({
  // Validated on the way in; on the way out it is just the stored text.
  email: z.string().optional(),
  id: Id,
  summitId: Id,
  status: ParticipantStatus,
  revokedAt: Timestamp.nullable(),
}).extend(Versioned.shape);
export type Participant = z.infer<typeof Participant>;
