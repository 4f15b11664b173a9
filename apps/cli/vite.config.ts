import { defineConfig } from 'vitest/config';

// Tests run against the sources of every workspace lib (the "@bss2/source" export condition), so no build is
// needed before `vitest run`. Property tests are seeded by the shared fast-check setup.
const conditions = ['@bss2/source', 'import', 'module', 'node', 'default'];
export default defineConfig({
  resolve: { conditions },
  ssr: { resolve: { conditions } },
  test: {
    include: ['src/**/*.test.ts'],
    setupFiles: [new URL('../../test/support/fast-check-setup.ts', import.meta.url).pathname],
  },
});
