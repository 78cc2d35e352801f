import {
  AgendaItem,
  Delegation,
  InvitationCreated,
  Participant,
  Session,
  Summit,
  pageOf,
  type AgendaItemCreate,
  type Page,
  type AgendaItemUpdate,
  type DelegationCreate,
  type InvitationCreate,
  type LanguageCode,
  type ParticipantCreate,
  type SessionCreate,
  type SummitCreate,
} from '@majlis/shared';
import { API_BASE, request, type Schema } from './http.ts';

/** The server's largest page; lists here are small, so every page is read. */
const PAGE_SIZE = 200;

async function listAll<T>(page: Schema<Page<T>>, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ limit: String(PAGE_SIZE) });
    if (cursor !== null) query.set('cursor', cursor);
    const reply = await request(page, `${path}?${query.toString()}`);
    items.push(...reply.items);
    cursor = reply.nextCursor;
  } while (cursor !== null);
  return items;
}

const SummitPage = pageOf(Summit);
const SessionPage = pageOf(Session);
const AgendaPage = pageOf(AgendaItem);
const DelegationPage = pageOf(Delegation);
const ParticipantPage = pageOf(Participant);

const id = (value: string) => encodeURIComponent(value);

// ── summits ─────────────────────────────────────────────────────────────
export const listSummits = () => listAll(SummitPage, '/summits');
export const getSummit = (summitId: string) => request(Summit, `/summits/${id(summitId)}`);
export const createSummit = (input: SummitCreate) =>
  request(Summit, '/summits', { method: 'POST', body: input });

// ── sessions and agenda ─────────────────────────────────────────────────
/** The sessions the caller may enter, in start order. */
export const listSessions = (summitId: string) =>
  listAll(SessionPage, `/summits/${id(summitId)}/sessions`);
export const getSession = (sessionId: string) => request(Session, `/sessions/${id(sessionId)}`);
export const createSession = (summitId: string, input: SessionCreate) =>
  request(Session, `/summits/${id(summitId)}/sessions`, { method: 'POST', body: input });

export const listAgendaItems = (sessionId: string) =>
  listAll(AgendaPage, `/sessions/${id(sessionId)}/agenda-items`);
export const createAgendaItem = (sessionId: string, input: AgendaItemCreate) =>
  request(AgendaItem, `/sessions/${id(sessionId)}/agenda-items`, { method: 'POST', body: input });
/** Changes an item only if nobody else has since `version`; otherwise PRECONDITION_FAILED. */
export const updateAgendaItem = (itemId: string, version: number, change: AgendaItemUpdate) =>
  request(AgendaItem, `/agenda-items/${id(itemId)}`, {
    method: 'PATCH',
    body: change,
    ifMatch: version,
  });

// ── delegations, participants, invitations ──────────────────────────────
export const listDelegations = (summitId: string) =>
  listAll(DelegationPage, `/summits/${id(summitId)}/delegations`);
export const createDelegation = (summitId: string, input: DelegationCreate) =>
  request(Delegation, `/summits/${id(summitId)}/delegations`, { method: 'POST', body: input });

export const listParticipants = (summitId: string) =>
  listAll(ParticipantPage, `/summits/${id(summitId)}/participants`);
export const createParticipant = (summitId: string, input: ParticipantCreate) =>
  request(Participant, `/summits/${id(summitId)}/participants`, { method: 'POST', body: input });
export const revokeParticipant = (participantId: string) =>
  request(Participant, `/participants/${id(participantId)}/revoke`, { method: 'POST' });

/** A single-use link; the server keeps only its hash, so this reply is the one chance to copy it. */
export const createInvitation = (participantId: string, input: InvitationCreate) =>
  request(InvitationCreated, `/participants/${id(participantId)}/invitations`, {
    method: 'POST',
    body: input,
  });

/** The caller's schedule as iCalendar, titled in `lang`. */
export const scheduleIcsUrl = (summitId: string, lang: LanguageCode) =>
  `${API_BASE}/summits/${id(summitId)}/schedule.ics?lang=${lang}`;
