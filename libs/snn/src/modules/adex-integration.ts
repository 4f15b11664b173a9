import { add, clamp, exp, heaviside, mul, selectTime, stack, sub, Tensor, unterjubel, zeros, type Surrogate } from '@bss2/autograd';
import type { AdExModelParameters } from './neuron-parameters.js';
import type { ModelObservation } from './neuron-module.js';

/** exp((v − v_T)/Δ_T) is capped at e^20: past it the neuron has long crossed threshold and would only overflow. */
const EXP_ARGUMENT_MAX = 20;

/**
 * AdEx integrated step by step from autograd's primitive ops (there is no fused AdEx kernel): hxtorch's
 * `cuba_aelif_integration` with the leak, exponential and both adaptation terms (equations in
 * `AdExModelParameters`). From v = leak, i = w = 0; one dt of synaptic delay as in LIF; reset with the spike
 * detached, as hxtorch. With observables, v'_t and z_t take the measured values through `unterjubel` (§6.4), and
 * a measured membrane is carried without software reset (it already contains the chip's).
 */
export function adexIntegration(
  input: Tensor, params: AdExModelParameters, dtUs: number, surrogate: Surrogate, observed: ModelObservation | null,
): { spikes: Tensor; membrane: Tensor } {
  const [steps, ...rest] = input.shape;
  const stateShape = rest;
  const memGain = dtUs / params.tauMemUs;
  const synDecay = 1 - dtUs / params.tauSynUs;
  const adaptationGain = dtUs / params.tauAdaptationUs;
  let v = add(zeros(stateShape), params.leak);
  let i = zeros(stateShape);
  let w = zeros(stateShape);
  const spikes: Tensor[] = [];
  const membrane: Tensor[] = [];
  for (let t = 0; t < steps!; t++) {
    let drive = add(sub(params.leak, v), sub(i, w));
    if (params.expSlope > 0) {
      const onset = exp(clamp(mul(sub(v, params.expThreshold), 1 / params.expSlope), -Infinity, EXP_ARGUMENT_MAX));
      drive = add(drive, mul(onset, params.expSlope));
    }
    let vPre = add(v, mul(drive, memGain));
    if (observed?.membrane) vPre = unterjubel(vPre, selectTime(observed.membrane, t));
    let z = heaviside(sub(vPre, params.threshold), surrogate);
    if (observed?.spikes) z = unterjubel(z, selectTime(observed.spikes, t));
    w = add(add(w, mul(sub(mul(sub(vPre, params.leak), params.adaptationStrength), w), adaptationGain)), mul(z, params.adaptationIncrement));
    i = add(mul(i, synDecay), selectTime(input, t));
    const fired = z.detach();
    v = observed?.membrane ? vPre : add(mul(vPre, sub(1, fired)), mul(fired, params.reset));
    spikes.push(z);
    membrane.push(v);
  }
  return { spikes: stack(spikes), membrane: stack(membrane) };
}
