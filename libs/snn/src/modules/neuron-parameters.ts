import { checkFinite, checkNonNegative, checkPositive } from '../snn-error.js';

/**
 * Model values of a LIF population, in the software model's units (hxtorch's `MixedHXModelParameter` model
 * halves: leak 0, reset 0, threshold 1, as the Yin-Yang example sets them, §6.7); times in µs of hardware time.
 */
export interface LifModelParameters {
  readonly leak: number;
  readonly reset: number;
  readonly threshold: number;
  readonly tauMemUs: number;
  readonly tauSynUs: number;
  /** 0 disables refractoriness. */
  readonly refractoryTimeUs: number;
}

/** Model values of a leaky integrator (the readout). */
export interface LiModelParameters {
  readonly leak: number;
  readonly tauMemUs: number;
  readonly tauSynUs: number;
}

/**
 * Model values of an adaptive exponential LIF (hxtorch's `AELIF`, `cuba_aelif_integration`), currents divided by
 * the leak conductance so that τ_mem = C/g_l:
 *
 *     v'_t = v_{t−1} + dt/τ_mem · (leak − v_{t−1} + Δ_T · exp((v_{t−1} − v_T)/Δ_T) + i_{t−1} − w_{t−1})
 *     w_t  = w_{t−1} + dt/τ_w · (a · (v'_t − leak) − w_{t−1}) + b · z_t
 *
 * `expSlope` Δ_T = 0 switches the exponential term off. No refractory period (hxtorch's default for it is off).
 */
export interface AdExModelParameters {
  readonly leak: number;
  readonly reset: number;
  readonly threshold: number;
  readonly tauMemUs: number;
  readonly tauSynUs: number;
  readonly expSlope: number;
  readonly expThreshold: number;
  /** a: subthreshold adaptation strength. */
  readonly adaptationStrength: number;
  /** b: spike-triggered adaptation increment. */
  readonly adaptationIncrement: number;
  readonly tauAdaptationUs: number;
}

/**
 * The hardware halves of hxtorch's neuron parameters (reference §6.3): what a hardware backend calibrates the
 * neurons to. Voltages in CADC LSB; capacitance, gm and bias in CapMem/DAC units.
 */
export interface NeuronHardwareParameters {
  readonly leakCadc: number;
  readonly resetCadc: number;
  readonly thresholdCadc: number;
  readonly membraneCapacitance: number;
  readonly iSynGm: number;
  readonly synapseDacBias: number;
  readonly holdoffTime: number;
}

/** hxtorch's LIF defaults (§6.3): τ_mem = τ_syn = 10 µs, refractory 1 µs; model leak 0, reset 0, threshold 1. */
export const LIF_DEFAULTS: LifModelParameters = { leak: 0, reset: 0, threshold: 1, tauMemUs: 10, tauSynUs: 10, refractoryTimeUs: 1 };

/** The LI readout with §6.3's time constants. */
export const LI_DEFAULTS: LiModelParameters = { leak: 0, tauMemUs: 10, tauSynUs: 10 };

/**
 * AdEx defaults *(twin choice: the reference gives none)*: §6.3's time constants, a mild exponential onset just
 * below threshold, spike-triggered adaptation only.
 */
export const ADEX_DEFAULTS: AdExModelParameters = {
  leak: 0, reset: 0, threshold: 1, tauMemUs: 10, tauSynUs: 10,
  expSlope: 0.1, expThreshold: 0.8, adaptationStrength: 0, adaptationIncrement: 0.1, tauAdaptationUs: 100,
};

/** §6.3's hardware defaults (leak 80, reset 80, threshold 125 CADC LSB, C 63, i_synin_gm 500, DAC bias 600). */
export const NEURON_HARDWARE_DEFAULTS: NeuronHardwareParameters = {
  leakCadc: 80, resetCadc: 80, thresholdCadc: 125, membraneCapacitance: 63, iSynGm: 500, synapseDacBias: 600, holdoffTime: 0,
};

export function checkLiParameters(where: string, p: LiModelParameters): void {
  checkFinite(where, 'leak', p.leak);
  checkPositive(where, 'tauMemUs', p.tauMemUs);
  checkPositive(where, 'tauSynUs', p.tauSynUs);
}

/** Reset and threshold, which LIF and AdEx add to the leaky integrator. */
function checkSpikingParameters(where: string, p: LifModelParameters | AdExModelParameters): void {
  checkLiParameters(where, p);
  checkFinite(where, 'reset', p.reset);
  checkFinite(where, 'threshold', p.threshold);
}

export function checkLifParameters(where: string, p: LifModelParameters): void {
  checkSpikingParameters(where, p);
  checkNonNegative(where, 'refractoryTimeUs', p.refractoryTimeUs);
}

export function checkAdExParameters(where: string, p: AdExModelParameters): void {
  checkSpikingParameters(where, p);
  checkNonNegative(where, 'expSlope', p.expSlope);
  checkFinite(where, 'expThreshold', p.expThreshold);
  checkFinite(where, 'adaptationStrength', p.adaptationStrength);
  checkFinite(where, 'adaptationIncrement', p.adaptationIncrement);
  checkPositive(where, 'tauAdaptationUs', p.tauAdaptationUs);
}
