import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { NoisyBinarySearch } from '../algorithms/noisy-binary-search.js';
import type { Calibration, SearchProgress } from '../calibration.js';
import { neuronChannels, readAllCadcChannels } from '../measure/cadc-reads.js';
import { tauFromDecay } from '../measure/decay.js';
import { CAPMEM_SETTLE_US, waitUs } from '../measure/settle.js';
import type { Spread } from '../result/calibration-result.js';
import { medianTarget, targetOf, type TargetValue } from '../targets/neuron-targets.js';
import { applyNeuronCodes, capMemRowCalibration } from './capmem-row-calibration.js';
import { NEURONS, setNeuronCapMem } from './neuron-setup.js';
import { spreadOf } from './potential-calibration.js';
import { prepareSynapticReadout, STIMULUS_LABEL, SYNAPTIC_INPUT_CELLS, type SynapticInputType } from './synaptic-input-setup.js';

// The synaptic time constants (reference §7.2 step 2): every neuron's readout shows its synaptic input current
// (NeuronConfig.readoutSelect exc_synin / inh_synin: a current-equivalent voltage above the leak, §3.1), a
// stimulus gives all neurons the same burst of events, and the CADC reads the decaying current at two delays,
// t1 and t1 + τ_target, in separate repetitions. The ratio of the two excursions above rest is
// e^{−τ_target/τ_syn}; the conversion order delays both reads of a neuron alike, so it cancels. The search
// drives i_bias_synin_{exc,inh}_tau (more current, shorter τ: `decreasing`).

export interface TauSynOptions {
  /** syn_i_bias_dac of every block during the measurement (calix target default 600). */
  readonly synapseDacBias?: number;
  /** i_bias_synin_{exc,inh}_gm of every neuron during the measurement (calix target default 500). */
  readonly syninGm?: number;
  readonly settleUs?: number;
  readonly repetitions?: number;
  readonly onProgress?: SearchProgress;
  readonly seed?: number;
}

const FIRST_READ_US = 1;

/** τ_syn of every neuron (µs): reads at t1 and t1 + `spanUs` after the stimulus, averaged over repetitions. */
export async function measureTauSyn(connection: Connection, builder: PlaybackProgramBuilder, spanUs: number, repetitions: number): Promise<Float64Array> {
  const rest = readAllCadcChannels(builder, 2);
  const first: (() => Float64Array)[] = [];
  const second: (() => Float64Array)[] = [];
  for (let k = 0; k < repetitions; k++) {
    for (const [delayUs, into] of [[FIRST_READ_US, first], [FIRST_READ_US + spanUs, second]] as const) {
      builder.timerReset();
      builder.injectSpikes([STIMULUS_LABEL], [0]);
      builder.waitUntil(Math.round(delayUs * FPGA_CYCLES_PER_US));
      into.push(readAllCadcChannels(builder, 1));
      // Let the current decay fully before the next stimulus.
      builder.timerReset().waitUntil(Math.round(8 * spanUs * FPGA_CYCLES_PER_US));
    }
  }
  await connection.run(builder.done());
  const base = neuronChannels(rest());
  const a = new Float64Array(NEURONS);
  const b = new Float64Array(NEURONS);
  for (let k = 0; k < repetitions; k++) {
    const early = neuronChannels(first[k]!());
    const late = neuronChannels(second[k]!());
    for (let n = 0; n < NEURONS; n++) {
      a[n] = (a[n] as number) + (early[n] as number) - (base[n] as number);
      b[n] = (b[n] as number) + (late[n] as number) - (base[n] as number);
    }
  }
  // No excursion at the first read: the current decayed within the first microsecond, τ ≪ span.
  return a.map((early, n) => (early <= 0 ? 0 : tauFromDecay((b[n] as number) / early, spanUs)));
}


function tauSynCalibration(type: SynapticInputType, tauTargetUs: number, options: TauSynOptions): Calibration {
  const settleUs = options.settleUs ?? CAPMEM_SETTLE_US;
  const repetitions = options.repetitions ?? 4;
  return capMemRowCalibration({
    name: 'synaptic time constant',
    parameter: SYNAPTIC_INPUT_CELLS[type].tau,
    direction: 'decreasing',
    range: { min: 1, max: 1022 },
    settleUs,
    measure: (builder, connection) => measureTauSyn(connection, builder, tauTargetUs, repetitions),
  });
}

export interface TauSynResult {
  readonly codes: Int32Array;
  readonly tauUs: Float64Array;
  readonly before: Spread;
  /** The per-neuron values measured before the search (NaN where there was no response). */
  readonly beforeValues: Float64Array;
  readonly after: Spread;
}

/**
 * Calibrates τ_syn of input `type` of every neuron to `tauTargetUs` (one value, or one per neuron: the reads are
 * timed for their median, the search drives each neuron to its own). Needs the CADC calibrated and the membranes'
 * readout switches on the CADC; sets up the stimulus and the neurons' readout of the input current (firing
 * off) itself. Leaves the codes written; the caller restores the neuron configuration.
 */
export async function calibrateTauSyn(
  connection: Connection,
  type: SynapticInputType,
  tauTargetUs: TargetValue,
  memCapSize: number,
  options: TauSynOptions = {},
): Promise<TauSynResult> {
  const setup = new PlaybackProgramBuilder();
  // The DAC and OTA biases are calibrated later in the sequence; their targets are the natural values to
  // measure τ_syn with.
  prepareSynapticReadout(setup, type, memCapSize, { synapseDacBias: options.synapseDacBias ?? 600, gm: options.syninGm ?? 500 });
  // Before: the code a mismatch-free chip would need (reference §10.3: τ_syn = 300 µs / code).
  const nominal = Int32Array.from({ length: NEURONS }, (_, n) => Math.max(1, Math.min(1022, Math.round(300 / targetOf(tauTargetUs, n)))));
  setNeuronCapMem(setup, SYNAPTIC_INPUT_CELLS[type].tau, nominal);
  const calibration = tauSynCalibration(type, medianTarget(tauTargetUs), options);
  const before = await calibration.measure(setup, connection);
  const result = await new NoisyBinarySearch(5, options.seed ?? 1).run(calibration, connection, tauTargetUs, options.onProgress);
  await applyNeuronCodes(connection, SYNAPTIC_INPUT_CELLS[type].tau, result.codes, options.settleUs ?? CAPMEM_SETTLE_US);
  return { codes: result.codes, tauUs: result.values, before: spreadOf(before), beforeValues: before, after: spreadOf(result.values) };
}
