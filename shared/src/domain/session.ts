import { z } from 'zod';
import { Id, LanguageCode, LocalizedText, Timestamp, Versioned } from './common.ts';

/** plenary and press_briefing are public; closed and bilateral are private and end-to-end encrypted. */
export const SessionKind = z.enum(['plenary', 'closed', 'bilateral', 'press_briefing']);
export type SessionKind = z.infer<typeof SessionKind>;

export const isPublicSession = (kind: SessionKind): boolean =>
  kind === 'plenary' || kind === 'press_briefing';

const SessionFields = z.object({
  kind: SessionKind,
  title: LocalizedText,
  startsAt: Timestamp,
  endsAt: Timestamp,
  chairId: Id.nullable().default(null),
  interpretationLanguages: z.array(LanguageCode).max(6).default([]),
  /**
   * Delegations admitted to a closed or bilateral session (a bilateral has
   * exactly two). Empty for a closed session means every delegation.
   */
  delegationIds: z.array(Id).max(300).default([]),
});

export const SessionCreate = SessionFields.strip().superRefine((s, ctx) => {
  if (Date.parse(s.endsAt) <= Date.parse(s.startsAt)) {
    ctx.addIssue({ code: 'custom', path: ['endsAt'], message: 'must be after startsAt' });
  }
  if (s.kind === 'bilateral' && new Set(s.delegationIds).size !== 2) {
    ctx.addIssue({
      code: 'custom',
      path: ['delegationIds'],
      message: 'a bilateral session has exactly two delegations',
    });
  }
  if (isPublicSession(s.kind) && s.delegationIds.length > 0) {
    ctx.addIssue({
      code: 'custom',
      path: ['delegationIds'],
      message: 'only closed and bilateral sessions restrict delegations',
    });
  }
});
export type SessionCreate = z.infer<typeof SessionCreate>;

export const Session = SessionFields.extend({
  id: Id,
  summitId: Id,
  /** Derived from the id by the server; never chosen by a user. */
  roomName: z.string(),
}).extend(Versioned.shape);
export type Session = z.infer<typeof Session>;

export const roomNameOf = (sessionId: string): string => `session-${sessionId}`;
