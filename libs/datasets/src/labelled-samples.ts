import { checkInteger } from './argument-checks.js';

/**
 * A labelled data set held in flat typed arrays: sample `i` is `features[i·featureCount … (i+1)·featureCount)`
 * with class `labels[i]` (an index into `classNames`).
 */
export interface LabelledSamples {
  readonly name: string;
  readonly size: number;
  readonly featureCount: number;
  readonly features: Float64Array | Float32Array;
  readonly labels: Uint8Array;
  readonly classNames: readonly string[];
}

/** The features of the samples at `indices`, row-major `[indices.length, featureCount]`. */
export function gatherFeatures(samples: LabelledSamples, indices: ArrayLike<number>): Float64Array {
  const width = samples.featureCount;
  const out = new Float64Array(indices.length * width);
  for (let row = 0; row < indices.length; row++) {
    const index = checkInteger(`indices[${row}]`, indices[row]!, 0, samples.size - 1);
    for (let k = 0; k < width; k++) out[row * width + k] = samples.features[index * width + k]!;
  }
  return out;
}

/** The labels of the samples at `indices`. */
export function gatherLabels(samples: LabelledSamples, indices: ArrayLike<number>): Int32Array {
  const out = new Int32Array(indices.length);
  for (let row = 0; row < indices.length; row++) {
    out[row] = samples.labels[checkInteger(`indices[${row}]`, indices[row]!, 0, samples.size - 1)]!;
  }
  return out;
}

/** How many samples of each class. */
export function classCounts(samples: LabelledSamples): number[] {
  const counts = new Array<number>(samples.classNames.length).fill(0);
  for (const label of samples.labels) counts[label] = counts[label]! + 1;
  return counts;
}
