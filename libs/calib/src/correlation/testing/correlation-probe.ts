import {
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  NeuronBackendConfigBlockOnDLS,
  PADIBusBlockOnDLS,
  PADIBusOnDLS,
  SynapseDriverOnDLS,
  SynapseDriverOnPADIBus,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseRowOnSynram,
  SynramOnDLS,
  CorrelationResetOnDLS,
} from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { BlockPostPulse, CommonPADIBusConfig, CorrelationReset, CrossbarNode, SynapseDriverConfig, SynapseQuad } from '@bss2/regs';
import { readAllCadcChannels } from '../../measure/cadc-reads.js';

// Test support: an independent correlation measurement, written apart from the calibration's own. It uses
// other rows (drivers on PADI bus 2/6 instead of 0/4), other delays, one pairing type per run instead of
// interleaved ones, and a least-squares fit of ln g(Δ) over three or more delays. Needs the chip as the
// calibration left it (forced post pulses, correlation channels on the CADC); adds its own pre-event path.

/** Positions on PADI bus 2 (and 6) of the probe's drivers: rows 60, 61, 156, 157 of each synram. */
const PROBE_DRIVERS = [7, 19] as const;
export const PROBE_ROWS: readonly number[] = PROBE_DRIVERS.flatMap((position) =>
  SynapseDriverOnDLS.toSynapseRowsOnDLS(SynapseDriverOnDLS.ofPADIBus(PADIBusOnDLS(2), SynapseDriverOnPADIBus(position))).map((row) => row % 256),
).sort((a, b) => a - b);

/** Routes label 0 from L2 channel 0 also to PADI bus 2 of each hemisphere, to the probe rows (weight 0, label 0). */
export async function configureProbe(connection: Connection): Promise<void> {
  const builder = new PlaybackProgramBuilder();
  for (const hemisphere of [0, 1]) {
    const bus = PADIBusOnDLS(hemisphere * 4 + 2);
    builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(8), CrossbarOutputOnDLS(bus)), { mask: 0, target: 0, enableDropCounter: false });
    builder.write(CommonPADIBusConfig, PADIBusBlockOnDLS(hemisphere), CommonPADIBusConfig.modify(CommonPADIBusConfig.defaults(), { enableSpl1: [true, false, true, false] }));
    for (const position of PROBE_DRIVERS) {
      builder.write(
        SynapseDriverConfig,
        SynapseDriverOnDLS.ofPADIBus(bus, SynapseDriverOnPADIBus(position)),
        SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), { enableReceiver: true, rowAddressCompareMask: 0, rowModeTop: 'excitatory', rowModeBottom: 'excitatory' }),
      );
    }
    for (const row of PROBE_ROWS) {
      for (let q = 0; q < 64; q++) {
        builder.write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(hemisphere), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(q)), {
          weights: [0, 0, 0, 0],
          labels: [0, 0, 0, 0],
          timeCalibs: [0, 0, 0, 0],
          ampCalibs: [0, 0, 0, 0],
        });
      }
    }
  }
  await connection.run(builder.done());
}

function resetRows(builder: PlaybackProgramBuilder): void {
  for (const synram of [0, 1]) {
    for (const row of PROBE_ROWS) {
      for (let q = 0; q < 64; q++) builder.write(CorrelationReset, CorrelationResetOnDLS.of(SynramOnDLS(synram), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(q)), CorrelationReset.defaults());
    }
  }
}

function post(builder: PlaybackProgramBuilder): void {
  for (const block of [0, 1]) builder.write(BlockPostPulse, NeuronBackendConfigBlockOnDLS(block), BlockPostPulse.defaults());
}

/** Reads of the probe rows after a reset (`reset`) and after `pairs` pairings of one type at `delayUs`. */
export interface ProbeRun {
  readonly reset: Float64Array[];
  readonly paired: Float64Array[];
}

/** One run: reset, read, `pairs` pairings of one type (`causal`: pre first) `gapUs` apart, read. */
export async function probeRun(connection: Connection, causal: boolean, delayUs: number, pairs: number, gapUs: number): Promise<ProbeRun> {
  const builder = new PlaybackProgramBuilder();
  const cycles = (us: number): number => Math.round(us * FPGA_CYCLES_PER_US);
  resetRows(builder);
  const reset = PROBE_ROWS.map((row) => readAllCadcChannels(builder, 1, { row }));
  builder.timerReset();
  for (let k = 1; k <= pairs; k++) {
    const first = cycles(k * gapUs);
    const second = first + cycles(delayUs);
    if (causal) {
      builder.injectSpikes([0], [first]);
      builder.waitUntil(second);
      post(builder);
    } else {
      builder.waitUntil(first);
      post(builder);
      builder.injectSpikes([0], [second]);
    }
  }
  builder.waitUntil(cycles((pairs + 1) * gapUs));
  const paired = PROBE_ROWS.map((row) => readAllCadcChannels(builder, 1, { row }));
  await connection.run(builder.done());
  return { reset: reset.map((r) => r()), paired: paired.map((r) => r()) };
}

/** Mean increment per pairing of each quadrant (synram·2 + east half) for the channel type of the run. */
export function quadrantIncrements(run: ProbeRun, causal: boolean, pairs: number): number[] {
  const sums = [0, 0, 0, 0];
  const counts = [0, 0, 0, 0];
  const type = causal ? 0 : 1;
  run.paired.forEach((paired, r) => {
    for (let synram = 0; synram < 2; synram++) {
      for (let column = 0; column < 256; column++) {
        const ch = synram * 512 + type * 256 + column;
        const q = synram * 2 + (column >> 7);
        sums[q]! += (paired[ch] as number) - (run.reset[r]![ch] as number);
        counts[q]!++;
      }
    }
  });
  return sums.map((s, q) => s / counts[q]! / pairs);
}

/**
 * τ and A per quadrant from causal and acausal runs at `delaysUs`: ln √(c_causal·c_acausal) = ln A − Δ/τ,
 * least squares over the delays.
 */
export async function probeCorrelation(connection: Connection, delaysUs: readonly number[], pairs: number, gapUs: number): Promise<{ tauUs: number[]; amplitudeLsb: number[] }> {
  const logs: number[][] = [[], [], [], []];
  for (const delayUs of delaysUs) {
    const causal = quadrantIncrements(await probeRun(connection, true, delayUs, pairs, gapUs), true, pairs);
    const acausal = quadrantIncrements(await probeRun(connection, false, delayUs, pairs, gapUs), false, pairs);
    for (let q = 0; q < 4; q++) logs[q]!.push(0.5 * Math.log(causal[q]! * acausal[q]!));
  }
  const meanX = delaysUs.reduce((a, b) => a + b, 0) / delaysUs.length;
  const tauUs: number[] = [];
  const amplitudeLsb: number[] = [];
  for (const ys of logs) {
    const meanY = ys.reduce((a, b) => a + b, 0) / ys.length;
    let sxy = 0;
    let sxx = 0;
    delaysUs.forEach((x, i) => {
      sxy += (x - meanX) * (ys[i]! - meanY);
      sxx += (x - meanX) ** 2;
    });
    const slope = sxy / sxx;
    tauUs.push(-1 / slope);
    amplitudeLsb.push(Math.exp(meanY - slope * meanX));
  }
  return { tauUs, amplitudeLsb };
}
