import { checkInteger } from '../argument-checks.js';
import { DatasetError } from '../dataset-error.js';

/** The number of channels per sample of a row-major `[batch, channels]` array, checked to divide evenly. */
export function channelsPerSample(values: ArrayLike<number>, batch: number): number {
  checkInteger('batch', batch, 1, Math.max(1, values.length));
  const channels = values.length / batch;
  if (!Number.isInteger(channels)) {
    throw new DatasetError(
      'shape-mismatch',
      'values.length',
      values.length,
      undefined,
      `values.length = ${values.length} is not a multiple of batch = ${batch}; expected row-major [batch, channels]`,
    );
  }
  return channels;
}
