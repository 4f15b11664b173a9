import type { Mapping } from './map-network.js';

// Recorded spikes back to (population, index) (reference §1.2, §1.3): a neuron's spike reaches the FPGA through
// crossbar L2 output (event output mod 4), which sets label bits 14–15; bits 0–13 are its NeuronLabel
// (event output << 8 | address_out), unique per neuron in a mapping.

export interface DecodedSpike {
  readonly population: string;
  readonly index: number;
}

const neuronLabelMask = 0x3fff;
const tables = new WeakMap<Mapping, ReadonlyMap<number, DecodedSpike>>();

/** The population neuron that sent a recorded spike label, or undefined for a label no mapped neuron sends. */
export function decodeSpike(mapping: Mapping, label: number): DecodedSpike | undefined {
  let table = tables.get(mapping);
  if (table === undefined) {
    const built = new Map<number, DecodedSpike>();
    for (const [population, p] of mapping.populations) {
      if (p.kind === 'neuron') p.spikeLabels.forEach((l, index) => built.set(l & neuronLabelMask, { population, index }));
    }
    tables.set(mapping, built);
    table = built;
  }
  return table.get(label & neuronLabelMask);
}
