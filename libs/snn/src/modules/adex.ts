import { surrogate as makeSurrogate, type Surrogate, type Tensor } from '@bss2/autograd';
import type { AdExPopulationDescription } from '../backend/backend.js';
import type { Experiment } from '../experiment.js';
import { adexIntegration } from './adex-integration.js';
import { NeuronModule, type IntegrationResult, type ModelObservation, type NeuronModuleOptions } from './neuron-module.js';
import { ADEX_DEFAULTS, checkAdExParameters, type AdExModelParameters } from './neuron-parameters.js';

export interface AdExOptions extends NeuronModuleOptions, Partial<AdExModelParameters> {
  readonly surrogate?: Surrogate;
}

/** hxtorch's `AELIF`: adaptive exponential LIF neurons (model in `AdExModelParameters`, kernel `adexIntegration`). */
export class AdEx extends NeuronModule {
  readonly kind = 'adex';
  readonly model: AdExModelParameters;
  readonly surrogate: Surrogate;

  constructor(size: number, experiment: Experiment, options: AdExOptions = {}) {
    super(size, experiment, options, 'AdEx');
    const pick = <K extends keyof AdExModelParameters>(key: K): AdExModelParameters[K] => options[key] ?? ADEX_DEFAULTS[key];
    this.model = {
      leak: pick('leak'), reset: pick('reset'), threshold: pick('threshold'), tauMemUs: pick('tauMemUs'), tauSynUs: pick('tauSynUs'),
      expSlope: pick('expSlope'), expThreshold: pick('expThreshold'), adaptationStrength: pick('adaptationStrength'),
      adaptationIncrement: pick('adaptationIncrement'), tauAdaptationUs: pick('tauAdaptationUs'),
    };
    checkAdExParameters(this.name, this.model);
    this.surrogate = options.surrogate ?? makeSurrogate('superspike', 50);
  }

  get spiking(): boolean {
    return true;
  }

  integrate(current: Tensor, observed: ModelObservation | null): IntegrationResult {
    return adexIntegration(current, this.model, this.experiment.dtUs, this.surrogate, observed);
  }

  describe(): AdExPopulationDescription {
    return {
      kind: 'adex', id: this.id, name: this.name, size: this.size, placement: this.placement, model: this.model,
      hardware: this.hardware, recordSpikes: this.recordSpikes, recordMembrane: this.recordMembrane,
      circuits: this.circuits,
    };
  }
}
