import type {
  AgendaItem,
  DelegationKind,
  ParticipantRole,
  Rank,
  SessionKind,
  SummitStatus,
} from '@majlis/shared';
import { CLDR_NAMED_ORGANISATIONS, type ORGANISATION_CODES } from '@majlis/shared';
import type { MessageKey } from '../i18n/index.ts';

/*
 * The words for each value of the shared enums. Full records: a new value in
 * shared/ fails the build here until it has words in every catalogue.
 */

export const SESSION_KIND_WORDS: Readonly<Record<SessionKind, MessageKey>> = {
  plenary: 'sessionKind.plenary',
  closed: 'sessionKind.closed',
  bilateral: 'sessionKind.bilateral',
  press_briefing: 'sessionKind.press_briefing',
};

export const AGENDA_KIND_WORDS: Readonly<Record<AgendaItem['kind'], MessageKey>> = {
  opening: 'agendaKind.opening',
  statements: 'agendaKind.statements',
  debate: 'agendaKind.debate',
  vote: 'agendaKind.vote',
  closing: 'agendaKind.closing',
  break: 'agendaKind.break',
};

export const ROLE_WORDS: Readonly<Record<ParticipantRole, MessageKey>> = {
  chair: 'role.chair',
  head_of_delegation: 'role.head_of_delegation',
  delegate: 'role.delegate',
  adviser: 'role.adviser',
  interpreter: 'role.interpreter',
  observer: 'role.observer',
  press: 'role.press',
  spokesperson: 'role.spokesperson',
};

export const RANK_WORDS: Readonly<Record<Rank, MessageKey>> = {
  head_of_state: 'rank.head_of_state',
  head_of_government: 'rank.head_of_government',
  minister: 'rank.minister',
  ambassador: 'rank.ambassador',
  official: 'rank.official',
};

export const PARTICIPANT_STATUS_WORDS: Readonly<
  Record<'invited' | 'active' | 'revoked', MessageKey>
> = {
  invited: 'participantStatus.invited',
  active: 'participantStatus.active',
  revoked: 'participantStatus.revoked',
};

export const SUMMIT_STATUS_WORDS: Readonly<Record<SummitStatus, MessageKey>> = {
  draft: 'summitStatus.draft',
  scheduled: 'summitStatus.scheduled',
  live: 'summitStatus.live',
  closed: 'summitStatus.closed',
};

export const DELEGATION_KIND_WORDS: Readonly<Record<DelegationKind, MessageKey>> = {
  state: 'delegationKind.state',
  organisation: 'delegationKind.organisation',
};

export type OrganisationCode = (typeof ORGANISATION_CODES)[number];

/**
 * Organisations CLDR does not name, in our catalogues so the picker reads in
 * the reader's language. EU and UN come from `Intl.DisplayNames` instead.
 */
export const ORGANISATION_WORDS: Readonly<
  Record<Exclude<OrganisationCode, 'EU' | 'UN'>, MessageKey>
> = {
  AU: 'organisation.AU',
  LAS: 'organisation.LAS',
  ASEAN: 'organisation.ASEAN',
  OIC: 'organisation.OIC',
  GCC: 'organisation.GCC',
  OAS: 'organisation.OAS',
  CELAC: 'organisation.CELAC',
  NATO: 'organisation.NATO',
  OSCE: 'organisation.OSCE',
  WHO: 'organisation.WHO',
  IMF: 'organisation.IMF',
  WB: 'organisation.WB',
};

export function isCldrNamedOrganisation(code: string): code is 'EU' | 'UN' {
  return CLDR_NAMED_ORGANISATIONS.has(code);
}
