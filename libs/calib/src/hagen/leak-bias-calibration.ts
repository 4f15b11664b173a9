import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { NoisyBinarySearch } from '../algorithms/noisy-binary-search.js';
import { tauFromDecay } from '../measure/decay.js';
import { applyNeuronCodes, capMemRowCalibration } from '../neuron/capmem-row-calibration.js';
import { spreadOf } from '../neuron/potential-calibration.js';
import { measureMacDecay } from './mac-measure.js';
import type { MacStimulus } from './mac-stimulus.js';
import type { MacStepOptions, MacStepResult } from './mac-step.js';

// The leak bias (calix hagen neuron_leak_bias): a MAC result must hold while it is read, so the leak is weak,
// but equal for all neurons (the twin's τ_mem mismatch is CV 25 %, reference §10.4), or the result's droop
// over the read differs per column. Per neuron i_bias_leak is searched so that the MAC result decays with
// τ_mem = target: its fraction left `tauMemUs` after the first read is e^−1. More bias, faster decay.

/** τ_mem of every neuron from the decay of the stimulus' MAC result over `tauMemUs`. */
async function measureTauMem(builder: PlaybackProgramBuilder, connection: Connection, stimulus: MacStimulus, tauMemUs: number, options: MacStepOptions): Promise<Float64Array> {
  const ratios = await measureMacDecay(builder, connection, stimulus.activations, options.repeats, options.readDelayUs, tauMemUs);
  return ratios.map((ratio) => tauFromDecay(ratio, tauMemUs));
}

/** Calibrates i_bias_leak of all 512 neurons (MAC mode set up, stimulus weights written); leaves the codes written. */
export async function calibrateMacLeakBias(connection: Connection, stimulus: MacStimulus, tauMemUs: number, options: MacStepOptions): Promise<MacStepResult> {
  const before = await measureTauMem(new PlaybackProgramBuilder(), connection, stimulus, tauMemUs, options);
  const calibration = capMemRowCalibration({
    name: 'MAC leak bias',
    parameter: 'i_bias_leak',
    direction: 'decreasing',
    range: { min: 1, max: 1022 },
    settleUs: options.settleUs,
    measure: (builder, connection) => measureTauMem(builder, connection, stimulus, tauMemUs, options),
  });
  const result = await new NoisyBinarySearch(5, options.seed).run(calibration, connection, tauMemUs, options.onProgress);
  await applyNeuronCodes(connection, 'i_bias_leak', result.codes, options.settleUs);
  return { codes: result.codes, values: result.values, before: spreadOf(before.filter(Number.isFinite)), after: spreadOf(result.values.filter(Number.isFinite)) };
}
