import { useSyncExternalStore } from 'react';

/**
 * A very small router: pages are few and flat, so a path pattern with
 * `:name` segments and the History API are all it needs.
 */

/** The parameters `pattern` (e.g. `/organiser/summits/:summitId`) captures from `pathname`, or undefined. */
export function matchPath(
  pattern: string,
  pathname: string,
): Readonly<Record<string, string>> | undefined {
  const split = (p: string) => p.split('/').filter((s) => s !== '');
  const want = split(pattern);
  const got = split(pathname);
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] as string;
    if (segment.startsWith(':')) {
      let value: string;
      try {
        value = decodeURIComponent(actual);
      } catch {
        return undefined;
      }
      params[segment.slice(1)] = value;
    } else if (segment !== actual) {
      return undefined;
    }
  }
  return params;
}

const NAVIGATED = 'majlis:navigate';

/** Shows another page without reloading: the shell re-renders for the new path. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (opts.replace === true) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.dispatchEvent(new Event(NAVIGATED));
}

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(NAVIGATED, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(NAVIGATED, onChange);
  };
}

/** The current path; re-renders on back/forward and on `navigate()`. */
export function usePathname(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** A same-site path to return to after signing in, from `?next=`; anything else is ignored. */
export function safeNextPath(search: string, fallback: string): string {
  const next = new URLSearchParams(search).get('next');
  return next !== null && /^\/(?![/\\])/.test(next) ? next : fallback;
}
