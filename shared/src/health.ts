import { z } from 'zod';

export const DependencyState = z.enum(['ok', 'down']);
export const Readiness = z.object({
  redis: DependencyState,
  livekit: DependencyState,
});
export type Readiness = z.infer<typeof Readiness>;
