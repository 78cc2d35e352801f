import type { Request, Response, Router } from 'express';
import { can, type Action } from '@majlis/shared';
import type { z } from 'zod';
import { AppError } from '../errors.ts';
import type { Principal } from '../summits/principal.ts';
import { parseOr422 } from './problem.ts';

/**
 * One description per route serves both Express and the OpenAPI document,
 * so the published contract cannot drift from what the server parses.
 */
export interface Reply {
  status?: number;
  body?: unknown;
  /** Entity version: sent as a strong ETag. */
  etag?: number;
  /** Non-JSON bodies (e.g. text/calendar). */
  text?: { contentType: string; content: string | Buffer; filename?: string };
}

export interface HandlerContext<P, Q, B> {
  params: P;
  query: Q;
  body: B;
  principal: Principal | undefined;
  /** The acting principal; present whenever the route names an action. */
  actor: Principal;
  ifMatch: number | undefined;
  req: Request;
  res: Response;
}

type AnyObject = z.ZodObject;

export interface RouteDef<
  P extends AnyObject = AnyObject,
  Q extends AnyObject = AnyObject,
  B extends z.ZodType = z.ZodType,
> {
  operationId: string;
  method: 'get' | 'post' | 'patch' | 'delete';
  /** OpenAPI-style path below /api/v1, e.g. `/summits/{summitId}`. */
  path: string;
  summary: string;
  tag: string;
  /** Omitted: the route is open to anyone (login, setup, redeeming an invitation). */
  action?: Action;
  params?: P;
  query?: Q;
  body?: B;
  response: {
    status: number;
    schema?: z.ZodType;
    /** Several when a query parameter picks the format (HTML or PDF). */
    contentType?: string | readonly string[];
    etag?: boolean;
  };
  handler(ctx: HandlerContext<z.infer<P>, z.infer<Q>, z.infer<B>>): Promise<Reply>;
}

/** Keeps each route's parameter types while storing them in one list. */
export const route = <P extends AnyObject, Q extends AnyObject, B extends z.ZodType>(
  def: RouteDef<P, Q, B>,
): RouteDef => def;

const toExpressPath = (p: string): string => p.replace(/\{(\w+)\}/g, ':$1');

/** `"3"` or `W/"3"` → 3; `*` → undefined (any version). */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header.trim() === '*') return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,12})"\s*$/.exec(header);
  if (!m)
    throw new AppError(
      'PRECONDITION_FAILED',
      'If-Match must be an ETag this server sent, e.g. "3"',
    );
  return Number(m[1]);
}

export function mountRoutes(
  router: Router,
  routes: readonly RouteDef[],
  resolvePrincipal: (req: Request) => Promise<Principal | undefined>,
): void {
  for (const def of routes) {
    router[def.method](toExpressPath(def.path), async (req: Request, res: Response) => {
      const principal = await resolvePrincipal(req);
      // The one authorization point: the role × action table from shared/.
      if (def.action !== undefined) {
        if (principal === undefined) throw new AppError('UNAUTHENTICATED', 'Sign in first');
        if (!can(principal.role, def.action))
          throw new AppError(
            'FORBIDDEN',
            `The role ${principal.role} may not ${def.action.replace(':', ' ')}`,
          );
      }
      const params: unknown = def.params ? parseOr422(def.params, req.params) : {};
      const query: unknown = def.query ? parseOr422(def.query, req.query) : {};
      const body: unknown = def.body ? parseOr422(def.body, req.body ?? {}) : undefined;
      const ifMatch = parseIfMatch(req.get('if-match'));
      const reply = await def.handler({
        params: params as Record<string, string>,
        query: query as Record<string, unknown>,
        body,
        principal,
        actor: principal as Principal,
        ifMatch,
        req,
        res,
      });
      if (reply.etag !== undefined) res.setHeader('ETag', `"${reply.etag}"`);
      res.status(reply.status ?? def.response.status);
      if (reply.text) {
        res.type(reply.text.contentType);
        if (reply.text.filename) res.attachment(reply.text.filename);
        res.send(reply.text.content);
      } else if (reply.body === undefined) {
        res.end();
      } else {
        res.json(reply.body);
      }
    });
  }
}
