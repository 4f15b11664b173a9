import { SynapseQuad } from '@bss2/regs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedForwardNetwork } from '../test-support/random-network.js';
import { MappingError, mapNetwork, updateWeights, type Network } from './index.js';

// Weight updates between runs are diffs: applying only the returned quad writes to the previous Chip gives the
// Chip a fresh mapping of the new weights would, and nothing else changes (issue 6, "weights written as diffs").

const newWeights = (length: number) => fc.array(fc.integer({ min: -63, max: 63 }), { minLength: length, maxLength: length });

describe('updateWeights', () => {
  it('returns exactly the quads whose synapses changed; applied to the old Chip they give the fresh mapping', () => {
    fc.assert(
      fc.property(
        feedForwardNetwork.chain((network) => fc.tuple(fc.constant(network), fc.nat(network.projections.length - 1)).chain(([n, k]) => fc.tuple(fc.constant(n), fc.constant(k), newWeights(n.projections[k]!.weights.length)))),
        ([network, k, weights]) => {
          const mapping = mapNetwork(network);
          const name = network.projections[k]!.name;
          const { mapping: updated, writes } = updateWeights(mapping, name, weights);
          const fresh = mapNetwork({ ...network, projections: network.projections.map((p, i) => (i === k ? { ...p, weights } : p)) });
          expect(fresh.chip.writesSince(updated.chip).words.length).toBe(0);
          const patched = mapping.chip.clone();
          for (const write of writes) patched.set(SynapseQuad, write.quad, write.value);
          expect(patched.writesSince(updated.chip).words.length).toBe(0);
          // Only changed quads are listed: each differs from the old Chip.
          for (const write of writes) expect(mapping.chip.get(SynapseQuad, write.quad)).not.toEqual(write.value);
          expect(mapping.chip.writesSince(mapNetwork(network).chip).words.length).toBe(0);
        },
      ),
    );
  });

  it('gives no writes for unchanged weights and rejects an unknown projection or a bad matrix', () => {
    const network: Network = {
      populations: [
        { name: 'in', kind: 'input', size: 2 },
        { name: 'out', kind: 'neuron', size: 2 },
      ],
      projections: [{ name: 'p', source: 'in', target: 'out', weights: [1, -2, 3, 0] }],
    };
    const mapping = mapNetwork(network);
    expect(updateWeights(mapping, 'p', [1, -2, 3, 0]).writes).toEqual([]);
    // A sign flip moves the weight from the excitatory to the inhibitory row: both quads are rewritten.
    expect(updateWeights(mapping, 'p', [-1, -2, 3, 0]).writes).toHaveLength(2);
    // 0 → −1 only touches the inhibitory row; the excitatory synapse stays 0 and its quad is not rewritten.
    expect(updateWeights(mapping, 'p', [1, -2, 3, -1]).writes).toHaveLength(1);
    expect(() => updateWeights(mapping, 'q', [0, 0, 0, 0])).toThrow(MappingError);
    expect(() => updateWeights(mapping, 'p', [0, 0, 0])).toThrow(/3 entries/);
    expect(() => updateWeights(mapping, 'p', [0, 0, 0, -64])).toThrow(/−63\.\.63/);
  });
});
