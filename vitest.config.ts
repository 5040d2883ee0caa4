import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    globalSetup: ['test/global-setup.ts'],
    // vi.waitFor and expect.poll wait up to 5 s (not 1 s) before failing: see test/setup-waits.ts
    setupFiles: ['test/setup-waits.ts'],
    expect: { poll: { timeout: 5000 } },
    // Ink draws nothing while CI is set; the cockpit tests render in-process, so the workers run with CI off.
    env: { CI: 'false' },
    coverage: {
      provider: 'v8',
      include: ['src/**', 'models/**', 'components/**', 'commands/**'],
      exclude: ['**/README.md'],
      reporter: ['text-summary', 'text'],
      thresholds: { lines: 80, statements: 80, functions: 80, branches: 75 },
    },
  },
});
