/**
 * How a speakers-list entry is named: the person and their delegation; the
 * delegation alone once the person has left the room (their name is no
 * longer known to the page), never a blank name before a dash.
 */
export function entryLabel(name: string | undefined, delegation: string): string {
  if (name === undefined || name.trim() === '') return delegation;
  return delegation === '' ? name : `${name} — ${delegation}`;
}
