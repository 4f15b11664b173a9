import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The embedded WebAssembly kernels (wasm-kernels.json: the analog step, the ideal fold) are what their
// AssemblyScript sources compile to: tools/wasm-embed --check rebuilds them and compares.
describe('embedded WebAssembly kernels', () => {
  it('are built from assembly/ (rebuild with `npm run kernel -w @bss2/analog`)', () => {
    const tool = fileURLToPath(new URL('../../../tools/wasm-embed/embed-wasm.mjs', import.meta.url));
    const run = spawnSync(process.execPath, [tool, fileURLToPath(new URL('..', import.meta.url)), '--check'], { encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  }, 60_000);
});
