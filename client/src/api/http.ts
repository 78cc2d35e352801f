import { Problem } from '@majlis/shared';
import { ApiError } from '../api.ts';

/** Every REST route lives under this prefix (server/src/http/api.ts). */
export const API_BASE = '/api/v1';

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PATCH';
  body?: unknown;
  /** The entity's `version`; sent as a strong ETag so the server refuses a stale write with 412. */
  ifMatch?: number;
  signal?: AbortSignal;
}

async function problemOf(res: Response): Promise<Problem | undefined> {
  try {
    const parsed = Problem.safeParse(await res.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Sends one API request; a problem+json reply becomes an `ApiError` carrying its code. */
export async function send(path: string, opts: RequestOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.ifMatch !== undefined) headers['if-match'] = `"${String(opts.ifMatch)}"`;
  const res = await fetch(`${API_BASE}${path}`, {
    method: opts.method ?? 'GET',
    headers,
    credentials: 'same-origin',
    body: opts.body === undefined ? null : JSON.stringify(opts.body),
    ...(opts.signal ? { signal: opts.signal } : {}),
  });
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  return res;
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

/** True when `err` is an API error with this code (`PRECONDITION_FAILED`, `UNAUTHENTICATED`…). */
export function hasCode(err: unknown, code: Problem['code']): boolean {
  return err instanceof ApiError && err.problem?.code === code;
}
