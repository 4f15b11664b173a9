import { describe, expect, it } from 'vitest';
import { ChangeSet } from './change-set.js';
import { NeuronConfig } from './neuron/neuron-config.js';
import { SynapseQuad } from './synapse/synapse-quad.js';

describe('ChangeSet', () => {
  it('collects instances per container type', () => {
    const changes = new ChangeSet();
    expect(changes.isEmpty).toBe(true);
    changes.add(NeuronConfig, 3);
    changes.add(NeuronConfig, 5);
    expect(changes.has(NeuronConfig)).toBe(true);
    expect(changes.has(SynapseQuad)).toBe(false);
    expect([...(changes.instances(NeuronConfig) as Set<number>)]).toEqual([3, 5]);
    expect((changes.instances(SynapseQuad) as Set<number>).size).toBe(0);
    const visited: number[] = [];
    changes.forEachInstance(NeuronConfig, (i) => visited.push(i));
    expect(visited).toEqual([3, 5]);
    changes.forEachInstance(SynapseQuad, (i) => visited.push(i));
    expect(visited).toEqual([3, 5]);
  });

  it('addAll and all() report every instance', () => {
    const changes = new ChangeSet();
    changes.add(SynapseQuad, 1);
    changes.addAll(SynapseQuad);
    changes.add(SynapseQuad, 2);
    expect(changes.instances(SynapseQuad)).toBe('all');
    const all = ChangeSet.all();
    expect(all.has(NeuronConfig)).toBe(true);
    expect(all.instances(NeuronConfig)).toBe('all');
    let count = 0;
    all.forEachInstance(NeuronConfig, () => count++);
    expect(count).toBe(512);
    all.clear();
    expect(all.isEmpty).toBe(true);
  });
});
