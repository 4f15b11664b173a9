import type { NeuronParameter } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { CalibError } from '../calib-error.js';
import { calibrateCadc, type CadcCalibrationResult } from '../cadc/cadc-calibration.js';
import type { SearchProgress } from '../calibration.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import { forceReset, setNeuronCapMem, setSharedCapMem } from '../neuron/neuron-setup.js';
import { calibrateRestingPotential, spreadOf } from '../neuron/potential-calibration.js';
import { SYNAPTIC_INPUT_CELLS } from '../neuron/synaptic-input-setup.js';
import type { Spread } from '../result/calibration-result.js';
import { BASELINE_RUN_GAP_US, BASELINE_RUNS_PER_REPEAT, calibrateMacBaseline } from './baseline-calibration.js';
import { calibrateMacLeakBias } from './leak-bias-calibration.js';
import { measureBaselineChannels, measureMacAmplitude, neuronReads } from './mac-measure.js';
import type { MacCalibrationResult } from './mac-result.js';
import {
  DEFAULT_MEM_CAP_SIZE,
  MAC_READ_DELAY_US,
  MAC_SYNIN_TAU_CODE,
  writeMacColumns,
  writeMacDrivers,
  writeMacNeuronConfigs,
  writeUniformWeights,
  type MacIntegration,
} from './mac-setup.js';
import type { MacStepOptions } from './mac-step.js';
import { macStimulus, type MacStimulus } from './mac-stimulus.js';
import { HAGEN_CADC_TARGET, macTargets, type MacTargets } from './mac-targets.js';
import { calibrateMacDacBias } from './synapse-dac-bias-calibration.js';
import { calibrateMacSyninGain } from './synin-gain-calibration.js';

// calix's hagen (MAC-mode) calibration (reference §7.1 hagen, §7.3, §6.1) over any Connection, in the order of
// calix hagen.neuron.calibrate: the CADC on the hagen dynamic range (CapMem 150..500), the leak potential, the
// leak bias (slow, equal decay of a MAC result), the reset potential, the synapse DAC bias per CapMem block,
// for the synaptic-input integration the per-neuron OTA biases (exc, inh), and the baseline (CADC channel
// offsets). Every measurement is a MAC of the chip itself (mac-measure.ts).

export interface MacCalibrationOptions {
  /** How the neurons integrate (mac-setup.ts); default the twin's §6.1 bypass. */
  readonly integration?: MacIntegration;
  /** NeuronConfig memCapSize 0..63 (default per integration, DEFAULT_MEM_CAP_SIZE). */
  readonly memCapSize?: number;
  /** A CADC calibration already made with HAGEN_CADC_TARGET (skips that step). */
  readonly cadc?: CadcCalibrationResult;
  /** Wait after CapMem writes (default calix's 20 ms, reference §2.3). */
  readonly settleUs?: number;
  /** MAC runs averaged per measurement (default 4). */
  readonly repeats?: number;
  readonly seed?: number;
  readonly onProgress?: (stage: string, step: number, steps: number) => void;
}

/** Start codes of the calix targets (reference §7.3): synapse_dac_bias 600, i_synin_gm 500. */
const START_DAC_BIAS = 600;
const START_GM = 500;

/** CapMem code of a voltage cell that reads `read` on the hagen CADC scale (CapMem 150 → 20, 500 → 220). */
function potentialCode(read: number): number {
  const { dynamicRange: d, readRange: r } = HAGEN_CADC_TARGET;
  return Math.round(d.low + ((read - r.low) * (d.high - d.low)) / (r.high - r.low));
}

/** i_bias_leak giving τ_mem with the leak divider on, mismatch-free (reference §10.3: 2000 µs·C/2.3 pF/code, ×8). */
function leakCode(tauMemUs: number, memCapSize: number): number {
  const capacitancePf = 0.1 + (2.2 * memCapSize) / 63;
  return Math.min(1022, Math.max(1, Math.round((8 * 2000 * (capacitancePf / 2.3)) / tauMemUs)));
}

function checkInteger(name: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new CalibError('invalid-calibration', `MAC calibration option ${name} = ${value} is not an integer in ${min}..${max}`, value, { min, max });
  }
  return value;
}

/** The MAC result of every neuron: baseline reads and the stimulus' gain (LSB per unit), excitatory rows. */
async function measureMac(connection: Connection, stimulus: MacStimulus, step: MacStepOptions): Promise<{ baseline: Float64Array; gain: Float64Array }> {
  const baseline = neuronReads(await measureBaselineChannels(new PlaybackProgramBuilder(), connection, BASELINE_RUNS_PER_REPEAT * step.repeats, step.readDelayUs, BASELINE_RUN_GAP_US));
  const builder = new PlaybackProgramBuilder();
  writeMacDrivers(builder, 'excitatory');
  const amplitude = await measureMacAmplitude(builder, connection, stimulus.activations, step.repeats, step.readDelayUs);
  return { baseline, gain: amplitude.map((a) => a / stimulus.unitsPerNeuron) };
}

/**
 * Calibrates all 512 neurons for MAC operation and returns every code found (the chip is left configured with
 * them). Targets and options are checked before anything is sent; a bad one is a CalibError.
 */
export async function calibrateMacNeurons(
  connection: Connection,
  targets: Partial<MacTargets> = {},
  options: MacCalibrationOptions = {},
): Promise<MacCalibrationResult> {
  const target = macTargets(targets);
  const integration = options.integration ?? 'bypass';
  if (integration !== 'bypass' && integration !== 'synaptic-input') {
    throw new CalibError('invalid-calibration', `MAC integration '${String(integration)}' is neither 'bypass' nor 'synaptic-input'`, integration);
  }
  const memCapSize = checkInteger('memCapSize', options.memCapSize ?? DEFAULT_MEM_CAP_SIZE[integration], 0, 63);
  const repeats = checkInteger('repeats', options.repeats ?? 4, 1, 64);
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  if (!(settleUs >= 0)) throw new CalibError('invalid-calibration', `MAC calibration option settleUs = ${settleUs} must be ≥ 0`, settleUs, { min: 0, max: Infinity });
  const progress = (stage: string): SearchProgress => (step, steps) => options.onProgress?.(stage, step, steps);
  const step = (stage: string): MacStepOptions => ({ settleUs, repeats, readDelayUs: MAC_READ_DELAY_US[integration], seed: options.seed ?? 1, onProgress: progress(stage) });
  const stimulus = macStimulus(target.gainLsbPerUnit);
  const targetAmplitude = target.gainLsbPerUnit * stimulus.unitsPerNeuron;

  const cadc = options.cadc ?? (await calibrateCadc(connection, { target: HAGEN_CADC_TARGET, settleUs, onProgress: options.onProgress }));

  // MAC mode at the start codes: the state "before".
  const setup = new PlaybackProgramBuilder();
  writeMacNeuronConfigs(setup, integration, memCapSize);
  writeMacColumns(setup);
  writeUniformWeights(setup, stimulus.weight);
  setNeuronCapMem(setup, 'v_leak', potentialCode(target.baselineRead));
  setNeuronCapMem(setup, 'v_reset', potentialCode(target.baselineRead));
  setNeuronCapMem(setup, 'i_bias_leak', leakCode(target.tauMemUs, memCapSize));
  setNeuronCapMem(setup, 'i_bias_reset', 1022);
  setSharedCapMem(setup, 'syn_i_bias_dac', START_DAC_BIAS);
  if (integration === 'synaptic-input') {
    for (const cells of Object.values(SYNAPTIC_INPUT_CELLS)) {
      setNeuronCapMem(setup, cells.tau, MAC_SYNIN_TAU_CODE);
      setNeuronCapMem(setup, cells.gm, START_GM);
    }
  }
  waitUs(setup, settleUs);
  await connection.run(setup.done());
  const before = await measureMac(connection, stimulus, step('before'));

  const achieved: Record<string, { before: Spread; after: Spread }> = {};
  const neuronCapMem: Partial<Record<NeuronParameter, readonly number[]>> = {};

  const leak = await calibrateRestingPotential(connection, 'v_leak', target.baselineRead, { settleUs, onProgress: progress('leak potential'), seed: options.seed });
  neuronCapMem.v_leak = Array.from(leak.codes);
  achieved.leakPotential = { before: leak.before, after: leak.after };

  const leakBias = await calibrateMacLeakBias(connection, stimulus, target.tauMemUs, step('leak bias'));
  neuronCapMem.i_bias_leak = Array.from(leakBias.codes);
  achieved.tauMemUs = { before: leakBias.before, after: leakBias.after };

  const hold = new PlaybackProgramBuilder();
  forceReset(hold, true);
  await connection.run(hold.done());
  const reset = await calibrateRestingPotential(connection, 'v_reset', target.baselineRead, { settleUs, onProgress: progress('reset potential'), seed: options.seed });
  const release = new PlaybackProgramBuilder();
  forceReset(release, false);
  await connection.run(release.done());
  neuronCapMem.v_reset = Array.from(reset.codes);
  neuronCapMem.i_bias_reset = new Array(512).fill(1022);
  achieved.resetPotential = { before: reset.before, after: reset.after };

  const dac = await calibrateMacDacBias(connection, stimulus, targetAmplitude, step('synapse DAC bias'));
  achieved.dacBiasBlockAmplitude = { before: dac.before, after: dac.after };

  if (integration === 'synaptic-input') {
    for (const type of ['excitatory', 'inhibitory'] as const) {
      const gain = await calibrateMacSyninGain(connection, type, stimulus, targetAmplitude, step(`synaptic input strength (${type})`));
      neuronCapMem[SYNAPTIC_INPUT_CELLS[type].gm] = Array.from(gain.codes);
      neuronCapMem[SYNAPTIC_INPUT_CELLS[type].tau] = new Array(512).fill(MAC_SYNIN_TAU_CODE);
      achieved[`syninAmplitude${type === 'excitatory' ? 'Exc' : 'Inh'}`] = { before: gain.before, after: gain.after };
    }
  }

  const baseline = await calibrateMacBaseline(connection, target.baselineRead, cadc.channelOffsets, step('baseline'));
  achieved.baselineRead = { before: baseline.before, after: baseline.after };

  const after = await measureMac(connection, stimulus, step('after'));
  achieved.macBaseline = { before: spreadOf(before.baseline), after: spreadOf(after.baseline) };
  achieved.macGain = { before: spreadOf(before.gain), after: spreadOf(after.gain) };

  return {
    integration,
    memCapSize,
    readDelayUs: MAC_READ_DELAY_US[integration],
    targets: target,
    stimulus: { weight: stimulus.weight, activation: stimulus.activation, unitsPerNeuron: stimulus.unitsPerNeuron },
    cadc: { rampOffset: cadc.rampOffset, rampSlope: cadc.rampSlope, channelOffsets: Array.from(baseline.codes) },
    neuronCapMem,
    sharedCapMem: { syn_i_bias_dac: Array.from(dac.codes) },
    achieved,
  };
}
