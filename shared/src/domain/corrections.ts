import { z } from 'zod';
import { Dependant } from '../errors.ts';
import { Id, LanguageCode, LocalizedText, Timestamp } from './common.ts';
import { SafeText } from './text.ts';
import { allow, refuse, type Decision } from './decision.ts';
import { Delegation, DelegationCreate } from './delegation.ts';
import { ParticipantCreate, ParticipantRole, Rank, type Participant } from './participant.ts';
import { SessionCreate, type Session } from './session.ts';

/**
 * ACCT-3: the secretariat corrects what it created. Each correction is the
 * current entity merged with the change and checked by the same rules as a
 * creation, so a correction can never make what a creation could not.
 */

/** A session's kind and summit stay; everything a secretariat schedules may change. */
export const SessionUpdate = z
  .object({
    title: LocalizedText.optional(),
    startsAt: Timestamp.optional(),
    endsAt: Timestamp.optional(),
    chairId: Id.nullable().optional(),
    interpretationLanguages: z.array(LanguageCode).max(6).optional(),
    delegationIds: z.array(Id).max(300).optional(),
  })
  .strip();
export type SessionUpdate = z.infer<typeof SessionUpdate>;

/** A delegation's kind stays (a state does not become an organisation); its code may be corrected. */
export const DelegationUpdate = z
  .object({
    code: Delegation.shape.code.optional(),
    name: LocalizedText.optional(),
    votingRights: z.boolean().optional(),
  })
  .strip();
export type DelegationUpdate = z.infer<typeof DelegationUpdate>;

export const ParticipantUpdate = z
  .object({
    name: SafeText(1, 120).optional(),
    email: z.email().max(254).optional(),
    delegationId: Id.nullable().optional(),
    role: ParticipantRole.optional(),
    rank: Rank.optional(),
    languages: z.array(LanguageCode).max(6).optional(),
    boothLanguage: LanguageCode.nullable().optional(),
  })
  .strip();
export type ParticipantUpdate = z.infer<typeof ParticipantUpdate>;

type Invalid = Decision<never, 'INVALID_PAYLOAD'>;

function invalid(error: z.ZodError): Invalid {
  const issues = error.issues.map((i) => ({
    path: i.path.join('.') || '(body)',
    message: i.message,
  }));
  return refuse('INVALID_PAYLOAD', issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues);
}

/** Drops keys whose value is undefined, so a merge never erases a field. */
const given = <T extends object>(input: T): Partial<T> =>
  Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) as Partial<T>;

export function decideSessionUpdate(
  current: Session,
  input: SessionUpdate,
  at: string,
): Decision<Session, 'INVALID_PAYLOAD'> {
  const merged = { ...current, ...given(input) };
  const checked = SessionCreate.safeParse(merged);
  if (!checked.success) return invalid(checked.error);
  return allow({ ...merged, ...checked.data, version: current.version + 1, updatedAt: at });
}

export function decideDelegationUpdate(
  current: Delegation,
  input: DelegationUpdate,
  at: string,
): Decision<Delegation, 'INVALID_PAYLOAD'> {
  const merged = { ...current, ...given(input) };
  const checked = DelegationCreate.safeParse(merged);
  if (!checked.success) return invalid(checked.error);
  return allow({ ...merged, ...checked.data, version: current.version + 1, updatedAt: at });
}

/**
 * A revoked accreditation is archived: it is not corrected back to life.
 * A chair who still chairs sessions keeps the role until the sessions get
 * another chair.
 */
export function decideParticipantUpdate(
  current: Participant,
  input: ParticipantUpdate,
  chairedSessions: number,
  at: string,
): Decision<Participant, 'INVALID_PAYLOAD' | 'CONFLICT'> {
  if (current.status === 'revoked')
    return refuse('CONFLICT', 'A revoked accreditation cannot be changed');
  const merged = { ...current, ...given(input) };
  const checked = ParticipantCreate.safeParse(merged);
  if (!checked.success) return invalid(checked.error);
  if (current.role === 'chair' && merged.role !== 'chair' && chairedSessions > 0)
    return refuse(
      'CONFLICT',
      `This participant chairs ${chairedSessions} session(s); give them another chair first`,
    );
  return allow({ ...merged, ...checked.data, version: current.version + 1, updatedAt: at });
}

/** What a deletion must not orphan, counted by the server; those with a count are the refusal. */
export function blockingDependants(
  counts: Readonly<Partial<Record<Dependant['kind'], number>>>,
): Dependant[] {
  return Dependant.shape.kind.options.flatMap((kind) => {
    const count = counts[kind] ?? 0;
    return count > 0 ? [{ kind, count }] : [];
  });
}

/** The one sentence a refused deletion carries besides its typed dependants. */
export function dependantsMessage(what: string, dependants: readonly Dependant[]): string {
  const parts = dependants.map((d) => `${d.count} ${d.kind.replaceAll('_', ' ')}`);
  return `This ${what} cannot be deleted while it has ${parts.join(', ')}`;
}
