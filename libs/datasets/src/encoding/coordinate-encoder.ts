import type { DenseSpikes } from './dense-spikes.js';
import { encodeEachValue } from './per-value-encoding.js';
import { checkSpikeTimeGrid, spikeStepOfValue, type SpikeTimeGrid } from './spike-time-grid.js';

/** hxtorch's `CoordinatesToSpikes` settings: the time grid plus an optional bias spike time. */
export interface CoordinateEncoding extends SpikeTimeGrid {
  /** With a bias time, one extra input (the last) spikes at this time in every sample. */
  readonly tBiasUs?: number;
}

/**
 * §6.7: hxtorch's Yin-Yang example encodes with t_early 2 µs, t_late 26 µs, t_bias 2 µs on a dt = 1 µs grid
 * over t_sim = 38 µs, so 38 steps.
 */
export const HXTORCH_YIN_YANG_ENCODING: CoordinateEncoding = { dtUs: 1, steps: 38, tEarlyUs: 2, tLateUs: 26, tBiasUs: 2 };

/**
 * Encodes row-major values `[batch, channels]` in [0, 1] as one spike each (hxtorch `CoordinatesToSpikes`,
 * §6.7): value v spikes in bin round((t_early + v · (t_late − t_early)) / dt); with `tBiasUs` an extra last
 * input spikes in bin trunc(t_bias / dt). Returns time-major `[steps, batch, channels (+1)]`.
 */
export function encodeCoordinates(values: ArrayLike<number>, batch: number, encoding: CoordinateEncoding): DenseSpikes {
  checkSpikeTimeGrid(encoding);
  return encodeEachValue(values, batch, encoding, (index) => spikeStepOfValue(values[index]!, encoding, index));
}
