import { Readiness } from '@majlis/shared';
import { requestAtRoot } from './http.ts';

/** `/readyz`: 200 when Redis and LiveKit both answer, 503 naming the part that is down (FOUND-4). */
export async function fetchReadiness(): Promise<{ ready: boolean; parts: Readiness }> {
  const { status, body } = await requestAtRoot(Readiness, '/readyz', { answers: [503] });
  return { ready: status === 200, parts: body };
}
