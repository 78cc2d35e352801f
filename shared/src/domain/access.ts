import { isPublicSession, type Session } from './session.ts';
import type { Participant } from './participant.ts';

export type SessionViewer = Pick<Participant, 'id' | 'role' | 'delegationId' | 'boothLanguage'>;

/**
 * Who a session admits (ACCESS-2). Public sessions admit every accredited
 * participant. Closed sessions admit their delegations (all when none are
 * listed), their chair and interpreters; bilateral sessions admit exactly the
 * two delegations, the chair, and interpreters for their languages. Observers
 * and press never enter a private session.
 */
export function sessionAdmits(
  viewer: SessionViewer,
  session: Pick<Session, 'kind' | 'chairId' | 'delegationIds' | 'interpretationLanguages'>,
): boolean {
  if (isPublicSession(session.kind)) return true;
  switch (viewer.role) {
    case 'observer':
    case 'press':
      return false;
    case 'spokesperson':
      // A spokesperson answers the press in public sessions, never inside a private one.
      return false;
    case 'chair':
      return session.chairId === viewer.id;
    case 'interpreter':
      return (
        viewer.boothLanguage !== null &&
        session.interpretationLanguages.includes(viewer.boothLanguage)
      );
    case 'head_of_delegation':
    case 'delegate':
    case 'adviser':
      if (viewer.delegationId === null) return false;
      if (session.kind === 'closed' && session.delegationIds.length === 0) return true;
      return session.delegationIds.includes(viewer.delegationId);
    default: {
      const unreachable: never = viewer.role;
      return unreachable;
    }
  }
}
