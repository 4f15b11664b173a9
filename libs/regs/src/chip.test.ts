import fc from 'fast-check';
import { AtomicNeuronOnDLS, PPUOnDLS, SynapseQuadOnDLS } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { valueArbitrary } from '../test-support/value-arbitrary.js';
import { Chip, chipContainers } from './chip.js';
import { containers } from './containers.js';
import type { AnyContainer } from './field-engine/define-container.js';
import { NeuronConfig } from './neuron/neuron-config.js';
import { PPUStatusRegister } from './ppu/ppu.js';
import { SynapseQuad } from './synapse/synapse-quad.js';

// A change is (container, instance, new value); the expected writes are the words whose encoding changed,
// in registry order, then instance order, then transfer order.

interface Change {
  readonly type: AnyContainer;
  readonly coord: number;
  readonly value: Record<string, unknown>;
}

const changeArbitrary: fc.Arbitrary<Change> = fc
  .constantFrom(...chipContainers)
  .chain((type) =>
    fc.record({ type: fc.constant(type), coord: fc.integer({ min: 0, max: type.coord.size - 1 }), value: valueArbitrary(type) }),
  );

function expectedWrites(before: Chip, after: Chip, changes: readonly Change[]): number[][] {
  const touched = new Map(changes.map((c) => [`${c.type.name}/${c.coord}`, c]));
  const order = [...touched.values()].sort((a, b) => chipContainers.indexOf(a.type) - chipContainers.indexOf(b.type) || a.coord - b.coord);
  return order.flatMap(({ type, coord }) => {
    const old = before.rawWords(type, coord);
    const now = after.rawWords(type, coord);
    return type.addresses(coord).flatMap((address, w) => (old[w] === now[w] ? [] : [[address, now[w] as number]]));
  });
}

describe('Chip', () => {
  it('holds every config container and nothing else, at its reset value', () => {
    expect(chipContainers.map((c) => c.name)).toEqual(containers.filter((c) => c.kind === 'config').map((c) => c.name));
    const chip = new Chip();
    expect(chip.get(NeuronConfig, AtomicNeuronOnDLS(511))).toEqual(NeuronConfig.defaults());
    expect(() => chip.get(PPUStatusRegister, PPUOnDLS.top)).toThrow(expect.objectContaining({ code: 'not-in-chip' }));
  });

  it('identical chips produce no writes', () => {
    const chip = new Chip();
    expect(chip.writesSince(new Chip()).addresses).toHaveLength(0);
    expect(chip.clone().writesSince(chip).words).toHaveLength(0);
  });

  it('a random set of changes produces exactly the changed words, in write order', () => {
    fc.assert(
      fc.property(fc.array(changeArbitrary, { minLength: 1, maxLength: 12 }), (changes) => {
        const before = new Chip();
        const after = before.clone();
        for (const c of changes) after.set(c.type, c.coord, c.value);
        const writes = after.writesSince(before);
        const pairs = Array.from(writes.addresses, (a, i) => [a, writes.words[i] as number]);
        expect(pairs).toEqual(expectedWrites(before, after, changes));
        expect(before.writesSince(before.clone()).addresses).toHaveLength(0);
      }),
      { numRuns: 50 },
    );
  });

  it('keeps the last value set and leaves the previous chip untouched', () => {
    const before = new Chip();
    const after = before.clone();
    const quad = SynapseQuadOnDLS(12345);
    const value = { weights: [1, 2, 3, 4], labels: [5, 6, 7, 8], timeCalibs: [0, 1, 2, 3], ampCalibs: [3, 2, 1, 0] };
    after.set(SynapseQuad, quad, value);
    expect(after.get(SynapseQuad, quad)).toEqual(value);
    expect(before.get(SynapseQuad, quad)).toEqual(SynapseQuad.defaults());
    after.modify(SynapseQuad, quad, { labels: [0, 0, 0, 63] });
    expect(after.get(SynapseQuad, quad)).toEqual({ ...value, labels: [0, 0, 0, 63] });
  });

  it('rejects an invalid value without changing the chip', () => {
    const chip = new Chip();
    const bad = { ...NeuronConfig.defaults(), memCapSize: 64 };
    expect(() => chip.set(NeuronConfig, AtomicNeuronOnDLS(3), bad)).toThrow(expect.objectContaining({ code: 'out-of-range', field: 'memCapSize' }));
    expect(chip.get(NeuronConfig, AtomicNeuronOnDLS(3))).toEqual(NeuronConfig.defaults());
  });

  it('diffs a full reprogramming of all 131,072 synapses word by word', () => {
    const before = new Chip();
    const after = before.clone();
    const value = { weights: [63, 63, 63, 63], labels: [0, 0, 0, 0], timeCalibs: [0, 0, 0, 0], ampCalibs: [0, 0, 0, 0] };
    for (const quad of SynapseQuadOnDLS.all()) after.set(SynapseQuad, quad, value);
    const writes = after.writesSince(before);
    expect(writes.addresses).toHaveLength(SynapseQuadOnDLS.size);
    expect(new Set(writes.words)).toEqual(new Set([0x3f3f_3f3f]));
  });

  it('lists every word once for a first full configuration', () => {
    const all = new Chip().allWrites();
    const total = chipContainers.reduce((n, c) => n + c.coord.size * c.words, 0);
    expect(all.addresses).toHaveLength(total);
    expect(new Set(all.addresses).size).toBe(total);
    const first = NeuronConfig.addresses(AtomicNeuronOnDLS(0))[0] as number;
    const at = all.addresses.indexOf(first);
    expect(Array.from(all.words.subarray(at, at + NeuronConfig.words))).toEqual(Array.from(NeuronConfig.encode(NeuronConfig.defaults())));
  });
});
