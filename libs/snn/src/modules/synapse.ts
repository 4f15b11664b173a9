import { linear, Module, Parameter, Rng, Tensor, unterjubel } from '@bss2/autograd';
import type { Experiment } from '../experiment.js';
import { NeuronHandle, SynapseHandle } from '../handles.js';
import { checkFinite, checkInteger, checkNonNegative, checkPositive } from '../snn-error.js';
import { HARDWARE_WEIGHT_MAX, toHardwareWeights } from '../weight-transform.js';

export interface SynapseOptions {
  readonly name?: string;
  /** hxtorch's `linear_saturating` scale: w_hw = clip(scale · w, −63, 63) (§6.5; 64 in the Yin-Yang example). */
  readonly weightScale?: number;
  /** Normal initialisation (hxtorch's `reset_parameters`: mean 1e-3, std 1/√in). */
  readonly initMean?: number;
  readonly initStd?: number;
  /** Stream for the initialisation; default seeded from the experiment's seed and this module's id. */
  readonly rng?: Rng;
}

/**
 * hxtorch's `Synapse`: a dense signed projection, weight `[out, in]` in model units. The software model's current
 * is x · wᵀ; a hardware backend gets `toHardwareWeights(w, weightScale)` (excitatory + inhibitory rows, §6.5).
 */
export class Synapse extends Module {
  readonly kind = 'synapse';
  readonly id: number;
  readonly name: string;
  readonly weight: Parameter;
  private scale: number;

  constructor(readonly inFeatures: number, readonly outFeatures: number, readonly experiment: Experiment, options: SynapseOptions = {}) {
    super();
    checkInteger('Synapse', 'inFeatures', inFeatures, 1);
    checkInteger('Synapse', 'outFeatures', outFeatures, 1);
    this.scale = options.weightScale ?? 1;
    checkPositive('Synapse', 'weightScale', this.scale);
    const mean = options.initMean ?? 1e-3;
    const std = options.initStd ?? 1 / Math.sqrt(inFeatures);
    checkFinite('Synapse', 'initMean', mean);
    checkNonNegative('Synapse', 'initStd', std);
    this.id = experiment.register(this);
    this.name = options.name ?? `Synapse${this.id}`;
    const rng = options.rng ?? new Rng(experiment.seed * 7919 + this.id);
    this.weight = new Parameter(Float32Array.from({ length: outFeatures * inFeatures }, () => mean + std * rng.normal()), [outFeatures, inFeatures]);
  }

  /** The linear_saturating scale in effect. */
  get weightScale(): number {
    return this.scale;
  }

  /**
   * Changes the scale, as hxtorch's Yin-Yang example does before every hardware batch so that the largest readout
   * weight just reaches 63 (§6.7).
   */
  setWeightScale(scale: number): void {
    checkPositive(this.name, 'weightScale', scale);
    this.scale = scale;
  }

  /** Records the call on the presynaptic population's handle; returns the handle `run` fills with the current. */
  forward(pre: NeuronHandle): SynapseHandle {
    const output = new SynapseHandle(this.id, this.name, pre);
    this.experiment.record({ kind: 'synapse', module: this, input: pre, output });
    return output;
  }

  /**
   * The weight the software model uses. In mock mode with weight discretisation or saturation its value is the
   * weight on the hardware grid / inside ±63/scale, with the gradient passed straight through to `weight`
   * (hxtorch's mock `Discrete` and `Clamp`).
   */
  modelWeight(): Tensor {
    const { backend, mock } = this.experiment;
    if (backend !== 'mock' || (!mock.weightDiscretisation && !mock.weightSaturation)) return this.weight;
    const limit = HARDWARE_WEIGHT_MAX / this.weightScale;
    const values = this.weight.data.map((w) => {
      const saturated = mock.weightSaturation ? Math.min(limit, Math.max(-limit, w)) : w;
      return mock.weightDiscretisation ? Math.round(saturated * this.weightScale) / this.weightScale : saturated;
    });
    return unterjubel(this.weight, new Tensor(values, this.weight.shape));
  }

  /** @internal The synaptic current of the presynaptic spikes `[steps, batch, in]` → `[steps, batch, out]`. */
  current(preSpikes: Tensor): Tensor {
    return linear(preSpikes, this.modelWeight());
  }

  /** The integer weights a hardware backend writes, `[out, in]`, −63..63. */
  hardwareWeights(): Int8Array {
    return toHardwareWeights(this.weight.data, this.weightScale);
  }
}
