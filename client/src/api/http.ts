import { Problem } from '@majlis/shared';

/**
 * The client's one way to the server over HTTP. Every call goes through
 * `send`, so every failure is an `ApiError` (or fetch's own `TypeError` when
 * the server cannot be reached at all), and `i18n/errors.ts` has one type to
 * put into words.
 */

/** Every REST route lives under this prefix (server/src/http/api.ts). */
export const API_BASE = '/api/v1';

/** A failed API call or command, carrying the server's problem details when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  body?: unknown;
  /** The entity's `version`; sent as a strong ETag so the server refuses a stale write with 412. */
  ifMatch?: number;
  signal?: AbortSignal;
  /**
   * Error statuses whose body is the answer, not a failure: `/readyz` says
   * 503 with the parts that are down.
   */
  answers?: readonly number[];
}

/** A reply that is not problem+json (a proxy's HTML page, an empty body) carries no details. */
async function problemOf(res: Response): Promise<Problem | undefined> {
  const text = await res.text();
  try {
    const parsed = Problem.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : undefined;
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

async function exchange(url: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.ifMatch !== undefined) headers['if-match'] = `"${String(opts.ifMatch)}"`;
  const res = await fetch(url, {
    method: opts.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: opts.body === undefined ? null : JSON.stringify(opts.body),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (!res.ok && !(opts.answers ?? []).includes(res.status))
    throw new ApiError(res.status, await problemOf(res));
  return res;
}

/** Sends one API request (`path` under `/api/v1`); a problem+json reply becomes an `ApiError` carrying its code. */
export function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  return exchange(`${API_BASE}${path}`, opts);
}

/** What the client needs of a shared zod schema (the client does not import zod itself). */
export interface Schema<T> {
  parse(data: unknown): T;
}

/** Sends a request and parses the JSON reply with the route's shared schema. */
export async function request<T>(
  schema: Schema<T>,
  path: string,
  opts: RequestOptions = {},
): Promise<T> {
  const res = await send(path, opts);
  return schema.parse(await res.json());
}

/** A request to a route outside `/api/v1` (the health probes), parsed like `request`. */
export async function requestAtRoot<T>(
  schema: Schema<T>,
  url: `/${string}`,
  opts: RequestOptions = {},
): Promise<{ status: number; body: T }> {
  const res = await exchange(url, opts);
  return { status: res.status, body: schema.parse(await res.json()) };
}

/** True when `err` is an API error with this code (`PRECONDITION_FAILED`, `UNAUTHENTICATED`…). */
export function hasCode(err: unknown, code: Problem['code']): boolean {
  return err instanceof ApiError && err.problem?.code === code;
}
