import type { NeuronParameter } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { calibrateCadc } from '../../cadc/cadc-calibration.js';
import { connectNeuronsToCadc, setNeuronCapMem, writeNeuronBackends, writeNeuronConfigs } from '../neuron-setup.js';

/**
 * The starting point of the neuron calibrations' tests, as calix starts them: the CADC calibrated, every
 * membrane on it, no spikes (threshold comparator off), the given CapMem rows set to one code for all neurons.
 */
export async function prepareNeuronBench(connection: Connection, memCapSize: number, rows: Partial<Record<NeuronParameter, number>>): Promise<void> {
  await calibrateCadc(connection);
  const setup = new PlaybackProgramBuilder();
  writeNeuronConfigs(setup, memCapSize, { enThreshComp: false, enFire: false });
  writeNeuronBackends(setup, 100);
  connectNeuronsToCadc(setup);
  for (const [parameter, code] of Object.entries(rows)) setNeuronCapMem(setup, parameter as NeuronParameter, code);
  await connection.run(setup.done());
}
