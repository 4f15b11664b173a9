import type { NeuronParameter } from '@bss2/coords';
import { SnnError } from '../snn-error.js';
import type { AdExModelParameters, NeuronHardwareParameters } from '../modules/neuron-parameters.js';
import { CAPMEM_MAX, capacitancePf, VOLTAGE_CODE_MAX, voltageCellCode, voltageCellVolts, voltageCode, voltsOfCadc } from './twin-codes.js';

// The AdEx terms of a neuron circuit (reference §2.1: LIF + exponential term + adaptation) as CapMem codes and
// NeuronConfig / NeuronBackendConfig switches (§2.2, §1.8), from the twin's nominal transfer curves (§10.3; the
// analog model's in libs/analog neuron-parameters.ts and membrane-current.ts). libs/calib has no calibration for
// these cells, so calibrated or not they get these nominal codes (twin choice); only leak, reset, threshold, τ_mem,
// τ_syn and the synaptic gain come from a calibration.
//
// The model (`AdExModelParameters`) divides every current by the leak conductance g_l and counts potentials in
// model units of U volts around v_leak. The chip's currents in those units: I/(g_l·U). So
//   exponential  g_l·ΔT_chip·(code(i_bias_exp)/511)·e^{(v − V(v_exp))/ΔT_chip}, ΔT_chip = 10 mV fixed;
//   adaptation   τ_w dw/dt = a_nS·(v − V(v_adapt_ref)) − w, a_nS = 500 nS·code(i_bias_adapt_a)/1022 (sign: invert_adapt_a),
//                on a spike w += b_nA = 20 nA·code(i_bias_adapt_b)/1022 (en_adapt_pulse; sign: invert_adapt_b),
//                τ_w = 2000 µs / code(i_bias_adapt_tau);
// give a = a_nS/g_l, b = b_nA/(g_l·U), with v_adapt_ref at the leak potential.

/** ΔT of the twin's exponential term, V (libs/analog membrane-current.ts); no CapMem cell sets it. */
export const CHIP_EXP_SLOPE_VOLTS = 0.01;
/** i_bias_exp code at which the exponential term has strength 1 (libs/analog: strength code/511). */
const EXP_STRENGTH_CODE = 511;
/** §10.3-style current curves of the adaptation cells (libs/analog neuron-parameters.ts). */
const ADAPT_A_FULL_SCALE_NS = 500;
const ADAPT_B_FULL_SCALE_NA = 20;
const TAU_ADAPT_CODE_US = 2000;

/** The AdEx part of one circuit: its CapMem cells and switches. A LIF or LI circuit has every switch off and no cells. */
export interface AdExCircuitSetup {
  readonly cells: readonly (readonly [NeuronParameter, number])[];
  readonly neuronConfig: { readonly enExp: boolean; readonly enAdapt: boolean; readonly invertAdaptA: boolean; readonly invertAdaptB: boolean };
  readonly enAdaptPulse: boolean;
}

export const NO_ADEX: AdExCircuitSetup = {
  cells: [],
  neuronConfig: { enExp: false, enAdapt: false, invertAdaptA: false, invertAdaptB: false },
  enAdaptPulse: false,
};

/** The leak conductance of one circuit in nS: C(memCapSize) / τ_mem (§10.3; pF/µs = µS). */
export function leakConductanceNs(memCapSize: number, tauMemUs: number): number {
  return (1000 * capacitancePf(memCapSize)) / tauMemUs;
}

/** Whether the adaptation current w is on at all (a or b non-zero). */
export function adapts(model: AdExModelParameters): boolean {
  return model.adaptationStrength !== 0 || model.adaptationIncrement !== 0;
}

/**
 * Codes and switches for one circuit of an AdEx population whose circuits each have leak conductance
 * `leakConductanceNs` and whose model unit is `voltsPerUnit` V around the leak (hardware.leakCadc). Every circuit of
 * a 2-circuit neuron gets the same: each contributes its share g_l of the joined neuron's leak, exponential and
 * adaptation currents alike, so the ratios the model fixes hold for the pair.
 */
export function adexCircuitSetup(
  where: string, model: AdExModelParameters, hardware: NeuronHardwareParameters, voltsPerUnit: number, leakConductance: number,
): AdExCircuitSetup {
  const cells: [NeuronParameter, number][] = [];
  const enExp = model.expSlope > 0;
  if (enExp) cells.push(...exponentialCells(where, model, hardware, voltsPerUnit));
  const enAdapt = adapts(model);
  if (enAdapt) {
    const aCode = currentCode(where, 'adaptationStrength', model.adaptationStrength * leakConductance, CAPMEM_MAX / ADAPT_A_FULL_SCALE_NS, leakConductance);
    const bCode = currentCode(where, 'adaptationIncrement', model.adaptationIncrement * leakConductance * voltsPerUnit, CAPMEM_MAX / ADAPT_B_FULL_SCALE_NA, leakConductance * voltsPerUnit);
    cells.push(
      ['v_adapt_ref', voltageCode(where, 'leakCadc', hardware.leakCadc)],
      ['i_bias_adapt_a', aCode],
      ['i_bias_adapt_b', bCode],
      ['i_bias_adapt_tau', adaptationTauCode(where, model.tauAdaptationUs)],
    );
  }
  return {
    cells,
    neuronConfig: { enExp, enAdapt, invertAdaptA: model.adaptationStrength < 0, invertAdaptB: model.adaptationIncrement < 0 },
    enAdaptPulse: model.adaptationIncrement !== 0,
  };
}

/** The exponential term's slope Δ_T the chip realises, in model units: ΔT_chip / U. */
export function chipExpSlope(voltsPerUnit: number): number {
  return CHIP_EXP_SLOPE_VOLTS / voltsPerUnit;
}

/**
 * v_exp and i_bias_exp for the model's v_T. The chip's ΔT is a fixed 10 mV, so a model Δ_T of another size cannot
 * be expressed; the nearest honest term keeps the model's onset: the exponential's slope equals the leak's (the
 * minimum of dv/dt, where the runaway begins) exactly at v_T, as in the model, with the chip's steepness
 * (Δ_T → `chipExpSlope`). The strength code/511 moves that point by ΔT·ln(511/code), so v_exp takes the nearest
 * voltage code and i_bias_exp the rest of the way (within ±0.5 voltage code = ±0.94 mV: codes 465..561).
 */
function exponentialCells(where: string, model: AdExModelParameters, hardware: NeuronHardwareParameters, voltsPerUnit: number): [NeuronParameter, number][] {
  const leakVolts = voltsOfCadc(hardware.leakCadc);
  const onsetVolts = leakVolts + (model.expThreshold - model.leak) * voltsPerUnit;
  const exact = voltageCellCode(onsetVolts);
  if (!(exact >= -0.5 && exact < VOLTAGE_CODE_MAX + 0.5)) {
    const unitsAt = (code: number) => model.leak + (voltageCellVolts(code) - leakVolts) / voltsPerUnit;
    throw new SnnError(
      'out-of-range',
      `${where}: expThreshold ${model.expThreshold} lies at ${onsetVolts.toFixed(3)} V, outside the v_exp cell's ${voltageCellVolts(0).toFixed(3)}..${voltageCellVolts(VOLTAGE_CODE_MAX)} V`,
      'expThreshold', model.expThreshold, `${unitsAt(0).toFixed(3)}..${unitsAt(VOLTAGE_CODE_MAX).toFixed(3)} model units`,
    );
  }
  const code = Math.round(exact);
  const strength = Math.round(EXP_STRENGTH_CODE * Math.exp((voltageCellVolts(code) - onsetVolts) / CHIP_EXP_SLOPE_VOLTS));
  return [['v_exp', code], ['i_bias_exp', strength]];
}

/**
 * The code of a current cell for a chip quantity `chipValue` (nS or nA; its magnitude, the sign is an invert
 * switch) at `codesPerChipUnit`; `chipPerModel` converts the legal range back to the model parameter's units. A
 * non-zero value that rounds to code 0 would switch the term off: an error like one above full scale.
 */
function currentCode(where: string, parameter: string, chipValue: number, codesPerChipUnit: number, chipPerModel: number): number {
  const exact = Math.abs(chipValue) * codesPerChipUnit;
  const code = Math.round(exact);
  if (code > CAPMEM_MAX || (chipValue !== 0 && code < 1)) {
    const model = (codes: number) => (codes / codesPerChipUnit / chipPerModel).toPrecision(3);
    throw new SnnError(
      'out-of-range',
      `${where}: ${parameter} ${(chipValue / chipPerModel).toPrecision(4)} needs CapMem code ${exact.toFixed(1)} at this neuron's leak conductance`,
      parameter, chipValue / chipPerModel, `0 or ${model(0.5)}..${model(CAPMEM_MAX + 0.5)} in magnitude (codes 1..${CAPMEM_MAX})`,
    );
  }
  return code;
}

/** §10.3: τ_adapt = 2000 µs / code(i_bias_adapt_tau). */
function adaptationTauCode(where: string, tauAdaptationUs: number): number {
  const code = Math.round(TAU_ADAPT_CODE_US / tauAdaptationUs);
  if (code < 1 || code > CAPMEM_MAX) {
    throw new SnnError(
      'out-of-range', `${where}: tauAdaptationUs ${tauAdaptationUs} has no i_bias_adapt_tau code`, 'tauAdaptationUs', tauAdaptationUs,
      `${(TAU_ADAPT_CODE_US / (CAPMEM_MAX + 0.5)).toFixed(2)}..${(TAU_ADAPT_CODE_US / 0.5).toFixed(0)} µs (codes 1..${CAPMEM_MAX})`,
    );
  }
  return code;
}
