import { liIntegration, type Tensor } from '@bss2/autograd';
import type { LiPopulationDescription } from '../backend/backend.js';
import type { Experiment } from '../experiment.js';
import { NeuronModule, type IntegrationResult, type ModelObservation, type NeuronModuleOptions } from './neuron-module.js';
import { checkLiParameters, LI_DEFAULTS, type LiModelParameters } from './neuron-parameters.js';

export interface LiOptions extends NeuronModuleOptions, Partial<LiModelParameters> {}

/**
 * hxtorch's `LI`: the non-spiking leaky-integrator readout, integrated by autograd's fused `liIntegration`. On the
 * chip it is a neuron with its threshold out of reach; only its CADC membrane is read.
 */
export class LI extends NeuronModule {
  readonly kind = 'li';
  readonly model: LiModelParameters;

  constructor(size: number, experiment: Experiment, options: LiOptions = {}) {
    super(size, experiment, options, 'LI');
    this.model = {
      leak: options.leak ?? LI_DEFAULTS.leak,
      tauMemUs: options.tauMemUs ?? LI_DEFAULTS.tauMemUs,
      tauSynUs: options.tauSynUs ?? LI_DEFAULTS.tauSynUs,
    };
    checkLiParameters(this.name, this.model);
  }

  get spiking(): boolean {
    return false;
  }

  integrate(current: Tensor, observed: ModelObservation | null): IntegrationResult {
    const membrane = observed?.membrane;
    const options = membrane === undefined ? {} : { observed: { membrane } };
    return { spikes: null, membrane: liIntegration(current, { ...this.model, dtUs: this.experiment.dtUs }, options) };
  }

  describe(): LiPopulationDescription {
    return {
      kind: 'li', id: this.id, name: this.name, size: this.size, placement: this.placement, model: this.model,
      hardware: this.hardware, recordSpikes: false, recordMembrane: this.recordMembrane,
      circuits: this.circuits,
    };
  }
}
