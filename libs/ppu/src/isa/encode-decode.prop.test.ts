import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeInstruction } from './decode.js';
import { encodeInstruction } from './encode.js';
import { instructionTable } from './instruction-table.js';
import { instructionArbitrary } from './testing/instruction-arbitrary.js';

describe('encoder and decoder are inverses over the whole table', () => {
  it('decode(encode(row, operands)) gives the row and operands back', () => {
    fc.assert(
      fc.property(instructionArbitrary(), ({ entry, operands }) => {
        const decoded = decodeInstruction(encodeInstruction(entry, operands));
        expect(decoded?.entry).toBe(entry);
        expect(decoded?.operands).toEqual(operands);
      }),
    );
  });

  it('every row is reached', () => {
    const seen = new Set(fc.sample(instructionArbitrary(), { numRuns: 20_000, seed: 7 }).map(({ entry }) => entry));
    expect(seen.size).toBe(instructionTable.length);
  });

  it('a random word either is illegal or re-encodes to itself', () => {
    const word = fc.oneof(
      fc.nat({ max: 0xffffffff }),
      // Words of the populated primary opcodes, so the interesting rows are hit often.
      fc.tuple(fc.constantFrom(4, 16, 18, 19, 21, 31), fc.nat({ max: 0x3ffffff })).map(([opcd, rest]) => ((opcd << 26) | rest) >>> 0),
    );
    fc.assert(
      fc.property(word, (w) => {
        const decoded = decodeInstruction(w);
        if (decoded !== undefined) expect(encodeInstruction(decoded.entry, decoded.operands)).toBe(w);
      }),
    );
  });
});
