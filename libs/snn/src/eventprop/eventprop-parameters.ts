import { checkFinite, checkInteger, checkPositive, SnnError } from '../snn-error.js';
import { cubaFlow, type CubaFlow } from './cuba-flow.js';

/** The hidden LIF layer of an EventProp network in model units (as libs/snn's `LIF`, §6.3), times in µs. */
export interface EventLifParameters {
  readonly tauMemUs: number;
  readonly tauSynUs: number;
  readonly leak: number;
  readonly reset: number;
  readonly threshold: number;
}

/** The LI readout: its score is the maximum over [0, t_sim] of u = v − leak. */
export interface EventLiParameters {
  readonly tauMemUs: number;
  readonly tauSynUs: number;
}

/**
 * One feed-forward network input → LIF → LI, simulated event by event over [0, tSimUs]. There is no refractory
 * period (as in Wunderlich & Pehle 2021): after a spike the membrane restarts at `reset` and may cross again.
 */
export interface EventPropParameters {
  readonly hidden: EventLifParameters;
  readonly readout: EventLiParameters;
  readonly tSimUs: number;
  /**
   * Guard against runaway firing without refractoriness: a hidden neuron with more spikes in one sample is an
   * error naming the neuron. Default 1000.
   */
  readonly maxSpikesPerNeuron?: number;
}

/** The checked parameters with derived flows, thresholds and resets relative to the leak. */
export interface EventPropConstants {
  readonly hiddenFlow: CubaFlow;
  readonly readoutFlow: CubaFlow;
  readonly thresholdU: number;
  readonly resetU: number;
  readonly tSimUs: number;
  readonly maxSpikesPerNeuron: number;
}

export const EVENTPROP_MAX_SPIKES_DEFAULT = 1000;

export function eventPropConstants(where: string, parameters: EventPropParameters): EventPropConstants {
  const { hidden, readout, tSimUs } = parameters;
  checkFinite(where, 'leak', hidden.leak);
  checkFinite(where, 'reset', hidden.reset);
  checkFinite(where, 'threshold', hidden.threshold);
  if (!(hidden.reset < hidden.threshold)) {
    throw new SnnError('out-of-range', `${where}: reset ${hidden.reset} must lie below threshold ${hidden.threshold}`, 'reset', hidden.reset, `(−∞, ${hidden.threshold})`);
  }
  if (!(hidden.leak < hidden.threshold)) {
    throw new SnnError('out-of-range', `${where}: leak ${hidden.leak} must lie below threshold ${hidden.threshold} (the neuron would fire at rest)`, 'leak', hidden.leak, `(−∞, ${hidden.threshold})`);
  }
  checkPositive(where, 'tSimUs', tSimUs);
  const maxSpikesPerNeuron = parameters.maxSpikesPerNeuron ?? EVENTPROP_MAX_SPIKES_DEFAULT;
  checkInteger(where, 'maxSpikesPerNeuron', maxSpikesPerNeuron, 1);
  return {
    hiddenFlow: cubaFlow(where, hidden.tauMemUs, hidden.tauSynUs),
    readoutFlow: cubaFlow(where, readout.tauMemUs, readout.tauSynUs),
    thresholdU: hidden.threshold - hidden.leak,
    resetU: hidden.reset - hidden.leak,
    tSimUs,
    maxSpikesPerNeuron,
  };
}
