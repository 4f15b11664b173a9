import { SnnError } from '../snn-error.js';

/**
 * Spike events of a batch in continuous time (µs), sorted by time within each sample: sample b owns the events
 * `offsets[b] .. offsets[b + 1] − 1`; `sources` names the sending channel or neuron of each.
 */
export interface SpikeEvents {
  readonly batch: number;
  readonly offsets: Int32Array;
  readonly timesUs: Float64Array;
  readonly sources: Int32Array;
}

/**
 * One spike per channel from row-major times `[batch, channels]` (the Yin-Yang and latency encodings, §6.7):
 * event `offsets[b] + k` is the k-th earliest spike of sample b (ties in channel order), so the flat index of its
 * time is `b · channels + sources[e]`.
 */
export function eventsFromTimes(where: string, timesUs: ArrayLike<number>, batch: number, channels: number): SpikeEvents {
  const count = batch * channels;
  const events: SpikeEvents = { batch, offsets: new Int32Array(batch + 1), timesUs: new Float64Array(count), sources: new Int32Array(count) };
  for (let k = 0; k < count; k++) {
    const time = timesUs[k]!;
    if (!(Number.isFinite(time) && time >= 0)) {
      throw new SnnError('out-of-range', `${where}: input spike time ${time} µs (sample ${Math.floor(k / channels)}, channel ${k % channels}) must be a finite number ≥ 0`, 'inputTimesUs', time, '[0, ∞) µs');
    }
  }
  for (let b = 0; b < batch; b++) {
    const start = b * channels;
    events.offsets[b + 1] = start + channels;
    const order = events.sources.subarray(start, start + channels);
    for (let c = 0; c < channels; c++) order[c] = c;
    order.sort((x, y) => timesUs[start + x]! - timesUs[start + y]! || x - y);
    for (let c = 0; c < channels; c++) events.timesUs[start + c] = timesUs[start + order[c]!]!;
  }
  return events;
}

/**
 * The spike time of each (sample, channel) of a time-major dense grid `[steps, batch, channels]` (libs/datasets'
 * encoders): step s is time s · dt, as the grid model injects an input in the step it arrives. Every channel must
 * spike exactly once per sample.
 */
export function spikeTimesOfGrid(where: string, dense: ArrayLike<number>, shape: readonly [number, number, number], dtUs: number): Float64Array {
  const [steps, batch, channels] = shape;
  const times = new Float64Array(batch * channels).fill(Number.NaN);
  for (let s = 0; s < steps; s++) {
    for (let k = 0; k < batch * channels; k++) {
      if (dense[s * batch * channels + k] === 0) continue;
      if (!Number.isNaN(times[k]!)) {
        throw new SnnError('shape-mismatch', `${where}: channel ${k % channels} of sample ${Math.floor(k / channels)} spikes more than once; EventProp's input takes one spike per channel`, 'spikes', k, 'one spike per channel and sample');
      }
      times[k] = s * dtUs;
    }
  }
  const silent = times.findIndex((time) => Number.isNaN(time));
  if (silent >= 0) {
    throw new SnnError('shape-mismatch', `${where}: channel ${silent % channels} of sample ${Math.floor(silent / channels)} never spikes; EventProp's input takes one spike per channel`, 'spikes', silent, 'one spike per channel and sample');
  }
  return times;
}
