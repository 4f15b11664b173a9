import type { PlaybackProgramBuilder } from '@bss2/playback';
import {
  configureColumns,
  configureNeurons,
  configureSharedCapMem,
  driverLabel,
  driverOn,
  enableDriver,
  routeFpgaToBus,
  US,
  writeSynapseRow,
} from './bench-network.js';

// The spike-pairing network of the STDP benches: sixteen neurons share one plastic synapse row that receives
// pre-synaptic spikes from the FPGA. A teacher input (a burst of two events at full weight on both rows of its
// driver) makes neurons 0..7 fire about 3 µs after each pre spike (causal pairs) and neurons 8..15 about 3 µs
// before it (acausal pairs). The plastic weight alone is far too weak to make a neuron fire.

export const PAIRING_COLUMNS = {
  all: Array.from({ length: 16 }, (_, c) => c),
  causal: Array.from({ length: 8 }, (_, c) => c),
  acausal: Array.from({ length: 8 }, (_, c) => c + 8),
} as const;
export const PAIRINGS = 20;
const pairingPeriodCycles = 40 * US;
const plasticLabel = 5;

export interface PairingNetwork {
  readonly plasticRow: number;
  readonly plasticDriver: number;
  readonly teacherDriver: number;
}

/** Configures the network with the plastic weights at `initialWeight`; the CADC shows the correlation. */
export function buildPairingNetwork(builder: PlaybackProgramBuilder, initialWeight: number): PairingNetwork {
  const columns = PAIRING_COLUMNS.all;
  const teacherDriver = driverOn(0, 0);
  const plasticDriver = driverOn(0, 1);
  configureSharedCapMem(builder);
  configureNeurons(builder, columns);
  configureColumns(builder, 'correlation');
  routeFpgaToBus(builder, 0);
  const [teacherTop, teacherBottom] = enableDriver(builder, teacherDriver);
  const [plasticRow, unusedRow] = enableDriver(builder, plasticDriver);
  // Teacher label 1 reaches neurons 0..7, label 2 neurons 8..15.
  const teacherLabels = columns.map((c) => (c < 8 ? 1 : 2));
  for (const row of [teacherTop, teacherBottom]) writeSynapseRow(builder, row, columns.map(() => 63), teacherLabels);
  writeSynapseRow(builder, plasticRow, columns.map(() => initialWeight), columns.map(() => plasticLabel));
  writeSynapseRow(builder, unusedRow, [], columns.map(() => 63));
  return { plasticRow, plasticDriver, teacherDriver };
}

/** The pre spikes and teacher bursts of `PAIRINGS` pairings, 40 µs apart, the first pre spike at `start` + 20 µs. */
export function pairingSpikes(network: PairingNetwork, start: number): { labels: number[]; times: number[] } {
  const labels: number[] = [];
  const times: number[] = [];
  for (let k = 0; k < PAIRINGS; k++) {
    const pre = start + 20 * US + k * pairingPeriodCycles;
    labels.push(driverLabel(network.plasticDriver, plasticLabel));
    times.push(pre);
    for (const [label, at] of [[1, pre + 2 * US], [2, pre - 4 * US]] as const) {
      for (let i = 0; i < 2; i++) {
        labels.push(driverLabel(network.teacherDriver, label));
        times.push(at + 8 * i);
      }
    }
  }
  return { labels, times };
}

/** When the last pairing of a train that started at `start` is over. */
export const pairingEnd = (start: number): number => start + 20 * US + PAIRINGS * pairingPeriodCycles;
