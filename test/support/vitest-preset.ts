import { defineConfig, type ViteUserConfig } from 'vitest/config';

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
      ...(options.testTimeoutMs === undefined ? {} : { testTimeout: options.testTimeoutMs }),
    },
  });
}
