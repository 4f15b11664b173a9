import { checkNumber } from '../argument-checks.js';
import type { DenseSpikes } from './dense-spikes.js';
import { encodeEachValue } from './per-value-encoding.js';
import { checkSpikeTimeGrid, checkUnitValue, spikeStepOfValue, type SpikeTimeGrid } from './spike-time-grid.js';

/** Latency (time-to-first-spike) encoding of intensities: the grid, a no-spike threshold, an optional bias. */
export interface LatencyEncoding extends SpikeTimeGrid {
  /** Intensities below this stay silent; at or above it they spike once. In [0, 1]. */
  readonly thresholdValue: number;
  readonly tBiasUs?: number;
}

/**
 * Defaults for MNIST16 (twin choice; the reference gives none): hxtorch's Yin-Yang grid (§6.7: dt 1 µs,
 * t_early 2 µs, t_late 26 µs, 38 steps) so both tasks fit the same time constants, and a threshold of 0.1 that
 * silences the faint anti-aliased rim the 28 → 16 downscale leaves around strokes, keeping about a fifth of
 * the pixels.
 */
export const MNIST16_LATENCY_ENCODING: LatencyEncoding = { dtUs: 1, steps: 38, tEarlyUs: 2, tLateUs: 26, thresholdValue: 0.1 };

/**
 * Encodes row-major intensities `[batch, channels]` in [0, 1], brighter earlier: an intensity v ≥ threshold
 * spikes in the bin the coordinate encoder gives the value 1 − v (so 1 → t_early, 0 → t_late); below the
 * threshold, no spike. Shares the binning kernel of `encodeCoordinates`. Returns `[steps, batch, channels (+1)]`.
 */
export function encodeLatency(values: ArrayLike<number>, batch: number, encoding: LatencyEncoding): DenseSpikes {
  checkSpikeTimeGrid(encoding);
  checkNumber('thresholdValue', encoding.thresholdValue, 0, 1);
  return encodeEachValue(values, batch, encoding, (index) => {
    const intensity = checkUnitValue(values[index]!, index);
    return intensity < encoding.thresholdValue ? undefined : spikeStepOfValue(1 - intensity, encoding);
  });
}
