import fc from 'fast-check';
import { ZeroMockConnection, type PlaybackProgramBuilder } from '@bss2/playback';
import { describe, expect, it } from 'vitest';
import type { Calibration, Direction } from '../calibration.js';
import { BinarySearch } from './binary-search.js';
import { LinearSearch } from './linear-search.js';
import { NoisyBinarySearch } from './noisy-binary-search.js';

// The search algorithms against synthetic instances with known responses: value_i(code) = offset_i + slope_i ·
// code (negated for decreasing calibrations), rounded to `plateau` like an ADC read. The property: every
// instance whose target is reachable ends at a code whose value is within one code step of the best possible.

interface Synthetic {
  readonly offsets: number[];
  readonly slopes: number[];
  readonly direction: Direction;
  readonly plateau: number;
}

function synthetic(s: Synthetic, range = { min: 0, max: 1022 }): Calibration & { readonly measuredSteps: number } {
  let pending = new Int32Array(0);
  let steps = 0;
  const value = (i: number, code: number): number => {
    const raw = (s.offsets[i] as number) + (s.direction === 'increasing' ? 1 : -1) * (s.slopes[i] as number) * code;
    return Math.round(raw / s.plateau) * s.plateau;
  };
  return {
    name: 'synthetic',
    range,
    instances: s.offsets.length,
    direction: s.direction,
    configure(_builder: PlaybackProgramBuilder, codes: Int32Array): void {
      pending = Int32Array.from(codes);
    },
    async measure(): Promise<Float64Array> {
      steps++;
      return Float64Array.from(pending, (code, i) => value(i, code));
    },
    get measuredSteps(): number {
      return steps;
    },
  };
}

const instances = fc
  .record({
    count: fc.integer({ min: 1, max: 40 }),
    direction: fc.constantFrom<Direction>('increasing', 'decreasing'),
    plateau: fc.constantFrom(0.001, 1),
  })
  .chain(({ count, direction, plateau }) =>
    fc.record({
      offsets: fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: count, maxLength: count }),
      slopes: fc.array(fc.double({ min: 0.05, max: 2, noNaN: true }), { minLength: count, maxLength: count }),
      direction: fc.constant(direction),
      plateau: fc.constant(plateau),
      targetFraction: fc.array(fc.double({ min: 0.05, max: 0.95, noNaN: true }), { minLength: count, maxLength: count }),
    }),
  );

/** Target inside the reachable values of instance i (a fraction of its response over the range). */
function targetsOf(s: Synthetic & { targetFraction: number[] }, range = { min: 0, max: 1022 }): Float64Array {
  return Float64Array.from(s.offsets, (offset, i) => {
    const sign = s.direction === 'increasing' ? 1 : -1;
    const low = offset + sign * (s.slopes[i] as number) * range.min;
    const high = offset + sign * (s.slopes[i] as number) * range.max;
    return low + (s.targetFraction[i] as number) * (high - low);
  });
}

const connection = new ZeroMockConnection();

describe('search algorithms', () => {
  it('BinarySearch reaches every reachable target within one code step, in ceil(log2 range) + 2 measurements', async () => {
    await fc.assert(
      fc.asyncProperty(instances, async (s) => {
        const calibration = synthetic(s);
        const targets = targetsOf(s);
        const result = await new BinarySearch().run(calibration, connection, targets);
        expect(calibration.measuredSteps).toBe(Math.ceil(Math.log2(1023)) + 2);
        for (let i = 0; i < targets.length; i++) {
          const slack = (s.slopes[i] as number) + s.plateau;
          expect(Math.abs((result.values[i] as number) - (targets[i] as number))).toBeLessThanOrEqual(slack);
        }
      }),
    );
  });

  it("NoisyBinarySearch does the same from dithered starts, in one step more", async () => {
    await fc.assert(
      fc.asyncProperty(instances, fc.integer({ min: 1, max: 2 ** 31 }), async (s, seed) => {
        const targets = targetsOf(s);
        const result = await new NoisyBinarySearch(5, seed).run(synthetic(s), connection, targets);
        for (let i = 0; i < targets.length; i++) {
          expect(Math.abs((result.values[i] as number) - (targets[i] as number))).toBeLessThanOrEqual((s.slopes[i] as number) + s.plateau);
        }
      }),
    );
  });

  it('LinearSearch walks from near codes to the crossing and keeps the best', async () => {
    await fc.assert(
      fc.asyncProperty(instances, fc.integer({ min: -8, max: 8 }), async (s, start) => {
        const targets = targetsOf(s);
        const exact = Float64Array.from(targets, (t, i) => {
          const sign = s.direction === 'increasing' ? 1 : -1;
          return (t - (s.offsets[i] as number)) / (sign * (s.slopes[i] as number));
        });
        const result = await new LinearSearch(Float64Array.from(exact, (c) => Math.round(c) + start), 1, 20).run(synthetic(s), connection, targets);
        for (let i = 0; i < targets.length; i++) {
          expect(Math.abs((result.values[i] as number) - (targets[i] as number))).toBeLessThanOrEqual((s.slopes[i] as number) + s.plateau);
        }
      }),
    );
  });

  it('returns the range end for unreachable targets and leaves instances without a result at their start', async () => {
    const s: Synthetic = { offsets: [0, 0], slopes: [1, 1], direction: 'increasing', plateau: 0.001 };
    const calibration = synthetic(s);
    const above = await new BinarySearch().run(calibration, connection, [5000, -5000]);
    expect(Array.from(above.codes)).toEqual([1022, 0]);
    const silent: Calibration = { ...calibration, measure: async () => new Float64Array([Number.NaN, Number.NaN]) };
    const none = await new BinarySearch().run(silent, connection, 10);
    expect(Array.from(none.codes)).toEqual([511, 511]); // where the search left them (mid-range), not 0
    expect(Array.from(none.values).every(Number.isNaN)).toBe(true);
  });

  it('rejects a target list of the wrong length and a bad range with a typed error', async () => {
    const calibration = synthetic({ offsets: [0], slopes: [1], direction: 'increasing', plateau: 1 });
    await expect(new BinarySearch().run(calibration, connection, [1, 2])).rejects.toMatchObject({ code: 'invalid-calibration' });
    await expect(new BinarySearch().run({ ...calibration, range: { min: 5, max: 2 } }, connection, 1)).rejects.toMatchObject({ code: 'invalid-calibration' });
    expect(() => new LinearSearch(0, 0)).toThrow(expect.objectContaining({ code: 'invalid-calibration' }));
  });
});
