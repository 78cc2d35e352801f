import type { Participant, Role } from '@majlis/shared';

/** Who is acting: an organiser account or an accredited participant. */
export type Principal =
  | { kind: 'organiser'; userId: string; email: string; name: string; role: 'organiser' }
  | { kind: 'participant'; participant: Participant; role: Participant['role'] };

export const roleOf = (p: Principal): Role => p.role;

export const actorOf = (
  p: Principal | undefined,
): { kind: 'organiser' | 'participant' | 'system'; id: string } =>
  p === undefined
    ? { kind: 'system', id: 'system' }
    : p.kind === 'organiser'
      ? { kind: 'organiser', id: p.userId }
      : { kind: 'participant', id: p.participant.id };
