import { lifIntegration, surrogate as makeSurrogate, type Surrogate, type Tensor } from '@bss2/autograd';
import type { LifPopulationDescription } from '../backend/backend.js';
import type { Experiment } from '../experiment.js';
import { NeuronModule, type IntegrationResult, type ModelObservation, type NeuronModuleOptions } from './neuron-module.js';
import { checkLifParameters, LIF_DEFAULTS, type LifModelParameters } from './neuron-parameters.js';

export interface LifOptions extends NeuronModuleOptions, Partial<LifModelParameters> {
  /** Surrogate of the spike threshold; hxtorch's default SuperSpike with α 50 (§6.3). */
  readonly surrogate?: Surrogate;
}

/**
 * hxtorch's `LIF`: current-based LIF neurons with exponential synapses, integrated by autograd's fused
 * `lifIntegration` (hxtorch's `cuba_refractory_lif_integration`, §6.2–§6.4).
 */
export class LIF extends NeuronModule {
  readonly kind = 'lif';
  readonly model: LifModelParameters;
  readonly surrogate: Surrogate;

  constructor(size: number, experiment: Experiment, options: LifOptions = {}) {
    super(size, experiment, options, 'LIF');
    this.model = {
      leak: options.leak ?? LIF_DEFAULTS.leak,
      reset: options.reset ?? LIF_DEFAULTS.reset,
      threshold: options.threshold ?? LIF_DEFAULTS.threshold,
      tauMemUs: options.tauMemUs ?? LIF_DEFAULTS.tauMemUs,
      tauSynUs: options.tauSynUs ?? LIF_DEFAULTS.tauSynUs,
      refractoryTimeUs: options.refractoryTimeUs ?? LIF_DEFAULTS.refractoryTimeUs,
    };
    checkLifParameters(this.name, this.model);
    this.surrogate = options.surrogate ?? makeSurrogate('superspike', 50);
  }

  get spiking(): boolean {
    return true;
  }

  integrate(current: Tensor, observed: ModelObservation | null): IntegrationResult {
    const out = lifIntegration(current, { ...this.model, dtUs: this.experiment.dtUs }, { surrogate: this.surrogate, ...(observed && { observed }) });
    return { spikes: out.spikes, membrane: out.membrane };
  }

  describe(): LifPopulationDescription {
    return {
      kind: 'lif', id: this.id, name: this.name, size: this.size, placement: this.placement, model: this.model,
      hardware: this.hardware, recordSpikes: this.recordSpikes, recordMembrane: this.recordMembrane,
      circuits: this.circuits,
    };
  }
}
