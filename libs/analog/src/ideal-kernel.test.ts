import { describe, expect, it } from 'vitest';
import { IdealKernel } from './ideal-kernel.js';
import { lifUpperBound } from './lif-closed-form.js';
import { V_MAX, V_MIN } from './membrane-current.js';
import { Prng } from './prng.js';

/** The fold of one neuron as the engine's JavaScript paths write it (ideal-engine.ts foldOneClass). */
function reference(v: number, e0: number, i0: number, pe: number, pi: number, c: readonly number[], k: readonly number[]): [number, number, number, boolean] {
  const [em, a2, ee, ei, he, hi] = c as [number, number, number, number, number, number];
  const [drive, kExc, kInh, vStatic, hExc, hInh, limit] = k as [number, number, number, number, number, number, number];
  const vEnd = v * em + drive * a2 + kExc * e0 * he - kInh * i0 * hi;
  const v1 = vEnd < V_MIN ? V_MIN : vEnd > V_MAX ? V_MAX : vEnd;
  const iExc = e0 * ee + pe;
  const iInh = i0 * ei + pi;
  const exc = iExc * hExc;
  const inh = iInh * hInh;
  const bound = (v1 > vStatic ? v1 : vStatic) + (exc > 0 ? exc : 0) - (inh < 0 ? inh : 0);
  return [v1, iExc, iInh, !(bound < limit)];
}

describe('IdealKernel (assembly/ideal-fold.ts as WebAssembly SIMD)', () => {
  it('folds bitwise like the JavaScript expressions, rails, NaN and signed zeros included, lists the at-risk neurons in order and flags the ones lifUpperBound clears over the look-ahead', () => {
    const rng = new Prng(7);
    const k = new IdealKernel();
    const c = [0.99, 0.08, 0.98, 0.97, 0.079, 0.078];
    const consts = [0.042, 1.3, 1.1, 0.42, 3.2, 2.9, 0.7 - 1e-6];
    const specials = [NaN, -0, 0, -5, 5, Infinity, -Infinity, 1e-310];
    const pick = (scale: number, i: number): number => (i % 17 === 0 ? (specials[(i / 17) % specials.length] as number) : (rng.nextFloat() - 0.2) * scale);
    const input = Array.from({ length: 512 }, (_, n) => [pick(1.4, n), pick(0.2, n + 3), pick(0.2, n + 5), pick(0.05, n + 7), pick(0.05, n + 11)] as const);
    input.forEach(([v, e, i, pe, pi], n) => {
      k.v[n] = v;
      k.iExcNa[n] = e;
      k.iInhNa[n] = i;
      k.pendingExc[n] = pe;
      k.pendingInh[n] = pi;
    });
    const [em, a2, ee, ei, he, hi] = c as [number, number, number, number, number, number];
    const [drive, kExc, kInh, vStatic, hExc, hInh, limit] = consts as [number, number, number, number, number, number, number];
    // Look-ahead coefficients (em, a2, _, ei) and a threshold that some entries clear and some do not.
    const ahead = new Float64Array([0.95, 0.45, 0, 0.9]);
    const theta = 0.7;
    const count = k.foldUniform(256, 256, em, drive * a2, ee, ei, he, hi, kExc, kInh, vStatic, hExc, hInh, limit, V_MIN, V_MAX, drive, ahead[0] as number, ahead[1] as number, ahead[3] as number, theta);
    const risky: number[] = [];
    const quiet: number[] = [];
    for (let n = 0; n < 512; n++) {
      const [v, e, i, pe, pi] = input[n] as readonly number[] as [number, number, number, number, number];
      if (n < 256) {
        // Outside the folded range: untouched.
        expect([k.v[n], k.iExcNa[n], k.iInhNa[n], k.pendingExc[n], k.pendingInh[n]]).toEqual([v, e, i, pe, pi]);
        continue;
      }
      const [v1, iExc, iInh, atRisk] = reference(v, e, i, pe, pi, c, consts);
      expect(Object.is(k.v[n], v1)).toBe(true);
      expect(Object.is(k.iExcNa[n], iExc)).toBe(true);
      expect(Object.is(k.iInhNa[n], iInh)).toBe(true);
      expect([k.pendingExc[n], k.pendingInh[n]]).toEqual([0, 0]);
      if (atRisk) risky.push(n);
      if (atRisk) quiet.push(lifUpperBound(v1, iExc, iInh * (ahead[3] as number), drive, kExc, kInh, ahead, 0) < theta ? -1 : 0);
    }
    expect(risky.length).toBeGreaterThan(0);
    expect(risky.length).toBeLessThan(256);
    expect(Array.from(k.risky.subarray(256, 256 + count))).toEqual(risky);
    expect(Array.from(k.ahead.subarray(256, 256 + count))).toEqual(quiet);
    expect(new Set(quiet).size).toBe(2);
  });
});
