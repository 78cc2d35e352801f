import { allow, refuse, type Decision } from './decision.ts';
import { SUMMIT_TRANSITIONS, Summit, type SummitStatus, type SummitUpdate } from './summit.ts';

/**
 * SUMMIT-1: a summit's status moves one step along draft → scheduled → live
 * → closed; a draft or scheduled summit may be cancelled (closed) and a
 * scheduled one put back to draft; a closed summit never changes again.
 * Staying where it is is always allowed (a correction of other fields).
 */
export function summitMayBecome(from: SummitStatus, to: SummitStatus): boolean {
  return from === to || SUMMIT_TRANSITIONS[from].includes(to);
}

/**
 * The secretariat's correction of a summit (ACCT-3, SUMMIT-1): the next
 * version, or why not. A move the lifecycle forbids is a CONFLICT with the
 * summit's state; dates that end before they start name the field.
 */
export function decideSummitUpdate(
  current: Summit,
  input: SummitUpdate,
  at: string,
): Decision<Summit, 'CONFLICT' | 'INVALID_PAYLOAD'> {
  if (input.status !== undefined && !summitMayBecome(current.status, input.status))
    return refuse('CONFLICT', `A ${current.status} summit cannot become ${input.status}`);
  // Only one of the two dates may be in the input: the other comes from the summit.
  const next = Summit.parse({ ...current, ...input, version: current.version + 1, updatedAt: at });
  if (Date.parse(next.endsAt) <= Date.parse(next.startsAt))
    return refuse('INVALID_PAYLOAD', 'endsAt: must be after startsAt', [
      { path: 'endsAt', message: 'must be after startsAt' },
    ]);
  return allow(next);
}
