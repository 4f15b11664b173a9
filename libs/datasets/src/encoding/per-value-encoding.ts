import { channelsPerSample } from './batch-shape.js';
import { emptySpikes, setSpike, type DenseSpikes } from './dense-spikes.js';
import { biasStep, type SpikeTimeGrid } from './spike-time-grid.js';

/**
 * The loop both encoders share: row-major values `[batch, channels]` become at most one spike each, in the step
 * `stepOf(index)` gives (undefined: no spike), and with `tBiasUs` an extra last input spikes in every sample.
 * Returns time-major `[steps, batch, channels (+1)]`. The grid must already be checked.
 */
export function encodeEachValue(
  values: ArrayLike<number>,
  batch: number,
  grid: SpikeTimeGrid & { readonly tBiasUs?: number },
  stepOf: (index: number) => number | undefined,
): DenseSpikes {
  const channels = channelsPerSample(values, batch);
  const bias = grid.tBiasUs === undefined ? undefined : biasStep(grid.tBiasUs, grid);
  const spikes = emptySpikes(grid.steps, batch, channels + (bias === undefined ? 0 : 1));
  for (let sample = 0; sample < batch; sample++) {
    for (let channel = 0; channel < channels; channel++) {
      const step = stepOf(sample * channels + channel);
      if (step !== undefined) setSpike(spikes, step, sample, channel);
    }
    if (bias !== undefined) setSpike(spikes, bias, sample, channels);
  }
  return spikes;
}
