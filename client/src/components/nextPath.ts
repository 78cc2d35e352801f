/** A same-site path to return to after signing in, from `?next=`; anything else is ignored. */
export function safeNextPath(search: string, fallback: string): string {
  const next = new URLSearchParams(search).get('next');
  return next !== null && /^\/(?![/\\])/.test(next) ? next : fallback;
}
