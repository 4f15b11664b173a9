import { SnnError } from '../snn-error.js';
import { propagateState } from './cuba-flow.js';
import type { EventPropConstants } from './eventprop-parameters.js';
import type { SpikeEvents } from './spike-events.js';
import { firstCrossingDelayUs } from './threshold-crossing.js';

/**
 * What the LIF layer's forward leaves for its adjoint. Spikes are stored in the order they were found — sample
 * by sample, neuron by neuron, in time — so neuron n of sample b owns `neuronOffsets[b · neurons + n] ..
 * neuronOffsets[b · neurons + n + 1] − 1`; `spikes` lists the same spikes sorted by time per sample (the next
 * layer's input) and `order[e]` is the found-order index of sorted spike e.
 */
export interface LifLayerRecord {
  readonly neurons: number;
  readonly neuronOffsets: Int32Array;
  /** Found order: spike time, the synaptic current at the spike, and how many input events preceded it. */
  readonly timesUs: Float64Array;
  readonly currentAtSpike: Float64Array;
  readonly inputsBefore: Int32Array;
  readonly order: Int32Array;
  readonly spikes: SpikeEvents;
  /**
   * Least u̇⁻ the adjoint's jump divides by: 0 for the exact forward (its crossings rise, u̇⁻ > 0); positive for
   * spikes observed on a chip, where the model's current at the chip's spike time may not reach threshold.
   */
  readonly slopeFloor: number;
}

/** Growable float64/int32 columns, so the forward allocates only when a batch fires more than ever before. */
export class SpikeColumns {
  timesUs = new Float64Array(1024);
  currents = new Float64Array(1024);
  inputsBefore = new Int32Array(1024);
  neuron = new Int32Array(1024);
  length = 0;

  push(timeUs: number, current: number, inputsBefore: number, neuron: number): void {
    if (this.length === this.timesUs.length) this.grow();
    this.timesUs[this.length] = timeUs;
    this.currents[this.length] = current;
    this.inputsBefore[this.length] = inputsBefore;
    this.neuron[this.length] = neuron;
    this.length++;
  }

  private grow(): void {
    const capacity = 2 * this.timesUs.length;
    const widen = <T extends Float64Array | Int32Array>(old: T, make: (n: number) => T): T => {
      const next = make(capacity);
      next.set(old);
      return next;
    };
    this.timesUs = widen(this.timesUs, (n) => new Float64Array(n));
    this.currents = widen(this.currents, (n) => new Float64Array(n));
    this.inputsBefore = widen(this.inputsBefore, (n) => new Int32Array(n));
    this.neuron = widen(this.neuron, (n) => new Int32Array(n));
  }
}

/**
 * Exact event-driven forward of a current-based LIF layer (weights `[neurons, inputs]`, float64) over [0, t_sim]:
 * between input events the closed-form flow, spike times by root finding (`firstCrossingDelayUs`), reset to
 * `reset` at each spike, and an input event of channel j adds W[n, j] to neuron n's current. Inputs after t_sim
 * have no effect.
 */
export function lifLayerForward(input: SpikeEvents, weights: Float64Array, inputs: number, neurons: number, c: EventPropConstants): LifLayerRecord {
  const { hiddenFlow: flow, thresholdU, resetU, tSimUs, maxSpikesPerNeuron } = c;
  const columns = new SpikeColumns();
  const neuronOffsets = new Int32Array(input.batch * neurons + 1);
  const state = new Float64Array(2);
  for (let b = 0; b < input.batch; b++) {
    const start = input.offsets[b]!;
    const end = input.offsets[b + 1]!;
    for (let n = 0; n < neurons; n++) {
      state[0] = 0;
      state[1] = 0;
      let timeUs = 0;
      const first = columns.length;
      for (let e = start; e <= end; e++) {
        const arrives = e < end && input.timesUs[e]! <= tSimUs;
        const nextUs = arrives ? input.timesUs[e]! : tSimUs;
        let delayUs = nextUs - timeUs;
        for (;;) {
          const crossingUs = firstCrossingDelayUs(flow, state[0]!, state[1]!, thresholdU, delayUs);
          if (Number.isNaN(crossingUs)) break;
          // Spike: the current runs on, the membrane restarts at the reset (no refractory period).
          state[1] = state[1]! * Math.exp(-crossingUs / flow.tauSynUs);
          state[0] = resetU;
          timeUs += crossingUs;
          delayUs -= crossingUs;
          columns.push(timeUs, state[1], e - start, n);
          if (columns.length - first > maxSpikesPerNeuron) {
            throw new SnnError('out-of-range', `lifLayerForward: neuron ${n} of sample ${b} fires more than maxSpikesPerNeuron = ${maxSpikesPerNeuron} spikes in ${tSimUs} µs`, 'maxSpikesPerNeuron', columns.length - first, `1..${maxSpikesPerNeuron}`);
          }
        }
        propagateState(flow, state, delayUs);
        timeUs = nextUs;
        if (!arrives) break;
        state[1] = state[1]! + weights[n * inputs + input.sources[e]!]!;
      }
      neuronOffsets[b * neurons + n + 1] = columns.length;
    }
  }
  return layerRecordOf(columns, neuronOffsets, input.batch, neurons, 0);
}

/**
 * The record of spikes found sample by sample, neuron by neuron, in time: copies them out and sorts each sample's
 * spikes by time (ties by neuron) for the next layer.
 */
export function layerRecordOf(columns: SpikeColumns, neuronOffsets: Int32Array, batch: number, neurons: number, slopeFloor: number): LifLayerRecord {
  const count = columns.length;
  const timesUs = columns.timesUs.slice(0, count);
  const order = new Int32Array(count);
  const offsets = new Int32Array(batch + 1);
  const sortedTimes = new Float64Array(count);
  const sources = new Int32Array(count);
  for (let b = 0; b < batch; b++) {
    const start = neuronOffsets[b * neurons]!;
    const end = neuronOffsets[(b + 1) * neurons]!;
    offsets[b + 1] = end;
    const segment = order.subarray(start, end);
    for (let k = 0; k < segment.length; k++) segment[k] = start + k;
    segment.sort((x, y) => timesUs[x]! - timesUs[y]! || x - y);
    for (let e = start; e < end; e++) {
      sortedTimes[e] = timesUs[order[e]!]!;
      sources[e] = columns.neuron[order[e]!]!;
    }
  }
  return {
    neurons,
    neuronOffsets,
    timesUs,
    currentAtSpike: columns.currents.slice(0, count),
    inputsBefore: columns.inputsBefore.slice(0, count),
    order,
    spikes: { batch, offsets, timesUs: sortedTimes, sources },
    slopeFloor,
  };
}
