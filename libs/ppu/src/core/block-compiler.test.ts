import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeInstruction } from '../isa/encode.js';
import { instructionTable } from '../isa/instruction-table.js';
import { instructionArbitrary } from '../isa/testing/instruction-arbitrary.js';
import { BareBus } from './bare-bus.js';
import { PpuCore } from './ppu-core.js';
import { loadProgram } from './testing/load-program.js';

// The compiled path (execute.ts, block-compiler.ts) against the interpreter, its reference: the same program
// on two cores, one compiling every block at once and one interpreting, driven with the same run slices, must
// agree after every slice on registers, clock, count, run state, fault, memory and vector registers.

/** Everything a slice can change. */
function snapshot(core: PpuCore, bus: BareBus): unknown {
  const s = core.state;
  return {
    registers: core.registers(),
    clock: s.clock,
    instructions: s.instructions,
    runState: s.runState,
    fault: s.fault,
    memory: Array.from(bus.memory),
    external: Array.from(bus.externalMemory.subarray(0, 64)),
    vr: Array.from(s.vector.vr),
    vcr: Array.from(s.vector.vcr),
  };
}

interface Pair {
  readonly compiled: { readonly core: PpuCore; readonly bus: BareBus };
  readonly interpreted: { readonly core: PpuCore; readonly bus: BareBus };
}

/** Two cores on two copies of `words`, started; `setup` runs on both before the start of execution. */
function pair(words: readonly number[], maxInstructions: number, setup: (core: PpuCore) => void = () => {}): Pair {
  const make = (compile: boolean): { core: PpuCore; bus: BareBus } => {
    const bus = new BareBus();
    words.forEach((word, i) => (bus.memory[i] = word));
    const core = new PpuCore({ maxInstructions, compile });
    if (compile) core.state.compileAfter = 1;
    core.start(bus);
    setup(core);
    return { core, bus };
  };
  return { compiled: make(true), interpreted: make(false) };
}

/** Runs both cores in the FPGA-cycle slices `slices` (repeated) until both stop; compares after every slice. */
function lockstep(p: Pair, slices: readonly number[], between: (bus: BareBus, cycle: number) => void = () => {}): void {
  let cycle = 0;
  for (let k = 0; p.compiled.core.running || p.interpreted.core.running; k++) {
    cycle += slices[k % slices.length]!;
    for (const side of [p.compiled, p.interpreted]) {
      side.core.runUntil(cycle, side.bus);
      between(side.bus, cycle);
    }
    expect(snapshot(p.compiled.core, p.compiled.bus), `after the slice ending at FPGA cycle ${cycle}`).toEqual(snapshot(p.interpreted.core, p.interpreted.bus));
  }
}

function words(source: string): number[] {
  const bus = new BareBus();
  loadProgram(bus, source);
  const end = bus.memory.findLastIndex((word) => word !== 0);
  return Array.from(bus.memory.subarray(0, end + 1));
}

const countingLoop = `
        li r3, 1000
        mtctr r3
        li r4, 0
        li r6, 0x200
loop:   addi r4, r4, 3
        stw r4, 0(r6)
        lwz r5, 0(r6)
        mftb r7
        rlwinm r8, r5, 3, 0, 31
        bdnz loop
        wait
`;

describe('compiled blocks', () => {
  it('match the interpreter on a loop run in uneven slices that blocks cannot always fit', () => {
    lockstep(pair(words(countingLoop), 100_000), [1, 7, 3, 64, 2, 13]);
  });

  it('stop at the exact instruction when the budget runs out inside a block', () => {
    for (const budget of [100, 101, 102, 103, 104, 105]) {
      const p = pair(words(countingLoop), budget);
      lockstep(p, [1_000_000]);
      expect(p.compiled.core.fault).toMatchObject({ code: 'instruction-budget-exceeded' });
      expect(p.compiled.core.instructions).toBe(budget);
    }
  });

  it('see a store into their own words (self-modifying code) at the next instruction', () => {
    // The stw rewrites the addi after it with the word in r9 (addi r4, r4, 100) on every pass.
    const p = pair(words(`
        li r3, 20
        mtctr r3
        lis r9, 0x3884
        ori r9, r9, 100
        li r4, 0
        li r10, 28
loop:   stw r9, 0(r10)
        addi r4, r4, 1
        bdnz loop
        wait
    `), 10_000);
    lockstep(p, [5, 16]);
    expect(p.compiled.core.registers().gpr[4]).toBe(20 * 100);
  });

  it('see the host rewrite their words between run slices', () => {
    const p = pair(words(countingLoop), 100_000);
    // At FPGA cycle 200 the host turns `addi r4, r4, 3` (word 4) into `addi r4, r4, 5`.
    lockstep(p, [50], (bus, cycle) => {
      if (cycle === 200) bus.memory[4] = 0x3884_0005;
    });
    expect(p.compiled.core.sleeping).toBe(true);
  });

  it('fault at the exact pc with the interpreter’s registers inside a hot loop', () => {
    // The load turns misaligned on the fourth pass.
    const p = pair(words(`
        li r3, 10
        mtctr r3
        li r6, 0x100
loop:   addi r7, r7, 1
        lwz r5, 0(r6)
        addi r6, r6, 4
        rlwinm r8, r7, 0, 30, 31
        cmpwi r8, 3
        bne skip
        addi r6, r6, 1
skip:   bdnz loop
        wait
    `), 10_000);
    lockstep(p, [1_000_000]);
    expect(p.compiled.core.fault).toMatchObject({ code: 'misaligned-access' });
  });

  it('match the interpreter on random loop bodies of scalar, memory, branch and vector instructions', () => {
    const rows = instructionTable.filter((entry) => entry.mnemonic !== 'wait');
    const register = fc.oneof(fc.integer({ min: 0, max: 0x3fff }), fc.integer({ min: -0x8000_0000, max: 0x7fff_ffff }));
    const program = fc.record({
      body: fc.array(instructionArbitrary(rows), { minLength: 1, maxLength: 20 }),
      gpr: fc.array(register, { minLength: 32, maxLength: 32 }),
      passes: fc.integer({ min: 1, max: 40 }),
      slices: fc.array(fc.integer({ min: 1, max: 80 }), { minLength: 1, maxLength: 4 }),
    });
    fc.assert(
      fc.property(program, ({ body, gpr, passes, slices }) => {
        // body, then bdnz back to its start, then wait.
        const encoded = body.map(({ entry, operands }) => encodeInstruction(entry, operands));
        const bdnz = (0x4200_0000 | ((-4 * encoded.length) & 0xfffc)) >>> 0;
        const p = pair([...encoded, bdnz, 0x7c00_007c], 3000, (core) => {
          gpr.forEach((value, r) => (core.state.gpr[r] = value));
          core.state.ctr = passes;
        });
        lockstep(p, slices);
      }),
      { numRuns: Number(process.env['FC_NUM_RUNS'] ?? 300) },
    );
  }, 120_000);
});
