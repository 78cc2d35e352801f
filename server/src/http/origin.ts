import type { IncomingMessage } from 'node:http';
import type { NextFunction, Request, Response } from 'express';
import { AppError } from '../errors.ts';

/**
 * The one origin Majlis is reached at (MAJLIS_PUBLIC_URL). Every absolute
 * link it writes (invitations, feeds) starts with it, never with the
 * request's Host header, which anyone can set. Unset, it is
 * http://HOST:PORT once the server listens (port 0 is only known then).
 */
export class PublicOrigin {
  #origin: string | undefined;

  constructor(configured: string | undefined) {
    this.#origin = configured === undefined ? undefined : new URL(configured).origin;
  }

  /** The default for a server that was given no public URL, once it knows its port. */
  listeningOn(host: string, port: number): void {
    this.#origin ??= new URL(`http://${host.includes(':') ? `[${host}]` : host}:${port}`).origin;
  }

  /** https: cookies are Secure and take the __Host- prefix. */
  get secure(): boolean {
    return this.value.startsWith('https:');
  }

  /**
   * The session cookie's name: `__Host-majlis_session` over https (the
   * browser then insists on Secure, Path=/ and no Domain, so no sibling
   * host can set or shadow it), `majlis_session` on plain http.
   */
  get sessionCookie(): string {
    return this.secure ? '__Host-majlis_session' : 'majlis_session';
  }

  get value(): string {
    if (this.#origin === undefined)
      throw new Error('The public origin is known once the server listens');
    return this.#origin;
  }
}

/**
 * Where a request says it comes from: its Origin header, else the origin of
 * its Referer. Undefined when it names neither (a script, not a browser).
 */
export function claimedOrigin(req: IncomingMessage): string | undefined {
  const origin = req.headers.origin;
  if (origin !== undefined) return origin;
  const referer = req.headers.referer;
  if (referer === undefined) return undefined;
  return URL.canParse(referer) ? new URL(referer).origin : 'null';
}

/** True when the request names the public origin as its own. */
export const fromPublicOrigin = (req: IncomingMessage, origin: PublicOrigin): boolean =>
  claimedOrigin(req) === origin.value;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery stops here: a method that changes something
 * must name the public origin in Origin (or Referer). Browsers send Origin on
 * every cross-origin and same-origin write, so a foreign page's form or
 * fetch is refused whatever cookies ride along; a script without either
 * header is refused too and must say where it comes from. A browser's own
 * Sec-Fetch-Site: cross-site is refused whatever Origin says. `/public/…`
 * writes act for no one (checking a signature) and stay open to any origin.
 */
export function refuseForeignWrites(origin: PublicOrigin) {
  return (req: Request, _res: Response, next: NextFunction): void => {
    if (SAFE_METHODS.has(req.method) || req.path.startsWith('/public/')) {
      next();
      return;
    }
    // Sec-Fetch-Site stays as a second witness: a browser that says cross-site is believed.
    if (!fromPublicOrigin(req, origin) || req.get('sec-fetch-site') === 'cross-site') {
      next(
        new AppError(
          'FORBIDDEN',
          `Writes are accepted only from ${origin.value} (the Origin or Referer header)`,
        ),
      );
      return;
    }
    next();
  };
}
