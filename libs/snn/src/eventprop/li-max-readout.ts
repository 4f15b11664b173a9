import { membraneAfter, propagateAdjoint, propagateState, stationaryDelayUs, type CubaFlow } from './cuba-flow.js';
import type { SpikeEvents } from './spike-events.js';

/** Where each readout's maximum lies: decides which terms its gradient has. */
export const MaximumKind = {
  /** u stayed ≤ 0: the maximum is the resting 0 at t = 0, which no parameter moves. */
  Rest: 0,
  /** A stationary point between events (du/dt = 0, so moving it changes nothing to first order). */
  Stationary: 1,
  /** Just before an input event whose (negative) weight bends u down: the maximum moves with that event. */
  AtEvent: 2,
  /** The end of the window, t_sim. */
  End: 3,
} as const;

/** The LI readout's forward, per (sample, output): the score and where it was taken. */
export interface LiMaxRecord {
  /** max over [0, t_sim] of u, `[batch, outputs]`. */
  readonly scores: Float64Array;
  readonly kind: Uint8Array;
  readonly timeUs: Float64Array;
  /** Input events of the sample applied before the maximum (for AtEvent: the index of that event within the sample). */
  readonly eventsBefore: Int32Array;
  /** du/dt just before the event of an AtEvent maximum. */
  readonly slopeBefore: Float64Array;
}

/**
 * The LI readout's membrane maximum over [0, t_sim] (§6.7's decoding, max over time, without the dt grid), exact:
 * u is piecewise a sum of two exponentials with at most one stationary point per stretch between events, so the
 * maximum is u = 0 at rest, a stationary point, a value just before an event, or u(t_sim).
 */
export function liMaxForward(input: SpikeEvents, weights: Float64Array, inputs: number, outputs: number, flow: CubaFlow, tSimUs: number): LiMaxRecord {
  const size = input.batch * outputs;
  const record: LiMaxRecord = {
    scores: new Float64Array(size), kind: new Uint8Array(size), timeUs: new Float64Array(size),
    eventsBefore: new Int32Array(size), slopeBefore: new Float64Array(size),
  };
  const state = new Float64Array(2);
  for (let b = 0; b < input.batch; b++) {
    const start = input.offsets[b]!;
    const end = input.offsets[b + 1]!;
    for (let o = 0; o < outputs; o++) {
      const slot = b * outputs + o;
      state[0] = 0;
      state[1] = 0;
      let best = 0;
      let timeUs = 0;
      for (let e = start; e <= end; e++) {
        const arrives = e < end && input.timesUs[e]! <= tSimUs;
        const nextUs = arrives ? input.timesUs[e]! : tSimUs;
        const delayUs = nextUs - timeUs;
        const stationary = stationaryDelayUs(flow, state[0]!, state[1]!);
        if (stationary < delayUs) {
          const value = membraneAfter(flow, state[0]!, state[1]!, stationary);
          if (value > best) {
            best = value;
            record.kind[slot] = MaximumKind.Stationary;
            record.timeUs[slot] = timeUs + stationary;
            record.eventsBefore[slot] = e - start;
          }
        }
        propagateState(flow, state, delayUs);
        timeUs = nextUs;
        if (state[0]! > best) {
          best = state[0]!;
          record.kind[slot] = arrives ? MaximumKind.AtEvent : MaximumKind.End;
          record.timeUs[slot] = timeUs;
          record.eventsBefore[slot] = e - start;
          record.slopeBefore[slot] = (state[1]! - state[0]!) / flow.tauMemUs;
        }
        if (!arrives) break;
        state[1] = state[1]! + weights[o * inputs + input.sources[e]!]!;
      }
      record.scores[slot] = best;
    }
  }
  return record;
}

/**
 * The adjoint of `liMaxForward` for dL/dscores `[batch, outputs]`: backwards from t_sim with λ = 0, the score
 * adds dL/dscore to λ_u at the maximum (before an AtEvent's event, whose time also gets dL/dscore · u̇⁻, the
 * maximum moving with it); at each input event dL/dW += λ_I and dL/ds += W · (λ_I/τ_syn − λ_u/τ_mem), as in the
 * LIF adjoint. Adds into `gradWeights` `[outputs, inputs]` and `gradInputTimes` (indexed like the events).
 */
export function liMaxAdjoint(
  input: SpikeEvents, weights: Float64Array, inputs: number, outputs: number, flow: CubaFlow, tSimUs: number,
  record: LiMaxRecord, gradScores: Float64Array, gradWeights: Float64Array, gradInputTimes: Float64Array,
): void {
  const adjoint = new Float64Array(2);
  for (let b = 0; b < input.batch; b++) {
    const start = input.offsets[b]!;
    let end = input.offsets[b + 1]!;
    while (end > start && input.timesUs[end - 1]! > tSimUs) end--;
    for (let o = 0; o < outputs; o++) {
      const slot = b * outputs + o;
      const grad = gradScores[slot]!;
      if (grad === 0 || record.kind[slot] === MaximumKind.Rest) continue;
      adjoint[0] = 0;
      adjoint[1] = 0;
      let timeUs = tSimUs;
      for (let e = end - 1; e >= start - 1; e--) {
        if (record.eventsBefore[slot] === e - start + 1) {
          propagateAdjoint(flow, adjoint, timeUs - record.timeUs[slot]!);
          timeUs = record.timeUs[slot]!;
          adjoint[0] = adjoint[0]! + grad;
          if (record.kind[slot] === MaximumKind.AtEvent) gradInputTimes[e + 1] = gradInputTimes[e + 1]! + grad * record.slopeBefore[slot]!;
        }
        if (e < start) break;
        propagateAdjoint(flow, adjoint, timeUs - input.timesUs[e]!);
        timeUs = input.timesUs[e]!;
        const j = input.sources[e]!;
        gradWeights[o * inputs + j] = gradWeights[o * inputs + j]! + adjoint[1]!;
        gradInputTimes[e] = gradInputTimes[e]! + weights[o * inputs + j]! * (adjoint[1]! / flow.tauSynUs - adjoint[0]! / flow.tauMemUs);
      }
    }
  }
}
