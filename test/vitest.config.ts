import { defineProject } from 'vitest/config';

export default defineProject({
  test: {
    name: 'stack',
    include: ['src/**/*.test.ts'],
    globalSetup: ['src/harness/global-setup.ts'],
    // One browser or launcher at a time: the CI machine has two cores.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
