import { ConnectionDetails, Problem, Readiness, type MediaCheckTokenRequest } from '@majlis/shared';

/** A failed API call, carrying the server's problem details when it sent them. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `HTTP ${status}`);
  }
}

async function asProblem(res: Response): Promise<Problem | undefined> {
  try {
    const parsed = Problem.safeParse(await res.json());
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export async function fetchReadiness(): Promise<{ ready: boolean; parts: Readiness | undefined }> {
  const res = await fetch('/readyz', { headers: { accept: 'application/json' } });
  const parsed = Readiness.safeParse(await res.json().catch(() => undefined));
  return { ready: res.ok, parts: parsed.success ? parsed.data : undefined };
}

export async function requestMediaCheckToken(
  input: MediaCheckTokenRequest,
): Promise<ConnectionDetails> {
  const res = await fetch('/api/v1/media-check/token', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(input),
  });
  if (!res.ok) throw new ApiError(res.status, await asProblem(res));
  return ConnectionDetails.parse(await res.json());
}
