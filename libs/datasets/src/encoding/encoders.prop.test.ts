import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeCoordinates, HXTORCH_YIN_YANG_ENCODING } from './coordinate-encoder.js';
import type { DenseSpikes } from './dense-spikes.js';
import { encodeLatency } from './latency-encoder.js';
import { spikeStepOfValue, type SpikeTimeGrid } from './spike-time-grid.js';

// Grids with dt and the window drawn freely; tLate is kept inside the grid.
const grids: fc.Arbitrary<SpikeTimeGrid> = fc
  .record({
    dtUs: fc.double({ min: 0.01, max: 4, noNaN: true }),
    steps: fc.integer({ min: 2, max: 200 }),
    early: fc.double({ min: 0, max: 1, noNaN: true }),
    late: fc.double({ min: 0, max: 1, noNaN: true }),
  })
  .map(({ dtUs, steps, early, late }) => {
    const spanUs = (steps - 1) * dtUs;
    const [a, b] = early <= late ? [early, late] : [late, early];
    return { dtUs, steps, tEarlyUs: a * spanUs, tLateUs: b * spanUs };
  });
const unit = fc.double({ min: 0, max: 1, noNaN: true });

/** Every (step, sample, input) that holds a 1, and a check that all other entries are 0. */
function spikeList(spikes: DenseSpikes): [number, number, number][] {
  const [steps, batch, inputs] = spikes.shape;
  const out: [number, number, number][] = [];
  for (let t = 0; t < steps; t++)
    for (let b = 0; b < batch; b++)
      for (let i = 0; i < inputs; i++) {
        const v = spikes.data[(t * batch + b) * inputs + i];
        if (v === 1) out.push([t, b, i]);
        else expect(v).toBe(0);
      }
  return out;
}

describe('value → spike step (§6.7)', () => {
  it('lands on a bin of the grid, within half a bin of the exact time', () => {
    fc.assert(
      fc.property(grids, unit, (grid, v) => {
        const step = spikeStepOfValue(v, grid);
        const tUs = grid.tEarlyUs + v * (grid.tLateUs - grid.tEarlyUs);
        expect(Number.isInteger(step)).toBe(true);
        expect(step).toBeGreaterThanOrEqual(0);
        expect(step).toBeLessThan(grid.steps);
        expect(Math.abs(step * grid.dtUs - tUs)).toBeLessThanOrEqual(grid.dtUs / 2 + 1e-9 * grid.dtUs);
      }),
    );
  });
  it('is monotone: a larger value never spikes earlier', () => {
    fc.assert(
      fc.property(grids, unit, unit, (grid, a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(spikeStepOfValue(lo, grid)).toBeLessThanOrEqual(spikeStepOfValue(hi, grid));
      }),
    );
  });
  it('stays within [t_early, t_late] when both lie on the grid', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }), unit, (steps, e, l, v) => {
        const dtUs = 0.5;
        const early = Math.min(e, l, steps - 1);
        const late = Math.min(Math.max(e, l), steps - 1);
        const grid = { dtUs, steps, tEarlyUs: early * dtUs, tLateUs: late * dtUs };
        const step = spikeStepOfValue(v, grid);
        expect(step).toBeGreaterThanOrEqual(early);
        expect(step).toBeLessThanOrEqual(late);
      }),
    );
  });
});

describe('encodeCoordinates (hxtorch CoordinatesToSpikes)', () => {
  it('gives exactly one spike per value at its step, plus the bias spike, time-major', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 5 }), fc.infiniteStream(unit), (batch, channels, stream) => {
        const values = Array.from({ length: batch * channels }, () => stream.next().value as number);
        const spikes = encodeCoordinates(values, batch, HXTORCH_YIN_YANG_ENCODING);
        expect(spikes.shape).toEqual([38, batch, channels + 1]);
        const expected: [number, number, number][] = [];
        for (let b = 0; b < batch; b++) {
          for (let c = 0; c < channels; c++) expected.push([spikeStepOfValue(values[b * channels + c]!, HXTORCH_YIN_YANG_ENCODING), b, c]);
          expected.push([2, b, channels]);
        }
        const order = (x: [number, number, number], y: [number, number, number]) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
        expect(spikeList(spikes).sort(order)).toEqual(expected.sort(order));
      }),
    );
  });
  it('encodes a Yin-Yang sample as hxtorch does: (x, y, 1−x, 1−y) and bias', () => {
    const spikes = encodeCoordinates([0.25, 0.5, 0.75, 0.5], 1, HXTORCH_YIN_YANG_ENCODING);
    expect(spikeList(spikes)).toEqual([
      [2, 0, 4],
      [8, 0, 0],
      [14, 0, 1],
      [14, 0, 3],
      [20, 0, 2],
    ]);
    const noBias = encodeCoordinates([0.25], 1, { ...HXTORCH_YIN_YANG_ENCODING, tBiasUs: undefined });
    expect(noBias.shape).toEqual([38, 1, 1]);
  });
  it('rejects values outside [0, 1] naming the index, and a ragged batch', () => {
    expect(() => encodeCoordinates([0.2, 1.2], 1, HXTORCH_YIN_YANG_ENCODING)).toThrow(expect.objectContaining({ parameter: 'values[1]', value: 1.2, range: { min: 0, max: 1 } }));
    expect(() => encodeCoordinates([0.2, 0.3, 0.4], 2, HXTORCH_YIN_YANG_ENCODING)).toThrow(expect.objectContaining({ code: 'shape-mismatch' }));
  });
});

describe('encodeLatency', () => {
  const encoding = { dtUs: 1, steps: 38, tEarlyUs: 2, tLateUs: 26, thresholdValue: 0.1 };
  it('brighter spikes no later; below the threshold stays silent', () => {
    fc.assert(
      fc.property(unit, unit, (a, b) => {
        const spikes = encodeLatency([a, b], 1, encoding);
        const list = spikeList(spikes);
        const stepOf = (input: number) => list.find(([, , i]) => i === input)?.[0];
        expect(stepOf(0) === undefined).toBe(a < 0.1);
        expect(stepOf(1) === undefined).toBe(b < 0.1);
        if (a >= 0.1 && b >= 0.1 && a <= b) expect(stepOf(1)!).toBeLessThanOrEqual(stepOf(0)!);
        for (const [step] of list) expect(step >= 2 && step <= 26).toBe(true);
      }),
    );
  });
  it('maps 1 to t_early, the threshold itself to a spike, and adds the bias', () => {
    const spikes = encodeLatency([1, 0.1, 0.0999, 0], 1, { ...encoding, tBiasUs: 0 });
    expect(spikeList(spikes)).toEqual([
      [0, 0, 4],
      [2, 0, 0],
      [spikeStepOfValue(0.9, encoding), 0, 1],
    ]);
    expect(spikeStepOfValue(0.9, encoding)).toBe(24);
  });
  it('rejects a threshold outside [0, 1]', () => {
    expect(() => encodeLatency([0.5], 1, { ...encoding, thresholdValue: 2 })).toThrow(expect.objectContaining({ parameter: 'thresholdValue', code: 'out-of-range' }));
  });
});
