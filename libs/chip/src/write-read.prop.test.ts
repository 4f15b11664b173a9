import { PlaybackProgramBuilder } from '@bss2/playback';
import { chipContainers, type AnyContainer } from '@bss2/regs';
import { valueArbitrary } from '@bss2/regs/test-support';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TwinConnection } from './twin-connection.js';

// Register-level behaviour through the link (issue 3, "a program that writes then reads every readable
// container returns what was written"): one program per case writes a random legal value into a random
// instance of every readable configuration container, then reads them all back.

const readable = chipContainers.filter((c) => c.readable);

const caseArbitrary = fc.tuple(
  ...readable.map((type) => fc.record({ instance: fc.nat({ max: type.coord.size - 1 }), value: valueArbitrary(type) })),
);

describe('write then read through the twin', () => {
  it('covers every readable configuration container', () => {
    expect(readable.map((c) => c.name)).toEqual(expect.arrayContaining(['NeuronConfig', 'CapMemCell', 'SynapseQuad', 'BackgroundSpikeSource', 'PPUMemoryWord']));
  });

  it.each(['ideal', 'analog'] as const)('returns what was written (%s)', async (fidelity) => {
    const connection = new TwinConnection({ identity: `write-read-${fidelity}`, fidelity });
    await fc.assert(
      fc.asyncProperty(caseArbitrary, async (writes) => {
        const builder = new PlaybackProgramBuilder();
        writes.forEach(({ instance, value }, i) => builder.write(readable[i] as AnyContainer, instance, value));
        const tickets = writes.map(({ instance }, i) => builder.read(readable[i] as AnyContainer, instance));
        await connection.run(builder.done());
        tickets.forEach((ticket, i) => expect(ticket.get()).toEqual(writes[i]?.value));
      }),
      { numRuns: fidelity === 'analog' ? 20 : 50 },
    );
    await connection.close();
  });
});
