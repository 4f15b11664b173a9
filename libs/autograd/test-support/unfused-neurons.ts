import { add, mul, sub } from '../src/ops/binary.js';
import { selectTime, stack } from '../src/ops/shape-ops.js';
import { heaviside } from '../src/spiking/heaviside.js';
import type { LifParameters } from '../src/spiking/lif.js';
import type { LiParameters } from '../src/spiking/li.js';
import { perNeuron, type PerNeuron } from '../src/spiking/neuron-parameters.js';
import type { Surrogate } from '../src/spiking/surrogate.js';
import { unterjubel } from '../src/spiking/unterjubel.js';
import { Tensor, full } from '../src/tensor.js';

/** A per-neuron parameter as a constant tensor of shape [neurons], broadcast by the elementwise ops. */
function neuronTensor(value: PerNeuron, neurons: number): Tensor {
  return new Tensor(Float32Array.from(perNeuron(value, neurons, 'value', 'unfused')), [neurons]);
}

/**
 * hxtorch's `cuba_lif_step` + `refractory_update` written step by step with primitive ops (heaviside with a
 * surrogate, detach for the reset, unterjubel for observables): the independent oracle for the fused op's
 * surrogate gradient, whose true gradient through the spike is zero.
 */
export function unfusedLif(input: Tensor, p: LifParameters, surrogate: Surrogate, observed: { spikes?: Tensor; membrane?: Tensor } = {}): { spikes: Tensor; membrane: Tensor } {
  const stepShape = input.shape.slice(1);
  const neurons = stepShape[stepShape.length - 1]!;
  const leak = neuronTensor(p.leak, neurons);
  const reset = neuronTensor(p.reset, neurons);
  const threshold = neuronTensor(p.threshold, neurons);
  const memGain = neuronTensor(Float32Array.from(perNeuron(p.tauMemUs, neurons, 'tau', 'unfused'), (tau) => p.dtUs / tau), neurons);
  const synDecay = neuronTensor(Float32Array.from(perNeuron(p.tauSynUs, neurons, 'tau', 'unfused'), (tau) => 1 - p.dtUs / tau), neurons);
  const refractorySteps = perNeuron(p.refractoryTimeUs, neurons, 'ref', 'unfused').map((time) => time / p.dtUs);
  let v = add(full(stepShape, 0), leak);
  let i = full(stepShape, 0);
  const counter = new Float32Array(v.size);
  const spikes: Tensor[] = [];
  const membrane: Tensor[] = [];
  for (let t = 0; t < input.shape[0]!; t++) {
    const dv = mul(memGain, add(sub(leak, v), i));
    i = add(mul(i, synDecay), selectTime(input, t));
    let vPre = add(v, dv);
    if (observed.membrane !== undefined) vPre = unterjubel(vPre, selectTime(observed.membrane, t));
    const spike = heaviside(sub(vPre, threshold), surrogate);
    let z = observed.spikes === undefined ? spike : unterjubel(spike, selectTime(observed.spikes, t));
    let vNext = observed.membrane === undefined ? add(mul(sub(1, z.detach()), vPre), mul(z.detach(), reset)) : vPre;
    const mask = new Tensor(counter.map((r) => (r > 0 ? 1 : 0)), stepShape);
    vNext = add(mul(sub(1, mask), vNext), mul(mask, reset));
    if (observed.membrane !== undefined) vNext = unterjubel(vNext, selectTime(observed.membrane, t));
    z = mul(sub(1, mask), z);
    if (observed.spikes !== undefined) z = unterjubel(z, selectTime(observed.spikes, t));
    for (let k = 0; k < counter.length; k++) {
      const fired = z.data[k]!;
      counter[k] = (1 - fired) * Math.max(counter[k]! - mask.data[k]!, 0) + fired * refractorySteps[k % neurons]!;
    }
    spikes.push(z);
    membrane.push(vNext);
    v = vNext;
  }
  return { spikes: stack(spikes), membrane: stack(membrane) };
}

/** hxtorch's `cuba_li_integration` written with primitive ops. */
export function unfusedLi(input: Tensor, p: LiParameters, observed?: Tensor): Tensor {
  const stepShape = input.shape.slice(1);
  const neurons = stepShape[stepShape.length - 1]!;
  const leak = neuronTensor(p.leak, neurons);
  let v = add(full(stepShape, 0), leak);
  let i = full(stepShape, 0);
  const membrane: Tensor[] = [];
  for (let t = 0; t < input.shape[0]!; t++) {
    const dv = mul(p.dtUs / (p.tauMemUs as number), add(sub(leak, v), i));
    i = add(mul(i, 1 - p.dtUs / (p.tauSynUs as number)), selectTime(input, t));
    v = add(v, dv);
    if (observed !== undefined) v = unterjubel(v, selectTime(observed, t));
    membrane.push(v);
  }
  return stack(membrane);
}
