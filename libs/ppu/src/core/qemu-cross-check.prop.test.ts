import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { disassembleInstruction } from '../asm/disassembler.js';
import { encodeInstruction } from '../isa/encode.js';
import { instructionTable } from '../isa/instruction-table.js';
import { instructionArbitrary } from '../isa/testing/instruction-arbitrary.js';
import { BareBus } from './bare-bus.js';
import { PpuCore } from './ppu-core.js';
import { requireQemu, runUnderQemu, type QemuCase, type ScalarRegisters } from './testing/qemu-ppc.js';

// Scalar semantics against qemu-user (issue 4 "Judged by"): random straight-line sequences of ALU, rotate,
// shift, compare, CR and XER instructions end with the same GPRs, CR, XER and LR under qemu-ppc and on the twin.
// Loads, stores and branches need addresses and control flow; they have hand-checked vectors in
// ppu-core.test.ts.

const WAIT = 0x7c00007c;
const memoryRows = /^(lbz|lhz|lha|lwz|stb|sth|stw|lmw|stmw)/;
const sequenceRows = instructionTable.filter(
  (entry) =>
    (entry.chapter === 'fixed-point' && !memoryRows.test(entry.mnemonic)) ||
    (entry.chapter === 'branch' && entry.form === 'XL' && entry.mnemonic.startsWith('c')) ||
    entry.mnemonic === 'mcrf' ||
    // wait ends the program; the time base differs between any two machines.
    (entry.chapter === 'system' && entry.mnemonic !== 'wait' && entry.mnemonic !== 'mftb'),
);

/** Register values with the corner cases of carries, overflows, shifts and division over-represented. */
const value = fc.oneof(
  { weight: 3, arbitrary: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1, -1, 2, 0x7fff_ffff, -0x8000_0000, 0xffff, 0x8000, 31, 32, 33, 63) },
);

const initialRegisters: fc.Arbitrary<ScalarRegisters> = fc.record({
  gpr: fc.array(value, { minLength: 32, maxLength: 32 }),
  cr: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
  xer: fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }),
  lr: value,
  ctr: value,
});

const sequence: fc.Arbitrary<QemuCase> = fc.record({
  words: fc.array(instructionArbitrary(sequenceRows), { minLength: 1, maxLength: 24 }).map((list) => list.map(({ entry, operands }) => encodeInstruction(entry, operands))),
  initial: initialRegisters,
});

/** Runs one case on the twin: the words then `wait`, from the given registers. */
function runOnTwin(c: QemuCase): ScalarRegisters {
  const bus = new BareBus();
  [...c.words, WAIT].forEach((word, i) => (bus.memory[i] = word));
  const core = new PpuCore({ maxInstructions: 1000 });
  core.start(bus);
  c.initial.gpr.forEach((v, r) => (core.state.gpr[r] = v));
  core.state.cr = c.initial.cr;
  core.state.xer = c.initial.xer;
  core.state.lr = c.initial.lr;
  core.state.ctr = c.initial.ctr;
  core.runUntil(Number.POSITIVE_INFINITY, bus);
  if (!core.sleeping) throw new Error(`the twin did not reach wait: ${JSON.stringify(core.fault)}`);
  const r = core.registers();
  return { gpr: r.gpr, cr: r.cr, xer: r.xer, lr: r.lr, ctr: 0 };
}

const unsigned = (s: ScalarRegisters): ScalarRegisters => ({
  gpr: s.gpr.map((v) => v >>> 0),
  cr: s.cr >>> 0,
  xer: s.xer >>> 0,
  lr: s.lr >>> 0,
  ctr: s.ctr >>> 0,
});

const CASES_PER_PROCESS = 50;
/** qemu processes per run: a fifth of the configured property runs (default 20 × 50 = 1000 sequences). */
const processes = Math.max(1, Math.round(Number(process.env['FC_NUM_RUNS'] ?? 100) / 5));

describe('scalar core against qemu-ppc', () => {
  beforeAll(requireQemu);

  it('ends random ALU/rotate/compare/CR/XER sequences with the same GPRs, CR, XER and LR', () => {
    fc.assert(
      fc.property(fc.array(sequence, { minLength: CASES_PER_PROCESS, maxLength: CASES_PER_PROCESS }), (cases) => {
        const expected = runUnderQemu(cases);
        cases.forEach((c, k) => {
          const listing = c.words.map((w) => `${w.toString(16).padStart(8, '0')}  ${disassembleInstruction(w, 0)}`).join('\n');
          expect(unsigned(runOnTwin(c)), `sequence\n${listing}\nfrom ${JSON.stringify(unsigned(c.initial))}`).toEqual(unsigned(expected[k]!));
        });
      }),
      { numRuns: processes, endOnFailure: true },
    );
  }, 120_000);
});
