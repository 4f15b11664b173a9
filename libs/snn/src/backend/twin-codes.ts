import { SnnError } from '../snn-error.js';

// Nominal CapMem codes and backend settings for a model neuron on the twin, from the twin's transfer curves
// (reference §10.3) and its CADC mapping (§10.7). Only an uncalibrated twin needs them: at `ideal` fidelity they
// are exact (no mismatch), so the chip then integrates the software model's equations in continuous time.

/** One CADC LSB at the calibrated ramp (§10.7). */
export const CADC_LSB_VOLTS = 0.0045;
/** Highest CapMem value (§2.3; 1023 means "keep"). */
export const CAPMEM_MAX = 1022;
/** FPGA cycles per µs of hardware time (125 MHz, §5.5). */
export const FPGA_CYCLES_PER_US = 125;
/** The synapse DAC bias the twin backend writes to every CapMem block: full scale, so gm has the most room. */
export const SYNAPSE_DAC_CODE = CAPMEM_MAX;

/** §10.7: read = 20 + (V − 0.15 V) / 4.5 mV. */
export function voltsOfCadc(cadc: number): number {
  return 0.15 + (cadc - 20) * CADC_LSB_VOLTS;
}

/** §10.3 voltage cells: V(code) = min(1.2 V, 0.15 V + (code − 70) · 1.875 mV); codes 0..630 are the unsaturated ones. */
export const VOLTAGE_CODE_MAX = 630;

export function voltageCellVolts(code: number): number {
  return Math.min(1.2, 0.15 + (code - 70) * 0.001875);
}

/** The unrounded code of `volts` on the unsaturated part of the §10.3 voltage curve. */
export function voltageCellCode(volts: number): number {
  return 70 + (volts - 0.15) / 0.001875;
}

/** The voltage cell holding a CADC value: code 70 + 2.4 · (read − 20) (§10.3, §10.7). */
export function voltageCode(where: string, parameter: string, cadc: number): number {
  const code = Math.round(voltageCellCode(voltsOfCadc(cadc)));
  if (code < 0 || code > VOLTAGE_CODE_MAX) {
    // Above code 630 the cell saturates at 1.2 V (§10.3).
    throw new SnnError('out-of-range', `${where}: ${parameter} ${cadc} CADC LSB needs CapMem code ${code}`, parameter, cadc, `-9..${Math.floor(20 + (1.2 - 0.15) / CADC_LSB_VOLTS)} CADC LSB (codes 0..630)`);
  }
  return code;
}

/** §10.3: C(n) = 0.1 pF + 2.2 pF · n / 63. */
export function capacitancePf(memCapSize: number): number {
  return 0.1 + (2.2 * memCapSize) / 63;
}

/** §10.3: τ_mem = 2000 µs · (C / 2.3 pF) / code(i_bias_leak), without leak div/mul. */
export function leakBiasCode(memCapSize: number, tauMemUs: number): number {
  return Math.round((2000 * (capacitancePf(memCapSize) / 2.3)) / tauMemUs);
}

export function tauMemUsOf(memCapSize: number, leakCode: number): number {
  return (2000 * (capacitancePf(memCapSize) / 2.3)) / leakCode;
}

/** §10.3: τ_syn = 300 µs / code(i_bias_synin_{exc,inh}_tau). */
export function synapticTauCode(where: string, tauSynUs: number): number {
  const code = Math.round(300 / tauSynUs);
  if (code < 1 || code > CAPMEM_MAX) throw new SnnError('out-of-range', `${where}: tauSynUs ${tauSynUs} has no synaptic-input bias code`, 'tauSynUs', tauSynUs, '0.3..600 µs (codes 1..1022)');
  return code;
}

/**
 * The OTA code gm that makes one unit of hardware weight move the synaptic input by 1/weightScale model units
 * (libs/analog README: jump(w = 63) = I(dac) · 0.0216 · code(gm) / 500 nA, dv/dt = … + 1e-3 · I / C). The model
 * adds w_hw / scale to i and integrates i / τ_mem, so I(w = 63) = 63 · U · C / (τ_mem · scale) · 1000 nA with U
 * the volts per model unit and C the whole neuron's capacitance: `circuits` joined circuits of `memCapSize` each
 * (§2.4; a synapse charges one of them, the current spreads over all). Not rounded: the caller checks the range.
 */
export function synapticGainCode(voltsPerUnit: number, memCapSize: number, leakCode: number, weightScale: number, circuits: 1 | 2 = 1): number {
  const jumpNa = (63 * voltsPerUnit * circuits * capacitancePf(memCapSize) * 1000) / (tauMemUsOf(memCapSize, leakCode) * weightScale);
  const dacNa = (1000 * SYNAPSE_DAC_CODE) / CAPMEM_MAX;
  return (jumpNa * 500) / (dacNa * 0.0216);
}

export interface MembraneCodes {
  readonly memCapSize: number;
  readonly leakCode: number;
  readonly gmCode: number;
}

/**
 * The capacitance setting of each circuit of a 2-circuit neuron whose summed capacitance comes closest to one
 * circuit at `memCapSize` (§10.3: C(n) = 0.1 pF + 2.2 pF · n / 63, so 2 · C(n') = C(n) at n' = n/2 − 1.43): the
 * joined neuron then has the leak conductance and the synaptic gain of a 1-circuit neuron at `memCapSize`.
 */
export function jointMemCapSize(memCapSize: number): number {
  const exact = ((capacitancePf(memCapSize) / 2 - 0.1) * 63) / 2.2;
  return Math.max(0, Math.round(exact));
}

/**
 * The membrane capacitance, leak bias and OTA codes of each circuit of a population of `circuits`-circuit neurons.
 * C only sets the leak conductance for a given τ_mem, so it is lowered from `maxMemCapSize` (a 2-circuit neuron:
 * from `jointMemCapSize` of it) until the gain fits gm ≤ 1022 *(twin choice: a small C needs less synaptic current
 * for the same voltage excursion)*; the leak code must stay ≥ 1. Every circuit of a joined neuron gets the same
 * codes: the pair has τ_mem = ΣC/ΣG = C/G of one circuit, and gm is computed for the summed capacitance.
 */
export function membraneCodes(where: string, voltsPerUnit: number, tauMemUs: number, weightScale: number, maxMemCapSize: number, circuits: 1 | 2 = 1): MembraneCodes {
  for (let memCapSize = circuits === 2 ? jointMemCapSize(maxMemCapSize) : maxMemCapSize; memCapSize >= 0; memCapSize--) {
    const leakCode = leakBiasCode(memCapSize, tauMemUs);
    if (leakCode < 1) break;
    if (leakCode > CAPMEM_MAX) continue;
    const gm = synapticGainCode(voltsPerUnit, memCapSize, leakCode, weightScale, circuits);
    if (gm <= CAPMEM_MAX) return { memCapSize, leakCode, gmCode: Math.max(1, Math.round(gm)) };
  }
  throw new SnnError(
    'out-of-range',
    `${where}: weight scale ${weightScale} with τ_mem ${tauMemUs} µs and ${(voltsPerUnit / CADC_LSB_VOLTS).toFixed(1)} CADC LSB per model unit needs more synaptic gain than gm 1022 gives at any membrane capacitance`,
    'weightScale',
    weightScale,
    'a larger weight scale, a smaller threshold − leak in CADC LSB, or a longer τ_mem',
  );
}

/** §1.8: the refractory counter runs at 250 MHz / 2^(scale + 1), i.e. 2^scale FPGA cycles per count, 8 bit. */
export function refractoryClockScale(refractoryTimesUs: readonly number[]): number {
  const longest = Math.max(0, ...refractoryTimesUs);
  for (let scale = 0; scale < 16; scale++) if (Math.round((longest * FPGA_CYCLES_PER_US) / 2 ** scale) <= 255) return scale;
  throw new SnnError('out-of-range', `refractory time ${longest} µs does not fit the 8-bit backend counter`, 'refractoryTimeUs', longest, '0..~260,000 µs');
}

/** Counter value for `us` at `scale`; at least 1 count (the twin's firing needs one cycle anyway, libs/analog choice 1). */
export function refractoryCounts(us: number, scale: number): number {
  return Math.min(255, Math.max(1, Math.round((us * FPGA_CYCLES_PER_US) / 2 ** scale)));
}
