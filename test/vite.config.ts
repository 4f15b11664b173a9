import { defineConfig } from 'vitest/config';

// Cross-lib tests import only the public entry points of the libs, resolved to their sources.
const conditions = ['@bss2/source', 'import', 'module', 'node', 'default'];
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: [new URL('./support/fast-check-setup.ts', import.meta.url).pathname],
    testTimeout: 60_000,
  },
});
