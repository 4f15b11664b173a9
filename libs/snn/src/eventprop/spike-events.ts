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
 * At most one spike per channel from row-major times `[batch, channels]` (the Yin-Yang and latency encodings, §6.7):
 * +∞ is a channel that stays silent (a latency-encoded pixel below threshold) and makes no event. Event
 * `offsets[b] + k` is the k-th earliest spike of sample b (ties in channel order), so the flat index of its time is
 * `b · channels + sources[e]`.
 */
export function eventsFromTimes(where: string, timesUs: ArrayLike<number>, batch: number, channels: number): SpikeEvents {
  const count = batch * channels;
  let spikes = 0;
  for (let k = 0; k < count; k++) {
    const time = timesUs[k]!;
    if (time === Infinity) continue;
    if (!(Number.isFinite(time) && time >= 0)) {
      throw new SnnError('out-of-range', `${where}: input spike time ${time} µs (sample ${Math.floor(k / channels)}, channel ${k % channels}) must be a finite number ≥ 0, or +∞ for no spike`, 'inputTimesUs', time, '[0, ∞) µs or +∞');
    }
    spikes++;
  }
  const events: SpikeEvents = { batch, offsets: new Int32Array(batch + 1), timesUs: new Float64Array(spikes), sources: new Int32Array(spikes) };
  const order = new Int32Array(channels);
  for (let b = 0; b < batch; b++) {
    const start = b * channels;
    let firing = 0;
    for (let c = 0; c < channels; c++) if (timesUs[start + c] !== Infinity) order[firing++] = c;
    const sorted = order.subarray(0, firing).sort((x, y) => timesUs[start + x]! - timesUs[start + y]! || x - y);
    const first = events.offsets[b]!;
    events.offsets[b + 1] = first + firing;
    events.sources.set(sorted, first);
    for (let k = 0; k < firing; k++) events.timesUs[first + k] = timesUs[start + sorted[k]!]!;
  }
  return events;
}

/**
 * The spike time of each (sample, channel) of a time-major dense grid `[steps, batch, channels]` (libs/datasets'
 * encoders): step s is time s · dt, as the grid model injects an input in the step it arrives; +∞ for a channel
 * that never spikes. A channel spiking twice in one sample is an error: EventProp's input takes one spike per channel.
 */
export function spikeTimesOfGrid(where: string, dense: ArrayLike<number>, shape: readonly [number, number, number], dtUs: number): Float64Array {
  const [steps, batch, channels] = shape;
  const times = new Float64Array(batch * channels).fill(Infinity);
  for (let s = 0; s < steps; s++) {
    for (let k = 0; k < batch * channels; k++) {
      if (dense[s * batch * channels + k] === 0) continue;
      if (times[k] !== Infinity) {
        throw new SnnError('shape-mismatch', `${where}: channel ${k % channels} of sample ${Math.floor(k / channels)} spikes more than once; EventProp's input takes one spike per channel`, 'spikes', k, 'at most one spike per channel and sample');
      }
      times[k] = s * dtUs;
    }
  }
  return times;
}

/**
 * Gradients per input event (indexed like `events`) gathered back to row-major `[batch, channels]`: event e of
 * sample b is channel `sources[e]` (`eventsFromTimes`); a silent channel keeps 0.
 */
export function channelGradients(events: SpikeEvents, gradEvents: Float64Array, channels: number): Float64Array {
  const gradients = new Float64Array(events.batch * channels);
  for (let b = 0; b < events.batch; b++) {
    for (let e = events.offsets[b]!; e < events.offsets[b + 1]!; e++) gradients[b * channels + events.sources[e]!] = gradEvents[e]!;
  }
  return gradients;
}
