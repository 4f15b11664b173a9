import type { DenseSpikes } from '../encoding/dense-spikes.js';
import { gatherFeatures, gatherLabels, type LabelledSamples } from '../labelled-samples.js';

/** Turns row-major features `[batch, featureCount]` into a time-major spike tensor. */
export type SpikeEncoder = (features: Float64Array, batch: number) => DenseSpikes;

export interface EncodedBatch {
  /** `[steps, batch, inputs]`. */
  readonly spikes: DenseSpikes;
  readonly labels: Int32Array;
  /** Which samples of the data set, in batch order. */
  readonly indices: Int32Array;
}

/** Gathers and encodes each batch of indices in turn. */
export function* encodeBatches(samples: LabelledSamples, encode: SpikeEncoder, batches: Iterable<Int32Array>): Generator<EncodedBatch> {
  for (const indices of batches) {
    yield { spikes: encode(gatherFeatures(samples, indices), indices.length), labels: gatherLabels(samples, indices), indices };
  }
}
