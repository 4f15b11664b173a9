import { CorrelationResetOnDLS, NeuronBackendConfigBlockOnDLS, SynapseQuadColumnOnDLS, SynapseRowOnSynram, SynramOnDLS } from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import type { PlaybackProgramBuilder } from '@bss2/playback';
import { BlockPostPulse, CorrelationReset } from '@bss2/regs';
import { CADC_CHANNELS, readAllCadcChannels } from '../measure/cadc-reads.js';
import { PRE_LABEL } from './correlation-setup.js';

// The building blocks of a correlation measurement program (calix correlation_measurement.py measure_quad,
// reference §3.3): reset the accumulators of the measured rows, read them (the baseline), send pairings, read
// again. A causal pairing is a pre event followed by a forced post pulse `delay` later, an acausal pairing the
// reverse. Causal and acausal pairings alternate, `gapUs` apart, so that both channels accumulate in one run;
// with the gap ≥ 10 τ_corr the nearest-neighbour partner from the previous pairing (§10.9) adds < e^−10 of a
// pairing to the other channel.

/** A post pulse on every column: the BlockPostPulse trigger of both backend blocks (neurons with postOverwrite). */
export function sendPostPulse(builder: PlaybackProgramBuilder): void {
  for (const block of [0, 1]) builder.write(BlockPostPulse, NeuronBackendConfigBlockOnDLS(block), BlockPostPulse.defaults());
}

/** Correlation reset of every synapse of `rows` in both synrams (one CorrelationReset per quad). */
export function resetCorrelationRows(builder: PlaybackProgramBuilder, rows: readonly number[]): void {
  for (const synram of [0, 1]) {
    for (const row of rows) {
      for (let q = 0; q < 64; q++) builder.write(CorrelationReset, CorrelationResetOnDLS.of(SynramOnDLS(synram), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(q)), CorrelationReset.defaults());
    }
  }
}

/**
 * Appends a CADC conversion of the correlation channels of `rows`; after the program ran, the getter gives
 * the reads as `rows.length` blocks of 1024 channels (CADCChannelOnDLS order, `synram·512 + type·256 + column`).
 */
export function readCorrelationRows(builder: PlaybackProgramBuilder, rows: readonly number[]): () => Float64Array {
  const reads = rows.map((row) => readAllCadcChannels(builder, 1, { row }));
  return () => {
    const out = new Float64Array(rows.length * CADC_CHANNELS);
    reads.forEach((read, i) => out.set(read(), i * CADC_CHANNELS));
    return out;
  };
}

export interface PairingSchedule {
  /** Delay between the two events of a pairing, µs (> 0). */
  readonly delayUs: number;
  /** Causal pairings, and as many acausal ones. */
  readonly pairs: number;
  /** Time from one pairing to the next, µs (≫ τ_corr). */
  readonly gapUs: number;
}

/**
 * Appends `pairs` causal and `pairs` acausal pairings, alternating, the first one `gapUs` after a timer reset,
 * and waits one gap after the last, so that a read appended next sees every pairing.
 */
export function appendPairings(builder: PlaybackProgramBuilder, schedule: PairingSchedule): void {
  const cycles = (us: number): number => Math.round(us * FPGA_CYCLES_PER_US);
  const delay = cycles(schedule.delayUs);
  const gap = cycles(schedule.gapUs);
  builder.timerReset();
  let slot = gap;
  for (let k = 0; k < schedule.pairs; k++) {
    // Causal: pre, then post `delay` later.
    builder.injectSpikes([PRE_LABEL], [slot]);
    builder.waitUntil(slot + delay);
    sendPostPulse(builder);
    slot += gap;
    // Acausal: post, then pre `delay` later.
    builder.waitUntil(slot);
    sendPostPulse(builder);
    builder.injectSpikes([PRE_LABEL], [slot + delay]);
    slot += gap;
  }
  builder.waitUntil(slot);
}
