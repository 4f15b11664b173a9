import {
  AtomicNeuronOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  CapMemColumnOnCapMemBlock,
  CommonNeuronBackendConfigOnDLS,
  NeuronParameter,
} from '@bss2/coords';
import { CommonNeuronBackendConfig, NeuronBackendConfig, NeuronConfig, type Chip } from '@bss2/regs';
import { checkInteger } from './analog-error.js';
import { CAPMEM_NANOAMPS_PER_CODE, type CapMemState } from './capmem.js';
import type { FixedPattern } from './fixed-pattern.js';

// The physical parameters of the 512 neurons, derived from register state (reference §2, §10.3, §10.4; the
// formulas are the twin choices of the analog spec, listed in README.md). Units: V, µs, nA, pF, nS, FPGA cycles.
// Current-cell formulas are written in "codes" (§10.3); the code used is the cell's settled-to-`cycle` output
// divided by the current per code, so a settling CapMem moves the parameters continuously. A bias of code 0
// switches the corresponding conductance off: its time constant is Infinity.

/** Per-neuron parameters, one entry per AtomicNeuronOnDLS (index row·256 + column). */
export interface NeuronParameters {
  readonly vLeakVolts: Float64Array;
  readonly vResetVolts: Float64Array;
  readonly vThresholdVolts: Float64Array;
  readonly eRevExcVolts: Float64Array;
  readonly eRevInhVolts: Float64Array;
  readonly vExpVolts: Float64Array;
  readonly vAdaptRefVolts: Float64Array;
  readonly capacitancePf: Float64Array;
  readonly tauMemUs: Float64Array;
  readonly tauSynExcUs: Float64Array;
  readonly tauSynInhUs: Float64Array;
  readonly synJumpExcNa: Float64Array;
  readonly synJumpInhNa: Float64Array;
  readonly macJumpVolts: Float64Array;
  readonly cobaExc: Float64Array;
  readonly cobaInh: Float64Array;
  readonly offsetCurrentNa: Float64Array;
  readonly expScaleNa: Float64Array;
  readonly adaptANs: Float64Array;
  readonly adaptBNa: Float64Array;
  readonly tauAdaptUs: Float64Array;
  readonly tauIccUs: Float64Array;
  readonly refractoryCycles: Float64Array;
  readonly resetCycles: Float64Array;
  /** bit flags per neuron, see NeuronFlag */
  readonly flags: Uint32Array;
  readonly readoutSelect: Uint8Array;
}

/** Bits of `NeuronParameters.flags` (the enables of §2.2 / §1.8 the dynamics needs per step). */
export const NeuronFlag = {
  synInExc: 1,
  synInInh: 2,
  bypassExc: 4,
  bypassInh: 8,
  exp: 16,
  adapt: 32,
  /** enThreshComp && enFire */
  fire: 64,
  master: 128,
  spikeOut: 256,
  adaptPulse: 512,
  readout: 1024,
  pause: 2048,
  forceReset: 4096,
  postOverwrite: 8192,
  compCond: 16384,
} as const;

const neuronCount = 512;

/** All parameter arrays zeroed (flags 0, readout membrane). */
export function createNeuronParameters(): NeuronParameters {
  const f = (): Float64Array => new Float64Array(neuronCount);
  return {
    vLeakVolts: f(), vResetVolts: f(), vThresholdVolts: f(), eRevExcVolts: f(), eRevInhVolts: f(), vExpVolts: f(),
    vAdaptRefVolts: f(), capacitancePf: f(), tauMemUs: f(), tauSynExcUs: f(), tauSynInhUs: f(), synJumpExcNa: f(),
    synJumpInhNa: f(), macJumpVolts: f(), cobaExc: f(), cobaInh: f(), offsetCurrentNa: f(), expScaleNa: f(),
    adaptANs: f(), adaptBNa: f(), tauAdaptUs: f(), tauIccUs: f(), refractoryCycles: f(), resetCycles: f(),
    flags: new Uint32Array(neuronCount),
    readoutSelect: new Uint8Array(neuronCount),
  };
}

// §10.3 constants (twin choices).
/** Membrane capacitance C = 0.1 pF + 2.2 pF·memCapSize/63. */
const capMinPf = 0.1;
const capRangePf = 2.2;
const capFullPf = 2.3;
/** τ·code constants (µs): tau_mem (at 2.3 pF), tau_syn, tau_adapt, tau_icc (at 2.3 pF). */
const tauMemCodeUs = 2000;
const tauSynCodeUs = 300;
const tauAdaptCodeUs = 2000;
const tauIccCodeUs = 300;
/** Leak div/mul ×8/÷8 and inter-compartment div/mul ×4/÷4 (§2.2). */
const leakRatio = 8;
const iccRatio = 4;
/** CUBA jump: a w = 63 event at syn_i_bias_dac 600, gm 500, 2.3 pF, 10 µs gives 55 mV current-equivalent. */
const synJumpPerDacNa = 0.0216;
const gmReferenceCode = 500;
/** MAC bypass: one (a = 31, w = 63) event at syn_i_bias_dac 1022 (1000 nA) moves the CADC by 0.002·31·63 LSB (§6.1). */
const macVoltsPerActivationAtFullDac = 0.002 * 63 * 0.0045;
const fullDacNa = 1000;
/** COBA mixing α = code/1022; exponential ΔT = 10 mV with strength code/511. */
const maxCode = 1022;
const expSlopeVolts = 0.01;
const expReferenceCode = 511;
/** Adaptation a = 500 nS·code/1022, b = 20 nA·code/1022. */
const adaptAMaxNs = 500;
const adaptBMaxNa = 20;
/** Offset current = 0.1·I(i_mem_offset), 0..100 nA. */
const offsetCurrentScale = 0.1;
/** Reset holdoff 15 = no holdoff (§1.8). */
const noHoldoff = 15;

const readoutSelectCode = { membrane: 0, exc_synin: 1, inh_synin: 2, adaptation: 3 } as const;

// CapMem cell of (neuron, parameter) = base[neuron] + row(parameter)·130 (coords capmem-cell.ts enumeration).
const rowStride = CapMemColumnOnCapMemBlock.size;
const cellBase = Int32Array.from(AtomicNeuronOnDLS.all(), (n) => CapMemCellOnDLS.ofNeuron(n, 'v_leak'));
const row = (name: NeuronParameter): number => NeuronParameter.toCapMemRowOnCapMemBlock(name) * rowStride;
const rows = {
  vLeak: row('v_leak'), vReset: row('v_reset'), vThreshold: row('v_threshold'), eRevExc: row('e_synin_exc_rev'),
  eRevInh: row('e_synin_inh_rev'), vExp: row('v_exp'), vAdaptRef: row('v_adapt_ref'), leak: row('i_bias_leak'),
  synExcTau: row('i_bias_synin_exc_tau'), synExcCoba: row('i_bias_synin_exc_coba'), synExcGm: row('i_bias_synin_exc_gm'),
  synInhTau: row('i_bias_synin_inh_tau'), synInhCoba: row('i_bias_synin_inh_coba'), synInhGm: row('i_bias_synin_inh_gm'),
  adaptTau: row('i_bias_adapt_tau'), adaptA: row('i_bias_adapt_a'), adaptB: row('i_bias_adapt_b'), exp: row('i_bias_exp'),
  memOffset: row('i_mem_offset'), nmda: row('i_bias_nmda'),
};
const synDacCell = Int32Array.from(CapMemBlockOnDLS.all(), (b) => CapMemCellOnDLS.ofShared(b, 'syn_i_bias_dac'));

/** The code-equivalent of a current cell's output at `cycle` (its settled code once settled). */
function currentCode(capmem: CapMemState, cell: number, cycle: number): number {
  return capmem.value(cell, cycle) / CAPMEM_NANOAMPS_PER_CODE;
}

/** τ = k/code, Infinity for a switched-off bias. */
function inverse(k: number, code: number): number {
  return code > 0 ? k / code : Infinity;
}

/** ×ratio with `div`, ÷ratio with `mul`, ×1 with both or neither. */
function divMul(div: boolean, mul: boolean, ratio: number): number {
  return div === mul ? 1 : div ? ratio : 1 / ratio;
}

/** Backend block settings read once per derivation (column < 128 → block 0, §1.8). */
type CommonBackend = ReturnType<typeof CommonNeuronBackendConfig.decode>;
type NeuronConfigValue = ReturnType<typeof NeuronConfig.decode>;
type BackendValue = ReturnType<typeof NeuronBackendConfig.decode>;

/**
 * The digital neuron registers as decoded values, decoded again only after a write: CapMem settling re-derives
 * every neuron's parameters a dozen times per wait, and decoding the containers dominated that.
 */
export class NeuronRegisterCache {
  private readonly configs: (NeuronConfigValue | undefined)[] = new Array<NeuronConfigValue | undefined>(neuronCount);
  private readonly backends: (BackendValue | undefined)[] = new Array<BackendValue | undefined>(neuronCount);

  /** Forgets the decoded values of the written neurons (NeuronConfig or NeuronBackendConfig instances). */
  written(neurons: Iterable<number>): void {
    for (const n of neurons) {
      this.configs[n] = undefined;
      this.backends[n] = undefined;
    }
  }

  neuronConfig(chip: Chip, n: number): NeuronConfigValue {
    return (this.configs[n] ??= chip.get(NeuronConfig, n as AtomicNeuronOnDLS));
  }

  backendConfig(chip: Chip, n: number): BackendValue {
    return (this.backends[n] ??= chip.get(NeuronBackendConfig, n as AtomicNeuronOnDLS));
  }
}

/** Recomputes the parameters of `neurons` (all if undefined) from register state. */
export function deriveNeuronParameters(
  chip: Chip,
  capmem: CapMemState,
  pattern: FixedPattern,
  cycle: number,
  out: NeuronParameters,
  neurons?: Iterable<number>,
  registers: NeuronRegisterCache = new NeuronRegisterCache(),
): void {
  const common = CommonNeuronBackendConfigOnDLS.all().map((b) => chip.get(CommonNeuronBackendConfig, b));
  const dacNa = Float64Array.from(synDacCell, (cell) => capmem.value(cell, cycle));
  const context: DeriveContext = { chip, capmem, pattern, cycle, out, common, dacNa, registers };
  if (neurons === undefined) {
    for (let n = 0; n < neuronCount; n++) deriveOne(context, n);
  } else {
    for (const n of neurons) deriveOne(context, checkInteger('AtomicNeuronOnDLS', n, 0, neuronCount - 1));
  }
}

interface DeriveContext {
  readonly chip: Chip;
  readonly capmem: CapMemState;
  readonly pattern: FixedPattern;
  readonly cycle: number;
  readonly out: NeuronParameters;
  readonly common: readonly CommonBackend[];
  /** I(syn_i_bias_dac) per CapMem block, nA. */
  readonly dacNa: Float64Array;
  readonly registers: NeuronRegisterCache;
}

function deriveOne(context: DeriveContext, n: number): void {
  const { chip, capmem, pattern, cycle, out } = context;
  const base = cellBase[n] as number;
  const nc = context.registers.neuronConfig(chip, n);
  const bc = context.registers.backendConfig(chip, n);
  const cc = context.common[(n & 255) >> 7] as CommonBackend;

  // Potentials: transfer curve plus additive mismatch (§10.3, §10.4; v_exp and v_adapt_ref have none).
  out.vLeakVolts[n] = capmem.value(base + rows.vLeak, cycle) + (pattern.vLeakOffsetVolts[n] as number);
  out.vResetVolts[n] = capmem.value(base + rows.vReset, cycle) + (pattern.vResetOffsetVolts[n] as number);
  out.vThresholdVolts[n] = capmem.value(base + rows.vThreshold, cycle) + (pattern.vThresholdOffsetVolts[n] as number);
  out.eRevExcVolts[n] = capmem.value(base + rows.eRevExc, cycle) + (pattern.eRevExcOffsetVolts[n] as number);
  out.eRevInhVolts[n] = capmem.value(base + rows.eRevInh, cycle) + (pattern.eRevInhOffsetVolts[n] as number);
  out.vExpVolts[n] = capmem.value(base + rows.vExp, cycle);
  out.vAdaptRefVolts[n] = capmem.value(base + rows.vAdaptRef, cycle);

  // Membrane: C from mem_cap_size, tau_mem ∝ C / code(i_bias_leak), leak div/mul ×8/÷8 (§10.3).
  const capacitance = capMinPf + (capRangePf * nc.memCapSize) / 63;
  const tauMem =
    inverse(tauMemCodeUs * (capacitance / capFullPf), currentCode(capmem, base + rows.leak, cycle)) *
    divMul(nc.enLeakDiv, nc.enLeakMul, leakRatio) *
    (pattern.tauMemFactor[n] as number);
  out.capacitancePf[n] = capacitance;
  out.tauMemUs[n] = tauMem;

  // Synaptic inputs: time constants, CUBA jump per full-weight event, COBA mixing (independent of the enables).
  out.tauSynExcUs[n] = inverse(tauSynCodeUs, currentCode(capmem, base + rows.synExcTau, cycle)) * (pattern.tauSynExcFactor[n] as number);
  out.tauSynInhUs[n] = inverse(tauSynCodeUs, currentCode(capmem, base + rows.synInhTau, cycle)) * (pattern.tauSynInhFactor[n] as number);
  const dac = context.dacNa[n >> 7] as number;
  out.synJumpExcNa[n] = ((dac * synJumpPerDacNa * currentCode(capmem, base + rows.synExcGm, cycle)) / gmReferenceCode) * (pattern.syninGainExc[n] as number);
  out.synJumpInhNa[n] = ((dac * synJumpPerDacNa * currentCode(capmem, base + rows.synInhGm, cycle)) / gmReferenceCode) * (pattern.syninGainInh[n] as number);
  // Both bypass polarities share the excitatory input gain (one macJumpVolts per neuron; twin choice).
  out.macJumpVolts[n] = ((macVoltsPerActivationAtFullDac * dac) / fullDacNa) * (pattern.syninGainExc[n] as number);
  out.cobaExc[n] = Math.min(1, currentCode(capmem, base + rows.synExcCoba, cycle) / maxCode);
  out.cobaInh[n] = Math.min(1, currentCode(capmem, base + rows.synInhCoba, cycle) / maxCode);

  // Offset current, sign from invert_current.
  const offset = nc.enMemOff ? offsetCurrentScale * capmem.value(base + rows.memOffset, cycle) : 0;
  out.offsetCurrentNa[n] = nc.invertCurrent ? -offset : offset;

  // AdEx exponential: gL·ΔT·(code/511), gL = C/tau_mem µS, ×1000 for nA with ΔT in V.
  out.expScaleNa[n] = ((1000 * capacitance) / tauMem) * expSlopeVolts * (currentCode(capmem, base + rows.exp, cycle) / expReferenceCode);

  // Adaptation: a (nS), b (nA), tau_adapt (§10.3 with mismatch).
  const adaptA = (adaptAMaxNs * currentCode(capmem, base + rows.adaptA, cycle)) / maxCode;
  const adaptB = (adaptBMaxNa * currentCode(capmem, base + rows.adaptB, cycle)) / maxCode;
  out.adaptANs[n] = nc.invertAdaptA ? -adaptA : adaptA;
  out.adaptBNa[n] = nc.invertAdaptB ? -adaptB : adaptB;
  out.tauAdaptUs[n] = inverse(tauAdaptCodeUs, currentCode(capmem, base + rows.adaptTau, cycle)) * (pattern.tauAdaptFactor[n] as number);

  // Inter-compartment conductance time constant, div/mul ×4/÷4.
  out.tauIccUs[n] =
    inverse(tauIccCodeUs * (capacitance / capFullPf), currentCode(capmem, base + rows.nmda, cycle)) *
    divMul(nc.enCompCondDiv, nc.enCompCondMul, iccRatio) *
    (pattern.tauIccFactor[n] as number);

  // Refractory and reset duration in FPGA cycles: counter step = 2^scale cycles (f = 250 MHz / 2^(scale+1), §1.8).
  if (cc.enClocks) {
    const step = 2 ** (bc.selectInputClock === 1 ? cc.clockScaleFast : cc.clockScaleSlow);
    out.refractoryCycles[n] = bc.refractoryTime * step;
    out.resetCycles[n] = Math.max(0, bc.refractoryTime - (noHoldoff - bc.resetHoldoff)) * step;
  } else {
    out.refractoryCycles[n] = 0;
    out.resetCycles[n] = 0;
  }

  out.flags[n] =
    (nc.enSyninExc ? NeuronFlag.synInExc : 0) |
    (nc.enSyninInh ? NeuronFlag.synInInh : 0) |
    (nc.enBypExc ? NeuronFlag.bypassExc : 0) |
    (nc.enBypInh ? NeuronFlag.bypassInh : 0) |
    (nc.enExp ? NeuronFlag.exp : 0) |
    (nc.enAdapt ? NeuronFlag.adapt : 0) |
    (nc.enThreshComp && nc.enFire ? NeuronFlag.fire : 0) |
    (bc.enNeuronMaster ? NeuronFlag.master : 0) |
    (bc.enSpikeOut ? NeuronFlag.spikeOut : 0) |
    (bc.enAdaptPulse ? NeuronFlag.adaptPulse : 0) |
    (nc.enReadout ? NeuronFlag.readout : 0) |
    (nc.enPause ? NeuronFlag.pause : 0) |
    (cc.forceReset ? NeuronFlag.forceReset : 0) |
    (bc.postOverwrite ? NeuronFlag.postOverwrite : 0) |
    (nc.enCompCond ? NeuronFlag.compCond : 0);
  out.readoutSelect[n] = readoutSelectCode[nc.readoutSelect];
  }
