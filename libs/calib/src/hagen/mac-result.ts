import { CADCOnDLS, type NeuronParameter } from '@bss2/coords';
import type { PlaybackProgramBuilder } from '@bss2/playback';
import { CADCConfig } from '@bss2/regs';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import { setNeuronCapMem, setSharedCapMem } from '../neuron/neuron-setup.js';
import type { Spread } from '../result/calibration-result.js';
import { writeChannelOffsets } from './baseline-calibration.js';
import { writeMacColumns, writeMacDrivers, writeMacNeuronConfigs, type MacIntegration, type MacRowModes } from './mac-setup.js';
import type { MacTargets } from './mac-targets.js';

// What the MAC calibration produced: every calibrated code, the settings it ran with, and the spread of each
// calibrated quantity before and after. `writeMacCalibration` applies it through a playback program, so a MAC
// user (hxtorch.perceptron style) starts from it and only adds weights and activations.

export interface MacCalibrationResult {
  readonly integration: MacIntegration;
  /** NeuronConfig memCapSize of every neuron. */
  readonly memCapSize: number;
  /** How long after the last event the calibration read its results, µs: read MACs the same way. */
  readonly readDelayUs: number;
  readonly targets: MacTargets;
  /** The stimulus the gains were calibrated with (every synapse at `weight`, every driver at `activation`). */
  readonly stimulus: { readonly weight: number; readonly activation: number; readonly unitsPerNeuron: number };
  readonly cadc: {
    /** cadc_v_ramp_offset and cadc_i_ramp_slope per CapMem block (hagen dynamic range, reference §7.3). */
    readonly rampOffset: readonly number[];
    readonly rampSlope: readonly number[];
    /** CADCChannelConfig offset per CADCChannelOnDLS, including the MAC baseline calibration. */
    readonly channelOffsets: readonly number[];
  };
  /** Per-neuron CapMem codes by parameter, 512 values each (AtomicNeuronOnDLS order). */
  readonly neuronCapMem: Partial<Record<NeuronParameter, readonly number[]>>;
  /** Shared CapMem cells, one value per CapMem block. */
  readonly sharedCapMem: { readonly syn_i_bias_dac: readonly number[] };
  /**
   * Spread per calibrated quantity, before (start codes) and after: potentials and baseline in CADC LSB, τ_mem
   * in µs, amplitudes in LSB of the stimulus (per CapMem block for the DAC bias), the MAC gain in LSB per unit.
   */
  readonly achieved: Readonly<Record<string, { readonly before: Spread; readonly after: Spread }>>;
}

/**
 * Appends the whole MAC configuration of `result`: CADC, CapMem (then the CapMem settling wait), neurons,
 * drivers in HAGEN mode with `rowModes` (default hxtorch's signed row pairs) and the column switches. Synapse
 * weights are the user's, with label 0 (hagen_address 0).
 */
export function writeMacCalibration(builder: PlaybackProgramBuilder, result: MacCalibrationResult, rowModes: MacRowModes = 'signed'): void {
  for (const synram of [0, 1]) builder.write(CADCConfig, CADCOnDLS(synram), { ...CADCConfig.defaults(), enable: true });
  setSharedCapMem(builder, 'cadc_v_ramp_offset', result.cadc.rampOffset);
  setSharedCapMem(builder, 'cadc_i_ramp_slope', result.cadc.rampSlope);
  writeChannelOffsets(builder, result.cadc.channelOffsets);
  for (const [parameter, codes] of Object.entries(result.neuronCapMem)) setNeuronCapMem(builder, parameter as NeuronParameter, codes);
  setSharedCapMem(builder, 'syn_i_bias_dac', result.sharedCapMem.syn_i_bias_dac);
  writeMacNeuronConfigs(builder, result.integration, result.memCapSize);
  writeMacDrivers(builder, rowModes);
  writeMacColumns(builder);
  waitUs(builder, CAPMEM_SETTLE_US);
}
