import { propagateAdjoint } from './cuba-flow.js';
import type { EventPropConstants } from './eventprop-parameters.js';
import type { LifLayerRecord } from './lif-layer-forward.js';
import type { SpikeEvents } from './spike-events.js';

/** Gradients the LIF layer's adjoint adds into (float64, caller-owned). */
export interface LifLayerGradients {
  /** dL/dW `[neurons, inputs]`. */
  readonly weights: Float64Array;
  /** dL/d(time of input event e), indexed like the input events. */
  readonly inputTimes: Float64Array;
}

/**
 * EventProp's adjoint of one LIF layer (Wunderlich & Pehle 2021), given dL/dt_k for every output spike
 * (`gradSpikeTimes`, indexed like `record.spikes`, i.e. sorted per sample). Per neuron, backwards from t_sim with
 * λ = (λ_u, λ_I) = 0, where λ is dL/d(state) at that instant:
 *
 * - between events λ ← Φᵀ λ (`propagateAdjoint`, exact);
 * - at an output spike t_k, with u̇⁻ = (I − θ)/τ_mem (at least the record's `slopeFloor`) and u̇⁺ = (I − reset)/τ_mem: a perturbation δu⁻ moves the spike
 *   by δt_k = −δu⁻/u̇⁻ and the restarted membrane by −u̇⁺ δt_k, so λ_u⁻ = (u̇⁺/u̇⁻) λ_u⁺ − (dL/dt_k)/u̇⁻ and λ_I⁻ = λ_I⁺
 *   (the jump condition; the paper's recurrent term is dL/dt_k here, which the next layer's adjoint supplies);
 * - at an input event s of channel j: dL/dW[n, j] += λ_I, and since delaying the jump by δ changes the state by
 *   (−W δ/τ_mem, +W δ/τ_syn), dL/ds += W · (λ_I/τ_syn − λ_u/τ_mem).
 */
export function lifLayerAdjoint(
  input: SpikeEvents, weights: Float64Array, inputs: number, record: LifLayerRecord, gradSpikeTimes: Float64Array,
  c: EventPropConstants, into: LifLayerGradients,
): void {
  const { hiddenFlow: flow, thresholdU, resetU, tSimUs } = c;
  const { neurons, neuronOffsets, timesUs, currentAtSpike, inputsBefore, order, slopeFloor } = record;
  // dL/dt_k in found order.
  const gradFound = new Float64Array(order.length);
  for (let e = 0; e < order.length; e++) gradFound[order[e]!] = gradSpikeTimes[e]!;
  const adjoint = new Float64Array(2);
  for (let b = 0; b < input.batch; b++) {
    const start = input.offsets[b]!;
    let end = input.offsets[b + 1]!;
    while (end > start && input.timesUs[end - 1]! > tSimUs) end--;
    for (let n = 0; n < neurons; n++) {
      const first = neuronOffsets[b * neurons + n]!;
      let k = neuronOffsets[b * neurons + n + 1]! - 1;
      adjoint[0] = 0;
      adjoint[1] = 0;
      let timeUs = tSimUs;
      for (let e = end - 1; e >= start - 1; e--) {
        // The neuron's spikes after input event e, latest first.
        while (k >= first && inputsBefore[k] === e - start + 1) {
          propagateAdjoint(flow, adjoint, timeUs - timesUs[k]!);
          timeUs = timesUs[k]!;
          const slopeBefore = Math.max((currentAtSpike[k]! - thresholdU) / flow.tauMemUs, slopeFloor);
          const slopeAfter = (currentAtSpike[k]! - resetU) / flow.tauMemUs;
          adjoint[0] = (slopeAfter / slopeBefore) * adjoint[0]! - gradFound[k]! / slopeBefore;
          k--;
        }
        if (e < start) break;
        propagateAdjoint(flow, adjoint, timeUs - input.timesUs[e]!);
        timeUs = input.timesUs[e]!;
        const j = input.sources[e]!;
        const lambdaU = adjoint[0]!;
        const lambdaI = adjoint[1]!;
        into.weights[n * inputs + j] = into.weights[n * inputs + j]! + lambdaI;
        into.inputTimes[e] = into.inputTimes[e]! + weights[n * inputs + j]! * (lambdaI / flow.tauSynUs - lambdaU / flow.tauMemUs);
      }
    }
  }
}
