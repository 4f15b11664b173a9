import { record } from '../tape.js';
import { Tensor } from '../tensor.js';
import { checkDt, checkObserved, perNeuron, timeMajorLayout, type PerNeuron } from './neuron-parameters.js';

/**
 * Leaky integrator (the non-spiking readout), integrated as hxtorch's `cuba_li_integration` (reference §6.2,
 * §6.7). Per step t, for input x_t:
 *
 *     v_t = v_{t−1} + dt/τ_mem · (leak − v_{t−1} + i_{t−1})
 *     i_t = i_{t−1} · (1 − dt/τ_syn) + x_t
 *
 * from v = leak, i = 0. Voltages in model units, times in µs of hardware time.
 */
export interface LiParameters {
  readonly leak: PerNeuron;
  readonly tauMemUs: PerNeuron;
  readonly tauSynUs: PerNeuron;
  readonly dtUs: number;
}

export interface LiOptions {
  /**
   * Hardware-in-the-loop: the membrane measured on the chip (CADC on the dt grid, in model units; reference
   * §6.4) becomes the output and the state carried to the next step, while the gradient is that of this model.
   */
  readonly observed?: { readonly membrane?: Tensor };
}

/**
 * The backward kernel. The readout is linear, so its adjoint does not depend on the trajectory:
 *
 *     dL/di_t = (1 − dt/τ_syn) · dL/di_{t+1} + dt/τ_mem · dL/dv_{t+1}         (= dL/dx_t)
 *     dL/dv_t = gv_t + (1 − dt/τ_mem) · dL/dv_{t+1}
 */
function liBackward(grad: Float32Array, steps: number, perStep: number, memGain: Float32Array, synDecay: Float32Array, gradInput: Float32Array): void {
  const neurons = memGain.length;
  const gradVNext = new Float32Array(perStep);
  const gradINext = new Float32Array(perStep);
  for (let t = steps - 1; t >= 0; t--) {
    const base = t * perStep;
    for (let j0 = 0; j0 < perStep; j0 += neurons) {
      for (let n = 0; n < neurons; n++) {
        const j = j0 + n;
        const gain = memGain[n]!;
        const carried = gradVNext[j]!;
        const gradI = synDecay[n]! * gradINext[j]! + gain * carried;
        gradVNext[j] = grad[base + j]! + (1 - gain) * carried;
        gradINext[j] = gradI;
        gradInput[base + j] = gradI;
      }
    }
  }
}

/** Fused LI integration over time; `input` (T, ..., neurons) time-major, output the membrane of the same shape. */
export function liIntegration(input: Tensor, params: LiParameters, options: LiOptions = {}): Tensor {
  const where = 'liIntegration';
  const { steps, perStep, neurons } = timeMajorLayout(input, where);
  checkDt(params.dtUs, where);
  const leak = perNeuron(params.leak, neurons, 'leak', where);
  const memGain = perNeuron(params.tauMemUs, neurons, 'tauMemUs', where, 'positive').map((tau) => params.dtUs / tau);
  const synDecay = perNeuron(params.tauSynUs, neurons, 'tauSynUs', where, 'positive').map((tau) => 1 - params.dtUs / tau);
  const observed = checkObserved(options.observed?.membrane, input, 'membrane', where);
  const x = input.data;
  const membrane = new Float32Array(input.size);
  const v = new Float32Array(perStep);
  const i = new Float32Array(perStep);
  for (let j = 0; j < perStep; j += neurons) v.set(leak, j);
  for (let t = 0; t < steps; t++) {
    const base = t * perStep;
    for (let j0 = 0; j0 < perStep; j0 += neurons) {
      for (let n = 0; n < neurons; n++) {
        const j = j0 + n;
        const dv = memGain[n]! * (leak[n]! - v[j]! + i[j]!);
        i[j] = i[j]! * synDecay[n]! + x[base + j]!;
        v[j] = observed === null ? v[j]! + dv : observed[base + j]!;
        membrane[base + j] = v[j]!;
      }
    }
  }
  return record(new Tensor(membrane, input.shape), 'liIntegration', [input], (grad) => {
    const gradInput = new Float32Array(input.size);
    liBackward(grad, steps, perStep, memGain, synDecay, gradInput);
    return [gradInput];
  });
}
