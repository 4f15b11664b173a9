import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { feedForwardNetwork } from '../test-support/random-network.js';
import { mapNetwork, type Mapping, type Network } from './index.js';

// The same network always gives the same mapping: the same Chip word for word and the same label tables,
// whether mapped twice in a row or from an equal description built separately (copied weight arrays).

function tables(mapping: Mapping): unknown {
  return [...mapping.populations].map(([name, p]) => [name, p.kind === 'neuron' ? [p.neurons, p.spikeLabels, p.routes] : [p.fpgaLabels, p.routes]]);
}

function copy(network: Network): Network {
  return {
    populations: network.populations.map((p) => ({ ...p })),
    projections: network.projections.map((p) => ({ ...p, weights: Int8Array.from(p.weights) })),
  };
}

describe('determinism', () => {
  it('maps equal networks to identical Chips and tables', () => {
    fc.assert(
      fc.property(feedForwardNetwork, (network) => {
        const first = mapNetwork(network);
        const second = mapNetwork(copy(network));
        expect(second.chip.writesSince(first.chip).words.length).toBe(0);
        expect(tables(second)).toEqual(tables(first));
      }),
    );
  });

  it('does not modify the base Chip', () => {
    const network: Network = {
      populations: [
        { name: 'in', kind: 'input', size: 1 },
        { name: 'out', kind: 'neuron', size: 1 },
      ],
      projections: [{ name: 'p', source: 'in', target: 'out', weights: [5] }],
    };
    const base = mapNetwork(network).chip;
    const before = base.clone();
    const mapped = mapNetwork({ ...network, projections: [{ name: 'p', source: 'in', target: 'out', weights: [-7] }] }, { base });
    expect(base.writesSince(before).words.length).toBe(0);
    expect(mapped.chip.writesSince(base).words.length).toBeGreaterThan(0);
  });
});
