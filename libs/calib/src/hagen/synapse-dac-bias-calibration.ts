import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { BinarySearch } from '../algorithms/binary-search.js';
import type { Calibration } from '../calibration.js';
import { waitUs } from '../measure/settle.js';
import { setSharedCapMem } from '../neuron/neuron-setup.js';
import { spreadOf } from '../neuron/potential-calibration.js';
import { measureMacAmplitude } from './mac-measure.js';
import { writeMacDrivers } from './mac-setup.js';
import type { MacStimulus } from './mac-stimulus.js';
import type { MacStepOptions, MacStepResult } from './mac-step.js';

// The synapse DAC bias (calix common/synapse DACBiasCalibCADC, reference §7.2 step 3): syn_i_bias_dac of each
// CapMem block (quadrant of 128 neurons) searched so that the median MAC amplitude of the block's neurons
// reaches the target. The bias scales every synaptic charge of its quadrant (§1.5, §10.4), so it sets the MAC
// gain and keeps the largest product inside the CADC range; it cannot equalise single neurons.

const BLOCKS = 4;

/** The CapMem block (= CADC quadrant) of neuron n: synram·2 + east half (reference §2.3). */
export function blockOfNeuron(n: number): number {
  return (n >> 8) * 2 + ((n & 255) >> 7);
}

/** The median of each block's neurons' values. */
export function blockMedians(values: Float64Array): Float64Array {
  const out = new Float64Array(BLOCKS);
  for (let block = 0; block < BLOCKS; block++) {
    const own = values.filter((_, n) => blockOfNeuron(n) === block).sort();
    out[block] = own[own.length >> 1] as number;
  }
  return out;
}

async function measureBlocks(builder: PlaybackProgramBuilder, connection: Connection, stimulus: MacStimulus, options: MacStepOptions): Promise<Float64Array> {
  writeMacDrivers(builder, 'excitatory');
  return blockMedians(await measureMacAmplitude(builder, connection, stimulus.activations, options.repeats, options.readDelayUs));
}

/** Calibrates syn_i_bias_dac per block to `targetAmplitude` LSB of the stimulus; leaves the codes written. */
export async function calibrateMacDacBias(connection: Connection, stimulus: MacStimulus, targetAmplitude: number, options: MacStepOptions): Promise<MacStepResult> {
  const before = await measureBlocks(new PlaybackProgramBuilder(), connection, stimulus, options);
  const calibration: Calibration = {
    name: 'synapse DAC bias (syn_i_bias_dac)',
    range: { min: 0, max: 1022 },
    instances: BLOCKS,
    direction: 'increasing',
    configure: (builder, codes) => setSharedCapMem(builder, 'syn_i_bias_dac', codes),
    measure: (builder, connection) => {
      waitUs(builder, options.settleUs);
      return measureBlocks(builder, connection, stimulus, options);
    },
  };
  const result = await new BinarySearch().run(calibration, connection, targetAmplitude, options.onProgress);
  const apply = new PlaybackProgramBuilder();
  setSharedCapMem(apply, 'syn_i_bias_dac', result.codes);
  waitUs(apply, options.settleUs);
  await connection.run(apply.done());
  return { codes: result.codes, values: result.values, before: spreadOf(before), after: spreadOf(result.values) };
}
