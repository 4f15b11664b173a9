import { decodeToFpga } from '@bss2/link';
import { containers, type AnyContainer } from '@bss2/regs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeProgram, PlaybackProgramBuilder, type ProgramStep } from './index.js';

/** A random legal value of any container: random words restricted to its fields, decoded. */
function arbitraryWrite(): fc.Arbitrary<{ container: AnyContainer; coord: number; value: unknown }> {
  const writable = containers.filter((c) => c.kind === 'config');
  return fc
    .constantFrom(...writable)
    .chain((container) =>
      fc.record({
        container: fc.constant(container as AnyContainer),
        coord: fc.integer({ min: 0, max: container.coord.max }),
        words: fc.array(fc.nat({ max: 0xffffffff }), { minLength: container.words, maxLength: container.words }),
      }),
    )
    .map(({ container, coord, words }) => ({ container, coord, decoded: container.tryDecode(words.map((w, i) => (w & (container.mask[i] as number)) >>> 0)) }))
    .filter((w) => w.decoded.ok)
    .map(({ container, coord, decoded }) => ({ container, coord, value: (decoded as { value: unknown }).value }));
}

function writtenPairs(steps: readonly ProgramStep[]): [number, number][] {
  return steps.flatMap((s): [number, number][] => {
    if (s.kind === 'write') return [[s.address, s.word]];
    if (s.kind === 'writeContainer') return s.addresses.map((a, i) => [a, s.words[i] as number]);
    return [];
  });
}

describe('PlaybackProgramBuilder (properties)', () => {
  it('a program built from random container writes decodes back to the same (address, word) pairs', () => {
    fc.assert(
      fc.property(fc.array(arbitraryWrite(), { maxLength: 40 }), (writes) => {
        const builder = new PlaybackProgramBuilder();
        const expected: [number, number][] = [];
        for (const { container, coord, value } of writes) {
          builder.write(container, coord, value);
          const words = container.encode(value);
          container.addresses(coord).forEach((a, i) => expected.push([a, words[i] as number]));
        }
        expect(writtenPairs(decodeProgram(builder.done().toFpga))).toEqual(expected);
      }),
    );
  });

  it('raw word writes, waits and spikes survive encode → decode unchanged and in order', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('write' as const), address: fc.nat({ max: 0xffffffff }), word: fc.nat({ max: 0xffffffff }) }),
      fc.record({ kind: fc.constant('waitUntil' as const), cycles: fc.nat({ max: 0xffffffff }) }),
      fc.record({ kind: fc.constant('spikes' as const), labels: fc.array(fc.nat({ max: 0xffff }), { minLength: 1, maxLength: 3 }) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const builder = new PlaybackProgramBuilder();
        for (const o of ops) {
          if (o.kind === 'write') builder.writeWords({ addresses: Uint32Array.of(o.address), words: Uint32Array.of(o.word) });
          else if (o.kind === 'waitUntil') builder.waitUntil(o.cycles);
          else builder.injectSpikes(o.labels, o.labels.map(() => 0));
        }
        const program = builder.done();
        const messages = decodeToFpga(program.toFpga);
        const expectedMessages = ops.reduce((n, o) => n + (o.kind === 'write' ? 2 : o.kind === 'spikes' ? 2 : 1), 0);
        expect(messages).toHaveLength(expectedMessages);
        const steps = decodeProgram(program.toFpga);
        expect(writtenPairs(steps)).toEqual(ops.filter((o) => o.kind === 'write').map((o) => [o.address, o.word]));
        expect(steps.filter((s) => s.kind === 'spikes').map((s) => s.labels)).toEqual(ops.filter((o) => o.kind === 'spikes').map((o) => o.labels));
      }),
    );
  });
});
