import type { EventPropConstants } from './eventprop-parameters.js';
import { layerRecordOf, SpikeColumns, type LifLayerRecord } from './lif-layer-forward.js';
import type { SpikeEvents } from './spike-events.js';

/**
 * The least u̇⁻ (threshold per τ_mem, times this) the adjoint divides by at an observed spike: a tenth of the slope of a
 * current twice the threshold. Chip and model disagree a little on when a neuron crosses; where the model's
 * current at the chip's spike time barely reaches (or misses) threshold, the exact jump's 1/u̇⁻ would blow up.
 */
export const OBSERVED_SLOPE_FLOOR = 0.1;

/**
 * A `LifLayerRecord` from spikes a chip fired, for EventProp with hardware in the loop (§6.4's principle: the
 * forward is the chip's, the gradient the model's evaluated on its observables; Pehle et al. 2023 did this on
 * BrainScaleS-2). `observed` lists each sample's hidden spikes sorted by time, `sources` the neuron. Each spike t_k
 * of neuron n gets the model's synaptic current I(t_k) = Σ W[n, j] e^{−(t_k − s)/τ_syn} over the input events
 * s < t_k — no reset touches the current, so it follows from the input times and weights alone — and the count
 * of those events. u̇⁻ is floored at `OBSERVED_SLOPE_FLOOR` · θ/τ_mem (`slopeFloor`). Spikes after t_sim are
 * left out, as the exact forward never finds them.
 */
export function observedLifLayerRecord(
  input: SpikeEvents, observed: SpikeEvents, weights: Float64Array, inputs: number, neurons: number, c: EventPropConstants,
): LifLayerRecord {
  const { hiddenFlow: flow, tSimUs } = c;
  const columns = new SpikeColumns();
  const neuronOffsets = new Int32Array(input.batch * neurons + 1);
  const byNeuron = Array.from({ length: neurons }, () => [] as number[]);
  for (let b = 0; b < input.batch; b++) {
    for (const list of byNeuron) list.length = 0;
    for (let e = observed.offsets[b]!; e < observed.offsets[b + 1]!; e++) {
      if (observed.timesUs[e]! <= tSimUs) byNeuron[observed.sources[e]!]!.push(observed.timesUs[e]!);
    }
    const start = input.offsets[b]!;
    const end = input.offsets[b + 1]!;
    for (let n = 0; n < neurons; n++) {
      for (const timeUs of byNeuron[n]!) {
        let current = 0;
        let before = 0;
        for (let e = start; e < end && input.timesUs[e]! < timeUs; e++, before++) {
          current += weights[n * inputs + input.sources[e]!]! * Math.exp(-(timeUs - input.timesUs[e]!) / flow.tauSynUs);
        }
        columns.push(timeUs, current, before, n);
      }
      neuronOffsets[b * neurons + n + 1] = columns.length;
    }
  }
  return layerRecordOf(columns, neuronOffsets, input.batch, neurons, (OBSERVED_SLOPE_FLOOR * c.thresholdU) / flow.tauMemUs);
}
