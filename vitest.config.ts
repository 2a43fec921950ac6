import { defineConfig } from 'vitest/config';

process.env.TZ = 'UTC';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts', 'test/**/*.test.tsx'],
    reporters: ['default', './test/helpers/summaryReporter.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // CI=false: Ink (through is-in-ci) draws only the last frame when CI is set, and the TUI tests are about the
    // live frames a user sees in a terminal. CI runs `CI=true bash .ci/run`; nothing else reads CI.
    env: { TZ: 'UTC', CI: 'false' },
  },
});
