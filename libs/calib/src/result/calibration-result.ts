import { AtomicNeuronOnDLS, CADCChannelOnDLS, CADCOnDLS, CapMemBlockOnDLS, CapMemCellOnDLS, CommonNeuronBackendConfigOnDLS, type NeuronParameter } from '@bss2/coords';
import { CADCChannelConfig, CADCConfig, CapMemCell, Chip, CommonNeuronBackendConfig, NeuronBackendConfig, NeuronConfig } from '@bss2/regs';
import type { NeuronTargets } from '../targets/neuron-targets.js';

// What a calibration produced (issue 5 "result files"): every calibrated register value, the targets, what was
// achieved and which instances failed. Plain data, JSON as it stands; `result-file.ts` adds the schema
// version, the checksum and atomic writing. `calibrationChip` turns a result into the `Chip` configuration
// that a playback program applies through the link protocol.

/** Mean and standard deviation of a calibrated quantity over its instances, in the target's unit. */
export interface Spread {
  readonly mean: number;
  readonly std: number;
}

/** An instance the calibration could not bring within tolerance, and why. */
export interface CalibrationFailure {
  /** The calibration step, e.g. `leak`. */
  readonly parameter: string;
  /** Neuron, CADC channel or quadrant index, in the step's instance order. */
  readonly instance: number;
  readonly reason: string;
}

export interface CalibrationResult {
  /** The chip it was made for (the twin's identity, or the hardware's). */
  readonly chipIdentity: string;
  /** ISO 8601 time of the end of the calibration. */
  readonly created: string;
  readonly targets: Partial<NeuronTargets>;
  readonly cadc?: {
    /** cadc_v_ramp_offset and cadc_i_ramp_slope per CapMem block. */
    readonly rampOffset: readonly number[];
    readonly rampSlope: readonly number[];
    /** CADCChannelConfig offset per CADCChannelOnDLS. */
    readonly channelOffsets: readonly number[];
  };
  /** The neurons' digital settings the calibration ran with (the same for every neuron). */
  readonly neuronConfig?: { readonly memCapSize: number; readonly refractoryTime: number; readonly clockScaleSlow: number };
  /**
   * The inter-compartment conductance's range per neuron (NeuronConfig enCompCondDiv / enCompCondMul, reference
   * §2.2) chosen with its i_bias_nmda code; present when τ_icc was calibrated. They take effect where the user
   * switches the conductance on (enCompCond).
   */
  readonly interCompartment?: { readonly enCompCondDiv: readonly boolean[]; readonly enCompCondMul: readonly boolean[] };
  /** Per-neuron CapMem codes by parameter, 512 values each (AtomicNeuronOnDLS order). */
  readonly neuronCapMem: Partial<Record<NeuronParameter, readonly number[]>>;
  /** Shared CapMem cells by name, one value per CapMem block. */
  readonly sharedCapMem: Readonly<Record<string, readonly number[]>>;
  /** Achieved spread per calibrated quantity, before and after. */
  readonly achieved: Readonly<Record<string, { readonly before: Spread; readonly after: Spread }>>;
  readonly failures: readonly CalibrationFailure[];
}

/** The result's registers written into `chip` (a copy of `base`, default the reset state). */
export function calibrationChip(result: CalibrationResult, base: Chip = new Chip()): Chip {
  const chip = base.clone();
  if (result.cadc !== undefined) {
    for (const block of CapMemBlockOnDLS.all()) {
      chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'cadc_v_ramp_offset'), { value: result.cadc.rampOffset[block] as number });
      chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'cadc_i_ramp_slope'), { value: result.cadc.rampSlope[block] as number });
    }
    result.cadc.channelOffsets.forEach((offset, ch) => chip.set(CADCChannelConfig, CADCChannelOnDLS(ch), { offset }));
    // The CADCs were on while calibrated; their ramp and offsets describe them on (calix applies the same).
    for (const synram of [0, 1]) chip.set(CADCConfig, CADCOnDLS(synram), { ...chip.get(CADCConfig, CADCOnDLS(synram)), enable: true });
  }
  const config = result.neuronConfig;
  if (config !== undefined) {
    for (let n = 0; n < 512; n++) {
      const neuron = AtomicNeuronOnDLS(n);
      const range = result.interCompartment;
      chip.set(NeuronConfig, neuron, {
        ...chip.get(NeuronConfig, neuron),
        memCapSize: config.memCapSize,
        enThreshComp: true,
        enFire: true,
        enSyninExc: true,
        enSyninInh: true,
        ...(range === undefined ? {} : { enCompCondDiv: range.enCompCondDiv[n] === true, enCompCondMul: range.enCompCondMul[n] === true }),
      });
      chip.set(NeuronBackendConfig, neuron, { ...chip.get(NeuronBackendConfig, neuron), refractoryTime: config.refractoryTime, enNeuronMaster: true });
    }
    for (const block of [0, 1]) {
      const coord = CommonNeuronBackendConfigOnDLS(block);
      chip.set(CommonNeuronBackendConfig, coord, { ...chip.get(CommonNeuronBackendConfig, coord), clockScaleSlow: config.clockScaleSlow });
    }
  }
  for (const [parameter, codes] of Object.entries(result.neuronCapMem)) {
    codes.forEach((value, n) => chip.set(CapMemCell, CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(n), parameter as NeuronParameter), { value }));
  }
  for (const [name, values] of Object.entries(result.sharedCapMem)) {
    for (const block of CapMemBlockOnDLS.all()) {
      chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, name as Parameters<typeof CapMemCellOnDLS.ofShared>[1]), { value: values[block] as number });
    }
  }
  return chip;
}
