import fc from 'fast-check';
import { AtomicNeuronOnDLS, BackgroundSpikeSourceOnDLS, CrossbarNodeOnDLS, PPUMemoryWordOnDLS, PPUOnDLS, SynapseQuadOnDLS } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { valueArbitrary } from '../test-support/value-arbitrary.js';
import { addressToContainer } from './address-lookup.js';
import { BackgroundSpikeSource } from './background/background-spike-source.js';
import { Chip, chipContainers } from './chip.js';
import { containers } from './containers.js';
import type { AnyContainer } from './field-engine/define-container.js';
import { NeuronConfig } from './neuron/neuron-config.js';
import { PPUMemoryWord, PPUStatusRegister } from './ppu/ppu.js';
import { CrossbarNode } from './crossbar/crossbar.js';
import { RegsError } from './regs-error.js';
import { CADCSampleQuad } from './cadc/cadc-sample-quad.js';
import { CorrelationReset } from './synapse/correlation-reset.js';
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

describe('Chip raw word access', () => {
  // A random legal value of a random instance, written word by word at the addresses its container gives and
  // routed through addressToContainer as the twin's register file does, must read back through `get`.
  it('setWord at addressToContainer indices rebuilds what set() stores, and word() reads it back', () => {
    fc.assert(
      fc.property(changeArbitrary, ({ type, coord, value }) => {
        const expected = new Chip();
        expected.set(type, coord, value);
        const chip = new Chip();
        const encoded = type.encode(value);
        type.addresses(coord).forEach((address, i) => {
          const owner = addressToContainer(address);
          expect(owner).toMatchObject({ coord, word: i });
          chip.setWord(owner!.container, owner!.coord, owner!.word, encoded[i] as number);
        });
        expect(chip.get(type, coord)).toEqual(value);
        expect(chip.writesSince(expected).addresses).toHaveLength(0);
        encoded.forEach((w, i) => expect(chip.word(type, coord, i)).toBe(w));
        expect(Array.from(chip.instanceWords(type, coord))).toEqual(Array.from(encoded));
      }),
      { numRuns: 50 },
    );
  });

  it('uses transfer order: BackgroundSpikeSource word 0 is the seed (layout word 1)', () => {
    const chip = new Chip();
    const source = BackgroundSpikeSourceOnDLS(2);
    const seedAddress = BackgroundSpikeSource.addresses(source)[0] as number;
    expect(addressToContainer(seedAddress)).toMatchObject({ container: BackgroundSpikeSource, coord: 2, word: 0 });
    chip.setWord(BackgroundSpikeSource, source, 0, 0xdead_beef);
    expect(chip.get(BackgroundSpikeSource, source).seed).toBe(0xdead_beef);
    expect(chip.word(BackgroundSpikeSource, source, 0)).toBe(0xdead_beef);
  });

  it('instanceWords is a view: it sees later writes and writes through, without touching other instances', () => {
    const chip = new Chip();
    const quad = SynapseQuadOnDLS(777);
    const view = chip.instanceWords(SynapseQuad, quad);
    expect(view).toHaveLength(SynapseQuad.words);
    chip.setWord(SynapseQuad, quad, 1, 0x0506_0708);
    expect(view[1]).toBe(0x0506_0708);
    view[0] = 0x3f3f_3f3f;
    expect(chip.get(SynapseQuad, quad).weights).toEqual([63, 63, 63, 63]);
    expect(chip.get(SynapseQuad, SynapseQuadOnDLS(776))).toEqual(SynapseQuad.defaults());
    expect(chip.get(SynapseQuad, SynapseQuadOnDLS(778))).toEqual(SynapseQuad.defaults());
    expect(chip.clone().instanceWords(SynapseQuad, quad)).not.toBe(view);
  });

  it('keeps written words as they are, reserved bits included; get() ignores them', () => {
    // CrossbarNode bits 14, 15 and 30 are unused (§1.2 node table).
    const chip = new Chip();
    const node = CrossbarNodeOnDLS(7);
    const word = (CrossbarNode.encode({ mask: 0x3fff, target: 1, enableDropCounter: false })[0] as number) | 0x4000_c000;
    chip.setWord(CrossbarNode, node, 0, word >>> 0);
    expect(chip.word(CrossbarNode, node, 0)).toBe(0x4001_ffff);
    expect(chip.get(CrossbarNode, node)).toEqual({ mask: 0x3fff, target: 1, enableDropCounter: false });
  });

  it('rejects bad instances, words and values with RegsError naming the value and the legal range', () => {
    const chip = new Chip();
    const cases: [() => unknown, string, unknown, { min: number; max: number }][] = [
      [() => chip.word(NeuronConfig, 512, 0), 'instance-out-of-range', 512, { min: 0, max: 511 }],
      [() => chip.word(NeuronConfig, -1, 0), 'instance-out-of-range', -1, { min: 0, max: 511 }],
      [() => chip.word(NeuronConfig, 1.5, 0), 'instance-out-of-range', 1.5, { min: 0, max: 511 }],
      [() => chip.word(NeuronConfig, 0, 6), 'word-out-of-range', 6, { min: 0, max: 5 }],
      [() => chip.setWord(SynapseQuad, 32768, 0, 0), 'instance-out-of-range', 32768, { min: 0, max: 32767 }],
      [() => chip.setWord(SynapseQuad, 0, 2, 0), 'word-out-of-range', 2, { min: 0, max: 1 }],
      [() => chip.setWord(SynapseQuad, 0, 0, 2 ** 32), 'out-of-range', 2 ** 32, { min: 0, max: 0xffff_ffff }],
      [() => chip.setWord(SynapseQuad, 0, 0, -1), 'out-of-range', -1, { min: 0, max: 0xffff_ffff }],
      [() => chip.setWord(SynapseQuad, 0, 0, 0.5), 'not-integer', 0.5, { min: 0, max: 0xffff_ffff }],
      [() => chip.instanceWords(SynapseQuad, 32768), 'instance-out-of-range', 32768, { min: 0, max: 32767 }],
    ];
    for (const [call, code, value, range] of cases) {
      expect(call).toThrow(RegsError);
      expect(call).toThrow(expect.objectContaining({ code, value, range }));
      expect(call).toThrow(`${range.max}`);
    }
    expect(chip.get(SynapseQuad, SynapseQuadOnDLS(0))).toEqual(SynapseQuad.defaults());
  });

  it('holds no status or trigger container', () => {
    const chip = new Chip();
    expect(() => chip.word(PPUStatusRegister, 0, 0)).toThrow(expect.objectContaining({ code: 'not-in-chip' }));
    expect(() => chip.setWord(CorrelationReset, 0, 0, 1)).toThrow(expect.objectContaining({ code: 'not-in-chip' }));
    expect(() => chip.instanceWords(CADCSampleQuad, 0)).toThrow(expect.objectContaining({ code: 'not-in-chip' }));
  });
});

describe('Chip.typeWords', () => {
  it('is a live view of all instances of a type', () => {
    const chip = new Chip();
    const words = chip.typeWords(PPUMemoryWord);
    expect(words.length).toBe(8192);
    chip.set(PPUMemoryWord, PPUMemoryWordOnDLS(4097), { value: 0xcafe });
    expect(words[4097]).toBe(0xcafe);
    words[3] = 7;
    expect(chip.get(PPUMemoryWord, PPUMemoryWordOnDLS(3))).toEqual({ value: 7 });
  });
});
