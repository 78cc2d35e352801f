import { z } from 'zod';
import { Id } from './common.ts';
import { SafeText } from './text.ts';
import { ParticipantRole } from './participant.ts';

export const Password = z.string().min(12, 'must be at least 12 characters').max(256);

export const Login = z
  .object({ email: z.email().max(254), password: z.string().min(1).max(256) })
  .strip();
export type Login = z.infer<typeof Login>;

export const SetupOrganiser = z
  .object({
    setupCode: z.string().trim().min(8).max(64),
    email: z.email().max(254),
    name: SafeText(1, 120),
    password: Password,
  })
  .strip();
export type SetupOrganiser = z.infer<typeof SetupOrganiser>;

/** Every role the authorization table knows: accounts and participants. */
export const Role = z.enum(['organiser', ...ParticipantRole.options]);
export type Role = z.infer<typeof Role>;

export const Me = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('organiser'),
    userId: Id,
    email: z.string(),
    name: z.string(),
    role: z.literal('organiser'),
  }),
  z.object({
    kind: z.literal('participant'),
    participantId: Id,
    summitId: Id,
    delegationId: Id.nullable(),
    name: z.string(),
    role: ParticipantRole,
  }),
]);
export type Me = z.infer<typeof Me>;
