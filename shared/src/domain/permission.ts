import type { LanguageCode } from './common.ts';
import type { SessionLifecycle } from './lifecycle.ts';
import type { MediaPermission, MediaSource } from './media.ts';
import type { ParticipantRole } from './participant.ts';
import type { Session } from './session.ts';

/** The person a permission is for, with only the facts the rules read. */
export type MediaHolder =
  | { kind: 'organiser' }
  | {
      kind: 'participant';
      id: string;
      role: ParticipantRole;
      delegationId: string | null;
      boothLanguage: LanguageCode | null;
    };

/** The live state of a session's room: the same for everyone in it, so it is read once per change. */
export interface MediaRoomState {
  session: Pick<Session, 'kind' | 'chairId' | 'delegationIds' | 'interpretationLanguages'> & {
    /** MEET-2: where the session is in its life; absent means `open`. */
    state?: SessionLifecycle;
  };
  /** Who speaks now and for which delegation, as the speakers list says; null when nobody does. */
  floor: { participantId: string; delegationId: string } | null;
  /** The interpreter on air in each booth (INTERP-1); a language left out has nobody on air. */
  booths: Partial<Record<LanguageCode, string | null>>;
  /** PRESS-1: the journalist whose question the chair or spokesperson picked; absent means none. */
  pressSpeaker?: string | null;
}

export interface MediaPermissionInput extends MediaRoomState {
  holder: MediaHolder;
  /** CONF-5: admitted from the lobby or still waiting in it. Absent means admitted. */
  lobby?: 'admitted' | 'waiting';
  /** MEET-1, MEET-3: sources switched off for this person (self-mute, chair mute). */
  muted?: readonly MediaSource[];
}

/** What the rules decide before the two guarantees in `complete` are applied. */
interface Grant {
  publish: readonly MediaSource[];
  hidden: boolean;
  data: boolean;
  admin: boolean;
}

const NO_MEDIA: MediaPermission = {
  canSubscribe: false,
  canPublish: false,
  canPublishSources: [],
  canPublishData: false,
  hidden: true,
  roomAdmin: false,
};
const LISTENING: Grant = { publish: [], hidden: false, data: false, admin: false };
/** Observers, press and the secretariat in public sessions: in the room, seen by nobody (ACCESS-3). */
const WATCHING: Grant = { ...LISTENING, hidden: true };
const SPEAKING: Grant = { ...LISTENING, publish: ['camera', 'microphone'] };
const PRESIDING: Grant = {
  publish: ['camera', 'microphone', 'screen_share', 'screen_share_audio'],
  hidden: false,
  data: true,
  admin: true,
};
const INTERPRETING: Grant = { ...LISTENING, publish: ['microphone'] };
const ASKING: Grant = { ...LISTENING, publish: ['microphone'] };

/**
 * The whole LiveKit permission of one person in one session's room, from
 * the rules alone (FLOOR-1, FLOOR-6, ACCESS-3, ACCESS-7, INTERP-1, MEET-5,
 * PRESS-1; MEET-2, CONF-5 and MEET-1's mute once the session's state, the
 * lobby and muting are stored).
 * The SFU enforces what this returns, so a client that forces a publish past
 * its own checks is refused there.
 */
export function mediaPermission(input: MediaPermissionInput): MediaPermission {
  // CONF-5: nobody in the lobby sees or hears the room.
  if (input.lobby === 'waiting') return NO_MEDIA;
  const state = input.session.state ?? 'open';
  switch (state) {
    // MEET-2: before opening and after closing, nobody is in the room.
    case 'scheduled':
    case 'closed':
      return NO_MEDIA;
    case 'open':
    case 'suspended':
      return complete(grantOf(input, state === 'open'), input.muted ?? []);
    default: {
      const unreachable: never = state;
      return unreachable;
    }
  }
}

/**
 * `sitting` is false while the session is suspended: the chair and the
 * booths keep their voice, nobody holds the floor or speaks freely.
 */
function grantOf(input: MediaPermissionInput, sitting: boolean): Grant {
  const { holder, session } = input;
  // The secretariat supports the room and does not take part. In a closed or
  // bilateral session it is never an unseen listener (ACCESS-8): it is listed,
  // as the secretariat, to everyone (a bilateral admits it only on invitation).
  if (holder.kind === 'organiser')
    return session.kind === 'closed' || session.kind === 'bilateral' ? LISTENING : WATCHING;
  switch (holder.role) {
    case 'observer':
      return WATCHING;
    case 'press':
      // PRESS-1: a visible microphone for the picked question only.
      return sitting && session.kind === 'press_briefing' && input.pressSpeaker === holder.id
        ? ASKING
        : WATCHING;
    case 'chair':
      // FLOOR-1: the presiding officer of this session, not every chair of the summit.
      return session.chairId === holder.id ? PRESIDING : LISTENING;
    case 'interpreter':
      return onAir(input, holder) ? INTERPRETING : LISTENING;
    case 'head_of_delegation':
    case 'delegate':
      return sitting && speaksForDelegation(input, holder) ? SPEAKING : LISTENING;
    case 'adviser':
      // Advisers follow the meeting and are never on the floor (ACCESS-7).
      return LISTENING;
    case 'spokesperson':
      // PRESS-1: answers in a press briefing; never on the floor of a plenary.
      return sitting && session.kind === 'press_briefing' ? SPEAKING : LISTENING;
    default: {
      const unreachable: never = holder.role;
      return unreachable;
    }
  }
}

/** INTERP-1: on air in their own booth, and the session interprets that language. */
function onAir(
  { session, booths }: MediaRoomState,
  interpreter: { id: string; boothLanguage: LanguageCode | null },
): boolean {
  const language = interpreter.boothLanguage;
  return (
    language !== null &&
    session.interpretationLanguages.includes(language) &&
    booths[language] === interpreter.id
  );
}

/**
 * A head or delegate speaks for their own delegation: in a bilateral freely
 * (MEET-5), elsewhere only while holding the floor for it (FLOOR-1). The
 * floor names one person, so their colleagues stay silent (FLOOR-6), and a
 * floor entry naming another delegation gives nothing (ACCESS-7).
 */
function speaksForDelegation(
  { session, floor }: MediaRoomState,
  member: { id: string; delegationId: string | null },
): boolean {
  const delegationId = member.delegationId;
  if (delegationId === null) return false;
  switch (session.kind) {
    case 'bilateral':
      return session.delegationIds.includes(delegationId);
    case 'closed':
      if (session.delegationIds.length > 0 && !session.delegationIds.includes(delegationId))
        return false;
      return floor?.participantId === member.id && floor.delegationId === delegationId;
    case 'plenary':
    case 'press_briefing':
      return floor?.participantId === member.id && floor.delegationId === delegationId;
    default: {
      const unreachable: never = session.kind;
      return unreachable;
    }
  }
}

function complete(grant: Grant, muted: readonly MediaSource[]): MediaPermission {
  // ACCESS-7: a hidden token never publishes, whatever the rules above granted.
  const sources = grant.hidden ? [] : grant.publish.filter((s) => !muted.includes(s));
  return {
    canSubscribe: true,
    // LiveKit reads an empty source list as "any source": publishing goes off with the last source.
    canPublish: sources.length > 0,
    canPublishSources: sources,
    canPublishData: grant.data && !grant.hidden,
    hidden: grant.hidden,
    roomAdmin: grant.admin && !grant.hidden,
  };
}
