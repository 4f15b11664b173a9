import { defineConfig, type ViteUserConfig } from 'vitest/config';

/**
 * Timeouts sized for simulation-heavy tests on a loaded 2-core machine (Nx runs two projects at once): they
 * catch a hang, not a slow run. Speed targets live in the benchmarks, never in tests.
 */
const DEFAULT_TEST_TIMEOUT_MS = 120_000;
const HOOK_TIMEOUT_MS = 300_000;

/**
 * The vitest configuration every project shares: tests run against the sources of the workspace libs (the
 * "@bss2/source" export condition, so no build is needed first) and every property test is seeded by the
 * shared fast-check setup.
 */
export function workspaceTestConfig(options: { testTimeoutMs?: number } = {}): ViteUserConfig {
  const conditions = ['@bss2/source', 'import', 'module', 'node', 'default'];
  return defineConfig({
    resolve: { conditions },
    ssr: { resolve: { conditions } },
    test: {
      include: ['src/**/*.test.ts'],
      setupFiles: [new URL('./fast-check-setup.ts', import.meta.url).pathname],
      testTimeout: options.testTimeoutMs ?? DEFAULT_TEST_TIMEOUT_MS,
      hookTimeout: HOOK_TIMEOUT_MS,
    },
  });
}
