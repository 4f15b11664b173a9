import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, CrossbarInputOnDLS, CrossbarNodeOnDLS, CrossbarOutputOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { CrossbarNode, NeuronBackendConfig } from '@bss2/regs';
import { beforeAll, describe, expect, it } from 'vitest';
import { calibrationChip, type CalibrationResult } from '../result/calibration-result.js';
import { calibrateSpikingNeurons } from './spiking-sequence.js';
import { configureStimulus, STIMULUS_LABEL } from './synaptic-input-setup.js';
import { waitUs } from '../measure/settle.js';

// Issue 5 "Judged by": a calibrated chip's neurons given identical input fire within a few µs of each other;
// uncalibrated ones do not. Identical input: two injected stimulus events 1 µs apart reach every neuron through
// the same 8 full-weight synapses each (configureStimulus), starting from rest. The calibrated chip gets the
// full result applied through the link (`calibrationChip` → `writeChip`) on a fresh connection to the same chip;
// the uncalibrated one gets the same result with every per-neuron CapMem row set to that row's median code — the
// best a user can do without per-neuron calibration. Spikes come back through the crossbar to the FPGA
// (reference §1.2: neuron event output k → L2 output k mod 4) and are timed from their recorded timestamps.

const IDENTITY = 'calib-synchrony';
const STIMULUS_US = [20, 21];
const RECORD_US = 80;
const neurons = 512;

let calibrated: CalibrationResult;

beforeAll(async () => {
  const connection = new TwinConnection({ identity: IDENTITY, fidelity: 'analog' });
  calibrated = await calibrateSpikingNeurons(connection, {}, { chipIdentity: IDENTITY });
  await connection.close();
}, 120_000);

/** The same result with every per-neuron row at its median code. */
function medianCodes(result: CalibrationResult): CalibrationResult {
  const neuronCapMem = Object.fromEntries(
    Object.entries(result.neuronCapMem).map(([parameter, codes]) => {
      const sorted = [...codes].sort((a, b) => a - b);
      return [parameter, new Array<number>(neurons).fill(sorted[neurons >> 1] as number)];
    }),
  );
  return { ...result, neuronCapMem };
}

/** Neuron of a recorded label: event output (bits 8..10) × 32 + column on it, row from address_out bit 5. */
function neuronOfLabel(label: number): number {
  const address = label & 0xff;
  const column = ((label >> 8) & 7) * 32 + (address & 31);
  return (address >> 5) * 256 + column;
}

/** First spike time (µs after the first stimulus) per neuron, NaN if none; and the spikes before the stimulus. */
async function firstSpikes(result: CalibrationResult): Promise<{ first: Float64Array; early: number }> {
  const connection = new TwinConnection({ identity: IDENTITY, fidelity: 'analog' });
  const builder = new PlaybackProgramBuilder();
  builder.writeChip(calibrationChip(result));
  configureStimulus(builder, 'excitatory');
  for (let n = 0; n < neurons; n++) {
    const column = n & 255;
    builder.write(NeuronBackendConfig, AtomicNeuronOnDLS(n), {
      ...NeuronBackendConfig.defaults(),
      addressOut: (n >> 8) * 32 + (column & 31),
      refractoryTime: result.neuronConfig?.refractoryTime ?? 0,
      enNeuronMaster: true,
      enSpikeOut: true,
    });
  }
  for (let output = 0; output < 8; output++) {
    builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(output), CrossbarOutputOnDLS(8 + (output % 4))), { mask: 0, target: 0, enableDropCounter: false });
  }
  // Twice calix's settling wait: the full result moves every CapMem cell from its reset value.
  waitUs(builder, 40_000);
  await connection.run(builder.done());
  // Spike timestamps are FPGA timer values: one program, one timer reset, then the input.
  const stimulus = new PlaybackProgramBuilder();
  stimulus.timerReset();
  const start = Math.round(STIMULUS_US[0]! * 125);
  stimulus.injectSpikes(STIMULUS_US.map(() => STIMULUS_LABEL), STIMULUS_US.map((us) => Math.round(us * 125)));
  stimulus.waitUntil(RECORD_US * 125);
  const { spikes } = await connection.run(stimulus.done());
  await connection.close();
  const first = new Float64Array(neurons).fill(NaN);
  let early = 0;
  for (const spike of spikes) {
    const relative = spike.cycles - start;
    if (relative < 0) {
      early++;
      continue;
    }
    const n = neuronOfLabel(spike.label);
    if (Number.isNaN(first[n] as number)) first[n] = relative / 125;
  }
  return { first, early };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[sorted.length >> 1] as number;
}

/** Deviation of every first spike from the median first-spike time, sorted ascending. */
function deviationsFromMedian(first: Float64Array): number[] {
  const times = Array.from(first).filter((t) => !Number.isNaN(t));
  const m = median(times);
  return times.map((t) => Math.abs(t - m)).sort((a, b) => a - b);
}

describe('firing synchrony', () => {
  it('calibrated neurons given identical input fire within a few µs of each other; uncalibrated ones do not', async () => {
    const withCalibration = await firstSpikes(calibrated);
    const withMedians = await firstSpikes(medianCodes(calibrated));
    const good = deviationsFromMedian(withCalibration.first);
    const bad = deviationsFromMedian(withMedians.first);
    const within2Us = (deviations: number[]): number => deviations.filter((d) => d <= 2).length;
    const describeRun = (name: string, deviations: number[], early: number): string =>
      `${name}: ${deviations.length}/512 fired, ${within2Us(deviations)} within ±2 µs of the median first spike, ` +
      `median deviation ${median(deviations).toFixed(2)} µs, max ${deviations.at(-1)?.toFixed(2)} µs, ${early} spikes before the input`;
    console.log(describeRun('calibrated', good, withCalibration.early));
    console.log(describeRun('median codes (uncalibrated)', bad, withMedians.early));
    expect(withCalibration.early).toBe(0);
    expect(good.length).toBe(neurons);
    expect(within2Us(good)).toBeGreaterThanOrEqual(0.99 * neurons);
    // Uncalibrated: fixed-pattern mismatch (§10.4) scatters leak, threshold, τ and gain, so many neurons fire
    // long before or after the rest, or without any input.
    expect(neurons - within2Us(bad)).toBeGreaterThan(0.25 * neurons);
    expect(median(bad)).toBeGreaterThan(3 * median(good));
  }, 120_000);
});
