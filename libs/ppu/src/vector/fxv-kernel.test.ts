import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fxvaddbfs } from './elementwise.js';
import { UNITS_PER_ARENA } from './fxv-kernel.js';
import { VectorUnit } from './vector-unit.js';

describe('FXV wasm kernel', () => {
  it('the embedded fxv-wasm.ts is built from assembly/fxv.ts (rebuild with `npm run kernel -w @bss2/ppu`)', () => {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const tool = fileURLToPath(new URL('../../../../tools/wasm-embed/embed-wasm.mjs', import.meta.url));
    expect(() => execFileSync(process.execPath, [tool, root, '--check'], { stdio: 'pipe' })).not.toThrow();
  }, 60_000);

  it('gives every unit its own zeroed state, across arenas', () => {
    const units = Array.from({ length: UNITS_PER_ARENA + 2 }, () => new VectorUnit());
    units.forEach((u, i) => {
      expect(u.vr.every((x) => x === 0) && u.vcr.every((x) => x === 0) && u.acc.every((x) => x === 0)).toBe(true);
      u.vr.fill(i + 1);
      u.vcr.fill(i);
      u.acc.fill(-i);
    });
    units.forEach((u, i) => {
      fxvaddbfs(u, 0, 1, 2, 3);
      expect(u.registers[1]!.every((x) => x === Math.min(2 * (i + 1), 127))).toBe(true);
      expect(u.vr[0]).toBe(i + 1);
      expect(u.vcr.every((x) => x === i) && u.acc.every((x) => x === -i)).toBe(true);
    });
  });
});
