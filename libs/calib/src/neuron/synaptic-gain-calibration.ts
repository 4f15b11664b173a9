import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { NoisyBinarySearch } from '../algorithms/noisy-binary-search.js';
import type { SearchProgress } from '../calibration.js';
import { neuronChannels, readAllCadcChannels } from '../measure/cadc-reads.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import type { Spread } from '../result/calibration-result.js';
import { applyNeuronCodes, capMemRowCalibration } from './capmem-row-calibration.js';
import { NEURONS } from './neuron-setup.js';
import { spreadOf } from './potential-calibration.js';
import { prepareSynapticReadout, STIMULUS_LABEL, SYNAPTIC_INPUT_CELLS, type SynapticInputType } from './synaptic-input-setup.js';

// The synaptic input strength (reference §7.2 step 5, "calibrated to the median amplitude"): every neuron's
// OTA bias i_bias_synin_{exc,inh}_gm is searched so that the same stimulus gives every neuron the same input
// current, read as the synaptic-input readout's excursion above rest 1 µs after the stimulus (the per-neuron
// gain mismatch is CV 10 %, §10.4; the per-synapse DAC gain, CV 10 %, averages over the stimulus' synapses).
// The target is the median amplitude the neurons show at the starting code, so the chip keeps its overall
// strength (set by syn_i_bias_dac) and only the scatter goes.

export interface SynapticGainOptions {
  readonly startCode?: number;
  /** The (calibrated) τ_syn, for the decay between the two CADCs' conversions (default 10 µs). */
  readonly tauSynUs?: number;
  readonly synapseDacBias?: number;
  readonly settleUs?: number;
  readonly repetitions?: number;
  readonly onProgress?: SearchProgress;
  readonly seed?: number;
}

const READ_US = 1;
/** When the bottom CADC's causal channels convert after the top's (64 omnibus reads per channel type). */
const BOTTOM_CONVERSION_DELAY_CYCLES = 128;

/**
 * The readout excursion (LSB) of every neuron `READ_US` after the stimulus, averaged. The bottom CADC converts
 * 128 cycles (1 µs) after the top one (the read order of `readAllCadcChannels`); its neurons' excursions are
 * taken back to the same delay with τ_syn, or the two hemispheres would be equalised to different strengths.
 */
export async function measureSynapticAmplitude(connection: Connection, builder: PlaybackProgramBuilder, repetitions: number, tauSynUs = 10): Promise<Float64Array> {
  const rest = readAllCadcChannels(builder, 2);
  const peaks: (() => Float64Array)[] = [];
  for (let k = 0; k < repetitions; k++) {
    builder.timerReset();
    builder.injectSpikes([STIMULUS_LABEL], [0]);
    builder.waitUntil(READ_US * FPGA_CYCLES_PER_US);
    peaks.push(readAllCadcChannels(builder, 1));
    builder.timerReset().waitUntil(100 * FPGA_CYCLES_PER_US);
  }
  await connection.run(builder.done());
  const base = neuronChannels(rest());
  const sum = new Float64Array(NEURONS);
  for (const peak of peaks) {
    const p = neuronChannels(peak());
    for (let n = 0; n < NEURONS; n++) sum[n] = (sum[n] as number) + (p[n] as number) - (base[n] as number);
  }
  const bottomDecay = Math.exp((BOTTOM_CONVERSION_DELAY_CYCLES / FPGA_CYCLES_PER_US) / tauSynUs);
  return sum.map((s, n) => (s / repetitions) * (n >= 256 ? bottomDecay : 1));
}

function median(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.floor(sorted.length / 2)] as number;
}

export interface SynapticGainResult {
  readonly codes: Int32Array;
  readonly amplitude: Float64Array;
  readonly targetAmplitude: number;
  readonly before: Spread;
  /** The per-neuron values measured before the search (NaN where there was no response). */
  readonly beforeValues: Float64Array;
  readonly after: Spread;
}

/**
 * Equalises every neuron's synaptic input strength of `type` at the median. Needs the CADC calibrated, the
 * membranes' readout switches on the CADC and τ_syn calibrated (the amplitude is read 1 µs into the decay).
 * Leaves the codes written.
 */
export async function calibrateSynapticGain(
  connection: Connection,
  type: SynapticInputType,
  memCapSize: number,
  options: SynapticGainOptions = {},
): Promise<SynapticGainResult> {
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const repetitions = options.repetitions ?? 4;
  const setup = new PlaybackProgramBuilder();
  prepareSynapticReadout(setup, type, memCapSize, { synapseDacBias: options.synapseDacBias ?? 600, gm: options.startCode ?? 500 });
  waitUs(setup, settleUs);
  const tauSynUs = options.tauSynUs ?? 10;
  const before = await measureSynapticAmplitude(connection, setup, repetitions, tauSynUs);
  const targetAmplitude = median(before);
  const calibration = capMemRowCalibration({
    name: 'synaptic input strength',
    parameter: SYNAPTIC_INPUT_CELLS[type].gm,
    direction: 'increasing',
    settleUs,
    measure: (builder, connection) => measureSynapticAmplitude(connection, builder, repetitions, tauSynUs),
  });
  const result = await new NoisyBinarySearch(5, options.seed ?? 1).run(calibration, connection, targetAmplitude, options.onProgress);
  await applyNeuronCodes(connection, SYNAPTIC_INPUT_CELLS[type].gm, result.codes, settleUs);
  return { codes: result.codes, amplitude: result.values, targetAmplitude, before: spreadOf(before), beforeValues: before, after: spreadOf(result.values) };
}
