import { TwinConnection } from '@bss2/chip';
import { SynapseDriverOnDLS } from '@bss2/coords';
import { NeuronBackendConfig, SynapseDriverConfig } from '@bss2/regs';
import { afterAll, describe, expect, it } from 'vitest';
import { LSB_PER_WEIGHT, probeBase, SynapticInputProbe } from '../test-support/synaptic-input-probe.js';
import { decodeSpike, mapNetwork, type Network, type NeuronPopulationMapping } from './index.js';

// hxtorch's Yin-Yang example (reference §6.7): 5 inputs (the 4 coordinates x, y, 1 − x, 1 − y and the bias
// spike, §9) → 120 LIF → 3 LI readout, the readout placed on neuron row 1, columns 0..2.

/** Deterministic weights with both signs, zeros and the full range (a small LCG, no Math.random). */
function weights(length: number, seed: number): number[] {
  let state = seed;
  return Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return (state % 127) - 63;
  });
}

const yinYang: Network = {
  populations: [
    { name: 'input', kind: 'input', size: 5 },
    { name: 'hidden', kind: 'neuron', size: 120 },
    { name: 'readout', kind: 'neuron', size: 3, placement: { row: 1, columns: [0, 2] } },
  ],
  projections: [
    { name: 'input-hidden', source: 'input', target: 'hidden', weights: weights(5 * 120, 1) },
    { name: 'hidden-readout', source: 'hidden', target: 'readout', weights: weights(120 * 3, 2) },
  ],
};

const connection = new TwinConnection({ identity: 'mapping-yin-yang', fidelity: 'ideal' });
afterAll(() => connection.close());

describe('the Yin-Yang network', () => {
  const mapping = mapNetwork(yinYang, { base: probeBase() });
  const hidden = mapping.populations.get('hidden') as NeuronPopulationMapping;
  const readout = mapping.populations.get('readout') as NeuronPopulationMapping;

  it('fits: readout on row 1 columns 0..2, hidden on row 0, one driver per source and hemisphere', () => {
    expect(readout.neurons).toEqual([256, 257, 258]);
    expect(hidden.neurons).toEqual(Array.from({ length: 120 }, (_, i) => i));
    const drivers = [...hidden.routes, ...(mapping.populations.get('input')?.routes ?? [])].flatMap((r) => r.rowPairs.filter((p) => p !== undefined).map((p) => p.driver));
    expect(drivers).toHaveLength(125);
    expect(new Set(drivers).size).toBe(125);
    // Hidden neurons feed only the readout (hemisphere 1), inputs only the hidden layer (hemisphere 0).
    expect(hidden.routes.every((r) => r.rowPairs[0] === undefined && r.rowPairs[1] !== undefined)).toBe(true);
    const enabled = SynapseDriverOnDLS.all().filter((d) => mapping.chip.get(SynapseDriverConfig, d).enableReceiver);
    expect(enabled.filter((d) => d < 128)).toHaveLength(5);
    expect(enabled.filter((d) => d >= 128)).toHaveLength(120);
  });

  it('gives every hidden and readout neuron its own spike label, which decodes back to it', () => {
    const labels = [...hidden.spikeLabels, ...readout.spikeLabels];
    expect(new Set(labels.map((l) => l & 0x3fff)).size).toBe(123);
    hidden.spikeLabels.forEach((label, index) => expect(decodeSpike(mapping, label)).toEqual({ population: 'hidden', index }));
    readout.spikeLabels.forEach((label, index) => expect(decodeSpike(mapping, label)).toEqual({ population: 'readout', index }));
    hidden.routes.forEach((r) => expect(mapping.chip.get(NeuronBackendConfig, r.neuron)).toMatchObject({ addressOut: r.addressOut, enSpikeOut: true }));
    expect(decodeSpike(mapping, 0x3fff)).toBeUndefined();
  });

  it('routes each of the 5 inputs to all 120 hidden neurons with its weights on the twin', async () => {
    const input = mapping.populations.get('input');
    if (input?.kind !== 'input') throw new Error('input population missing');
    expect(input.fpgaLabels.every((l) => l.length === 1)).toBe(true);
    const response = await new SynapticInputProbe(connection).measure(mapping.chip, input.fpgaLabels);
    for (let i = 0; i < 5; i++) {
      const exc = response.excitatory[i] as Float64Array;
      const inh = response.inhibitory[i] as Float64Array;
      const wrong: string[] = [];
      for (let n = 0; n < 512; n++) {
        const w = n < 120 ? (yinYang.projections[0]?.weights[n * 5 + i] as number) : 0;
        const [wantExc, wantInh] = [Math.max(w, 0) * LSB_PER_WEIGHT, Math.max(-w, 0) * LSB_PER_WEIGHT];
        if (Math.abs((exc[n] as number) - wantExc) > 1 || Math.abs((inh[n] as number) - wantInh) > 1) wrong.push(`neuron ${n}: w ${w}, exc ${exc[n]}, inh ${inh[n]}`);
      }
      expect(wrong, `input ${i}`).toEqual([]);
    }
  });
});
