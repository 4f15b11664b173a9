import { record } from '../tape.js';
import { Tensor } from '../tensor.js';
import { checkDt, checkObserved, perNeuron, timeMajorLayout, type PerNeuron } from './neuron-parameters.js';
import { checkSurrogate, defaultSurrogate, slopeFunction, type Surrogate } from './surrogate.js';

/**
 * Current-based LIF neuron with exponential synapses, integrated on the dt grid exactly as hxtorch's
 * `cuba_lif_step` / `cuba_refractory_lif_integration` do (reference §6.2–§6.4). Per step t, for input x_t:
 *
 *     v'_t = v_{t−1} + dt/τ_mem · (leak − v_{t−1} + i_{t−1})      membrane leak and synaptic drive
 *     i_t  = i_{t−1} · (1 − dt/τ_syn) + x_t                         exponential synaptic current
 *     z_t  = H(v'_t − threshold)                                    spike (surrogate gradient in backward)
 *     v_t  = (1 − z_t) · v'_t + z_t · reset                         reset (z detached, as hxtorch)
 *     refractory: while the counter r > 0, v_t = reset and z_t = 0; a spike sets r = t_ref/dt, each step
 *     decrements it (hxtorch's `refractory_update`, after Norse's lif_refrac).
 *
 * Starts from v = leak, i = 0, no spike; one dt of synaptic delay between input and membrane. Voltages are in the
 * model's units (hxtorch's model values, e.g. leak 0, threshold 1); times in µs of hardware time.
 */
export interface LifParameters {
  readonly leak: PerNeuron;
  readonly reset: PerNeuron;
  readonly threshold: PerNeuron;
  readonly tauMemUs: PerNeuron;
  readonly tauSynUs: PerNeuron;
  /** 0 disables the refractory period (hxtorch's plain `cuba_lif_integration`). */
  readonly refractoryTimeUs: PerNeuron;
  readonly dtUs: number;
}

/**
 * Observables measured on the chip for the same input, on the same (T, ..., neurons) grid: spikes binned onto dt
 * and the membrane (CADC) interpolated onto dt and mapped to model units, (trace − offset) · scale (reference
 * §6.4). Either may be given alone.
 */
export interface LifObservation {
  readonly spikes?: Tensor;
  readonly membrane?: Tensor;
}

export interface LifOptions {
  /** Surrogate for the spike threshold; hxtorch's SuperSpike with alpha 50 by default. */
  readonly surrogate?: Surrogate;
  /**
   * Hardware-in-the-loop ("Unterjubel", reference §6.4): the outputs take the observed values, and the backward
   * is the surrogate gradient of this software model evaluated on them — the membrane observation replaces v'_t
   * (so the surrogate is evaluated at the measured membrane, and the software reset is not applied because the
   * measured trace already contains it), the spike observation replaces z_t in the outputs, reset and
   * refractory counter.
   */
  readonly observed?: LifObservation;
}

export interface LifOutput {
  /** z_t, shape of the input: 1 where a neuron spiked in that step. */
  readonly spikes: Tensor;
  /** v_t after reset, shape of the input. */
  readonly membrane: Tensor;
}

/** Per-neuron constants of one integration, derived once from the parameters. */
interface LifConstants {
  readonly leak: Float32Array;
  readonly reset: Float32Array;
  readonly threshold: Float32Array;
  /** dt/τ_mem */
  readonly memGain: Float32Array;
  /** 1 − dt/τ_syn */
  readonly synDecay: Float32Array;
  /** t_ref/dt (steps, possibly fractional as in hxtorch) */
  readonly refractorySteps: Float32Array;
}

function lifConstants(params: LifParameters, neurons: number): LifConstants {
  const where = 'lifIntegration';
  checkDt(params.dtUs, where);
  const tauMem = perNeuron(params.tauMemUs, neurons, 'tauMemUs', where, 'positive');
  const tauSyn = perNeuron(params.tauSynUs, neurons, 'tauSynUs', where, 'positive');
  const refractory = perNeuron(params.refractoryTimeUs, neurons, 'refractoryTimeUs', where, 'non-negative');
  return {
    leak: perNeuron(params.leak, neurons, 'leak', where),
    reset: perNeuron(params.reset, neurons, 'reset', where),
    threshold: perNeuron(params.threshold, neurons, 'threshold', where),
    memGain: tauMem.map((tau) => params.dtUs / tau),
    synDecay: tauSyn.map((tau) => 1 - params.dtUs / tau),
    refractorySteps: refractory.map((time) => time / params.dtUs),
  };
}

/**
 * What the forward keeps for the backward: the pre-reset membrane v'_t and the two gradient gates per element.
 * Without refractory period and observables the gates follow from the spikes (keep = 1 − z, open = 1), so they
 * are not stored (`null`): the Yin-Yang network's case, where this saves two T·M buffers per batch.
 */
interface LifTape {
  /** v'_t (observed membrane when given): where the surrogate is evaluated. */
  readonly preReset: Float32Array;
  /** dv_t/dv'_t: (1 − r_t>0) · (1 − z_t), or (1 − r_t>0) when the membrane is observed. */
  readonly keep: Float32Array | null;
  /** 1 − (r_t > 0): the refractory mask on the spike gradient. */
  readonly open: Uint8Array | null;
}

/**
 * The forward kernel: integrates all steps into `spikes` and `membrane` (each T·M, M elements per step) and,
 * when `tape` is given, records what the backward needs. Allocation-free inside the loops.
 */
function lifForward(
  x: Float32Array, steps: number, perStep: number, c: LifConstants,
  observedSpikes: Float32Array | null, observedMembrane: Float32Array | null,
  spikes: Float32Array, membrane: Float32Array, tape: LifTape | null,
): void {
  // Everything the loop reads is a local: V8 then keeps the typed-array bases in registers.
  const { leak, reset, threshold, memGain, synDecay, refractorySteps } = c;
  const neurons = leak.length;
  const zHardware = observedSpikes ?? spikes;
  const vHardware = observedMembrane ?? membrane;
  const spikesObserved = observedSpikes !== null;
  const membraneObserved = observedMembrane !== null;
  const recording = tape !== null;
  const storesGates = tape?.keep != null;
  const preReset = tape?.preReset ?? membrane;
  const keep = tape?.keep ?? membrane;
  const open = tape?.open ?? new Uint8Array(0);
  const v = new Float32Array(perStep);
  const i = new Float32Array(perStep);
  const refractory = new Float32Array(perStep);
  for (let j = 0; j < perStep; j += neurons) v.set(leak, j);
  for (let t = 0; t < steps; t++) {
    const base = t * perStep;
    for (let j0 = 0; j0 < perStep; j0 += neurons) {
      for (let n = 0; n < neurons; n++) {
        const j = j0 + n;
        const k = base + j;
        const vLast = v[j]!;
        const iLast = i[j]!;
        i[j] = iLast * synDecay[n]! + x[k]!;
        const vPre = membraneObserved ? vHardware[k]! : vLast + memGain[n]! * (leak[n]! - vLast + iLast);
        const fired = vPre > threshold[n]! ? 1 : 0;
        const z = spikesObserved ? zHardware[k]! : fired;
        const counter = refractory[j]!;
        const inRefractory = counter > 0 ? 1 : 0;
        let vOut = vPre;
        if (!membraneObserved) vOut = inRefractory === 1 ? reset[n]! : (1 - z) * vPre + z * reset[n]!;
        const zOut = spikesObserved ? z : (1 - inRefractory) * z;
        if (zOut !== 0 || counter > 0) {
          refractory[j] = (1 - zOut) * (counter > inRefractory ? counter - inRefractory : 0) + zOut * refractorySteps[n]!;
        }
        v[j] = vOut;
        spikes[k] = zOut;
        membrane[k] = vOut;
        if (recording) preReset[k] = vPre;
        if (storesGates) {
          keep[k] = (1 - inRefractory) * (membraneObserved ? 1 : 1 - z);
          open[k] = 1 - inRefractory;
        }
      }
    }
  }
}

/**
 * The backward kernel: the adjoint of `lifForward`, from the last step to the first. Carries dL/dv'_{t+1} and
 * dL/di_{t+1}; per element and step:
 *
 *     dL/di_t  = (1 − dt/τ_syn) · dL/di_{t+1} + dt/τ_mem · dL/dv'_{t+1}        (= dL/dx_t)
 *     dL/dv_t  = gv_t + (1 − dt/τ_mem) · dL/dv'_{t+1}
 *     dL/dv'_t = keep_t · dL/dv_t + open_t · gz_t · σ'(v'_t − threshold)
 *
 * σ' is evaluated only where gz_t ≠ 0 (a loss on the membrane alone never needs it).
 */
function lifBackward(
  gradSpikes: Float32Array, gradMembraneOrNull: Float32Array | null, steps: number, perStep: number, c: LifConstants,
  tape: LifTape, spikes: Float32Array, surrogate: Surrogate, gradInput: Float32Array,
): void {
  const membraneUsed = gradMembraneOrNull !== null;
  const gradMembrane = gradMembraneOrNull ?? gradSpikes;
  const { memGain, synDecay, threshold } = c;
  const { preReset } = tape;
  const storesGates = tape.keep !== null;
  const keep = tape.keep ?? preReset;
  const open = tape.open ?? new Uint8Array(0);
  const slope = slopeFunction(surrogate);
  const alpha = surrogate.alpha;
  const neurons = memGain.length;
  const gradVPreNext = new Float32Array(perStep);
  const gradINext = new Float32Array(perStep);
  for (let t = steps - 1; t >= 0; t--) {
    const base = t * perStep;
    for (let j0 = 0; j0 < perStep; j0 += neurons) {
      for (let n = 0; n < neurons; n++) {
        const j = j0 + n;
        const k = base + j;
        const gain = memGain[n]!;
        const carried = gradVPreNext[j]!;
        const gradI = synDecay[n]! * gradINext[j]! + gain * carried;
        const gradV = (membraneUsed ? gradMembrane[k]! : 0) + (1 - gain) * carried;
        const gz = gradSpikes[k]!;
        const surrogateTerm = gz === 0 ? 0 : gz * slope(preReset[k]! - threshold[n]!, alpha);
        gradVPreNext[j] = storesGates ? keep[k]! * gradV + open[k]! * surrogateTerm : (1 - spikes[k]!) * gradV + surrogateTerm;
        gradINext[j] = gradI;
        gradInput[k] = gradI;
      }
    }
  }
}

/**
 * Fused LIF integration over time with its own backward (one recorded op instead of ~10 per step). `input` is the
 * synaptic input (T, ..., neurons), time-major as in hxtorch; the outputs have the same shape. The gradient flows
 * to `input` only; the neuron parameters are constants.
 */
export function lifIntegration(input: Tensor, params: LifParameters, options: LifOptions = {}): LifOutput {
  const where = 'lifIntegration';
  const { steps, perStep, neurons } = timeMajorLayout(input, where);
  const constants = lifConstants(params, neurons);
  const surrogate = options.surrogate ?? defaultSurrogate;
  checkSurrogate(surrogate);
  const observedSpikes = checkObserved(options.observed?.spikes, input, 'spikes', where);
  const observedMembrane = checkObserved(options.observed?.membrane, input, 'membrane', where);
  const total = steps * perStep;
  const spikes = new Float32Array(total);
  const membrane = new Float32Array(total);
  const gatesFollowFromSpikes = observedSpikes === null && observedMembrane === null && constants.refractorySteps.every((r) => r === 0);
  const tape: LifTape | null = !input.requiresGrad
    ? null
    : gatesFollowFromSpikes
      ? { preReset: new Float32Array(total), keep: null, open: null }
      : { preReset: new Float32Array(total), keep: new Float32Array(total), open: new Uint8Array(total) };
  lifForward(input.data, steps, perStep, constants, observedSpikes, observedMembrane, spikes, membrane, tape);
  // One op, two outputs. The tape knows one output per op, so the membrane is recorded as a child of the
  // spikes: the engine then always finishes the membrane's gradient before it runs the spikes' backward, which
  // is the LIF adjoint and picks the membrane gradient up here. A loss on the spikes alone (the usual case)
  // never touches the membrane and costs no extra buffer.
  let gradMembrane: Float32Array | null = null;
  const spikesOut = record(new Tensor(spikes, input.shape), 'lifIntegration', [input], (gradSpikes) => {
    const gradInput = new Float32Array(total);
    lifBackward(gradSpikes, gradMembrane, steps, perStep, constants, tape!, spikes, surrogate, gradInput);
    gradMembrane = null;
    return [gradInput];
  });
  const membraneOut = record(new Tensor(membrane, input.shape), 'lifIntegration.membrane', [spikesOut], (grad) => {
    gradMembrane = grad;
    return [new Float32Array(total)];
  });
  return { spikes: spikesOut, membrane: membraneOut };
}
