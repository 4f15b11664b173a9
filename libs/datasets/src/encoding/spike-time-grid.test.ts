import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { biasStep, checkSpikeTimeGrid, roundHalfToEven, spikeStepOfValue } from './spike-time-grid.js';

const YIN_YANG_GRID = { dtUs: 1, steps: 38, tEarlyUs: 2, tLateUs: 26 };

describe('spike time grid', () => {
  it('rounds half to even like torch.round', () => {
    expect([0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 2.4999, 2.5001].map(roundHalfToEven)).toEqual([0, 2, 2, 4, 0, -2, 2, 3]);
  });
  it("bins hxtorch's Yin-Yang values: 0 → 2 µs, 1 → 26 µs, 0.5 → 14 µs (§6.7)", () => {
    expect([0, 0.25, 0.5, 0.75, 1].map((v) => spikeStepOfValue(v, YIN_YANG_GRID))).toEqual([2, 8, 14, 20, 26]);
    // 13.5 µs sits between bins 13 and 14: round half to even picks 14; 14.5 µs picks 14 too.
    expect(spikeStepOfValue(11.5 / 24, YIN_YANG_GRID)).toBe(14);
    expect(spikeStepOfValue(12.5 / 24, YIN_YANG_GRID)).toBe(14);
  });
  it('bins the bias spike by truncation, as hxtorch does', () => {
    expect(biasStep(2, YIN_YANG_GRID)).toBe(2);
    expect(biasStep(2.9, YIN_YANG_GRID)).toBe(2);
    expect(biasStep(37.99, YIN_YANG_GRID)).toBe(37);
    expect(() => biasStep(38, YIN_YANG_GRID)).toThrow(expect.objectContaining({ parameter: 'tBiasUs', code: 'out-of-range' }));
  });
  it('rejects values outside [0, 1] naming the value and the range', () => {
    expect(() => spikeStepOfValue(1.5, YIN_YANG_GRID)).toThrow(DatasetError);
    expect(() => spikeStepOfValue(-0.1, YIN_YANG_GRID)).toThrow(/value must lie in \[0, 1\], got -0\.1/);
    expect(() => spikeStepOfValue(Number.NaN, YIN_YANG_GRID)).toThrow(expect.objectContaining({ code: 'not-finite' }));
  });
  it('rejects grids whose window does not fit', () => {
    expect(() => checkSpikeTimeGrid({ ...YIN_YANG_GRID, tLateUs: 38 })).toThrow(expect.objectContaining({ parameter: 'tLateUs', code: 'out-of-range' }));
    expect(() => checkSpikeTimeGrid({ ...YIN_YANG_GRID, tLateUs: 1 })).toThrow(/tLateUs must lie in \[2, /);
    expect(() => checkSpikeTimeGrid({ ...YIN_YANG_GRID, dtUs: 0 })).toThrow(expect.objectContaining({ parameter: 'dtUs' }));
    expect(() => checkSpikeTimeGrid({ ...YIN_YANG_GRID, steps: 0 })).toThrow(expect.objectContaining({ parameter: 'steps', range: { min: 1, max: 1_000_000 } }));
    expect(() => checkSpikeTimeGrid({ ...YIN_YANG_GRID, tEarlyUs: -1 })).toThrow(expect.objectContaining({ parameter: 'tEarlyUs' }));
    expect(checkSpikeTimeGrid({ ...YIN_YANG_GRID, tLateUs: 37.4 })).toBeDefined();
  });
});
