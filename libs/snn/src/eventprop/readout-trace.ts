import { checkInteger, checkPositive } from '../snn-error.js';
import { propagateState } from './cuba-flow.js';
import type { EventNetworkRecord } from './eventprop-network.js';

/**
 * The readout membranes of a forward sampled at t = s · dt for s = 0 … steps − 1, time-major `[steps, batch,
 * outputs]` like the grid model's `membraneCadc` (for plots: the event-driven model has no grid of its own). Exact
 * at each sample time: the flow runs from event to event and on to the next sample.
 */
export function readoutTrace(record: EventNetworkRecord, weightOutput: Float64Array, outputs: number, dtUs: number, steps: number): Float32Array {
  checkPositive('readoutTrace', 'dtUs', dtUs);
  checkInteger('readoutTrace', 'steps', steps, 1);
  const events = record.hiddenLayer.spikes;
  const hidden = record.hiddenLayer.neurons;
  const flow = record.constants.readoutFlow;
  const batch = events.batch;
  const trace = new Float32Array(steps * batch * outputs);
  const state = new Float64Array(2);
  for (let b = 0; b < batch; b++) {
    for (let o = 0; o < outputs; o++) {
      state[0] = 0;
      state[1] = 0;
      let timeUs = 0;
      let e = events.offsets[b]!;
      const end = events.offsets[b + 1]!;
      for (let s = 0; s < steps; s++) {
        const sampleUs = s * dtUs;
        for (; e < end && events.timesUs[e]! <= sampleUs; e++) {
          propagateState(flow, state, events.timesUs[e]! - timeUs);
          timeUs = events.timesUs[e]!;
          state[1] = state[1]! + weightOutput[o * hidden + events.sources[e]!]!;
        }
        propagateState(flow, state, sampleUs - timeUs);
        timeUs = sampleUs;
        trace[(s * batch + b) * outputs + o] = state[0]!;
      }
    }
  }
  return trace;
}
