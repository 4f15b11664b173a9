import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { NoisyBinarySearch } from '../algorithms/noisy-binary-search.js';
import { applyNeuronCodes, capMemRowCalibration } from '../neuron/capmem-row-calibration.js';
import { spreadOf } from '../neuron/potential-calibration.js';
import { SYNAPTIC_INPUT_CELLS, type SynapticInputType } from '../neuron/synaptic-input-setup.js';
import { measureMacAmplitude } from './mac-measure.js';
import { writeMacDrivers } from './mac-setup.js';
import type { MacStimulus } from './mac-stimulus.js';
import type { MacStepOptions, MacStepResult } from './mac-step.js';

// The synaptic input strength in MAC mode (calix hagen neuron_synin), for the 'synaptic-input' integration:
// each neuron's OTA bias i_bias_synin_{exc,inh}_gm searched so that the stimulus, sent through rows of that
// sign, integrates to the target amplitude on every neuron. The integrated charge is gm · τ_syn · gain per
// neuron (reference §10.3, §10.4: τ_syn CV 25 %, input gain CV 10 %), so this one search equalises both. The
// 'bypass' integration has no such per-neuron knob in the twin (its jump does not depend on gm).

async function measureAmplitude(builder: PlaybackProgramBuilder, connection: Connection, type: SynapticInputType, stimulus: MacStimulus, options: MacStepOptions): Promise<Float64Array> {
  const excitatory = type === 'excitatory';
  writeMacDrivers(builder, excitatory ? 'excitatory' : 'inhibitory');
  return measureMacAmplitude(builder, connection, stimulus.activations, options.repeats, options.readDelayUs, excitatory ? 1 : -1);
}

/** Calibrates i_bias_synin_{exc,inh}_gm of all 512 neurons to `targetAmplitude`; leaves the codes written. */
export async function calibrateMacSyninGain(
  connection: Connection,
  type: SynapticInputType,
  stimulus: MacStimulus,
  targetAmplitude: number,
  options: MacStepOptions,
): Promise<MacStepResult> {
  const parameter = SYNAPTIC_INPUT_CELLS[type].gm;
  const before = await measureAmplitude(new PlaybackProgramBuilder(), connection, type, stimulus, options);
  const calibration = capMemRowCalibration({
    name: `MAC synaptic input strength (${type})`,
    parameter,
    direction: 'increasing',
    settleUs: options.settleUs,
    measure: (builder, connection) => measureAmplitude(builder, connection, type, stimulus, options),
  });
  const result = await new NoisyBinarySearch(5, options.seed).run(calibration, connection, targetAmplitude, options.onProgress);
  await applyNeuronCodes(connection, parameter, result.codes, options.settleUs);
  return { codes: result.codes, values: result.values, before: spreadOf(before), after: spreadOf(result.values) };
}
