import { describe, expect, it } from 'vitest';
import { PpuCore } from './ppu-core.js';
import { FakeBus } from './testing/fake-bus.js';
import { loadProgram } from './testing/load-program.js';

// Compiled blocks call the handlers of FXV rows without memory or I/O directly and reach memory and I/O through
// `VectorDispatch.access` (emit-instruction.ts); the interpreter goes through `VectorDispatch.execute`. Both
// must leave the same state on a chip: the same program on two cores and two fake chips, one compiling every
// block at once and one interpreting, driven with the same run slices.

/** §4.10 step 3 with conditional I/O: gated reads (C = 1), a masked weight write (C = 2), read-and-reset. */
const kernel = `
        lis r20, 0x8
        lis r21, 0xd
        li r3, 3
        fxvsplatb v3, r3
        li r3, 2
        fxvsplatb v4, r3
        li r3, -96
        fxvsplatb v6, r3
        li r3, 0
        fxvsplatb v0, r3
        li r3, 40
        mtctr r3
        li r4, 0
        li r5, 0x1000
vector: fxvinx v1, r20, r4
        fxvinx v2, r21, r4
        fxvshb v1, v1, -1
        fxvshb v2, v2, -1
        fxvoutx v3, r20, r4
        fxvsubbfs v1, v1, v4
        fxvsubbfs v2, v2, v4
        fxvsubbfs v5, v1, v2
        fxvmulbfs v5, v5, v6
        fxvcmpb v5
        fxvinx v7, 0, r4, 1
        fxvshb v7, v7, 1
        fxvaddbfs v7, v7, v5
        fxvcmpb v7
        fxvsel v7, v7, v0, 2
        fxvshb v7, v7, -1
        fxvoutx v7, 0, r4, 2
        fxvstax v7, 0, r5
        addi r4, r4, 1
        addi r5, r5, 0x80
        andi. r5, r5, 0xfff
        ori r5, r5, 0x1000
        bdnz vector
        wait
`;

function chip(): FakeBus {
  const bus = new FakeBus();
  bus.weights.forEach((row, r) => row.forEach((_, c) => (row[c] = (r * 5 + c * 11) % 64)));
  bus.cadc.forEach((rows, type) => rows.forEach((row, r) => row.forEach((_, c) => (row[c] = (r * 7 + c * 13 + type * 50) % 256))));
  loadProgram(bus, kernel);
  return bus;
}

function side(compile: boolean): { core: PpuCore; bus: FakeBus } {
  const bus = chip();
  const core = new PpuCore({ maxInstructions: 100_000, compile });
  if (compile) core.state.compileAfter = 1;
  core.start(bus);
  return { core, bus };
}

function snapshot({ core, bus }: { core: PpuCore; bus: FakeBus }): unknown {
  const s = core.state;
  return {
    registers: core.registers(),
    clock: s.clock,
    instructions: s.instructions,
    runState: s.runState,
    fault: s.fault,
    memory: Array.from(bus.memory),
    weights: bus.weights.slice(0, 24).map((row) => Array.from(row)),
    log: bus.log,
    vr: Array.from(s.vector.vr),
    vcr: Array.from(s.vector.vcr),
  };
}

describe('compiled FXV rows', () => {
  for (const slices of [[1_000_000], [1, 7, 3, 64, 2, 13], [70, 68]]) {
    it(`match the interpreter on the STDP kernel with conditional I/O, run in slices ${slices.join(', ')}`, () => {
      const compiled = side(true), interpreted = side(false);
      let cycle = 0;
      for (let k = 0; compiled.core.running || interpreted.core.running; k++) {
        cycle += slices[k % slices.length]!;
        compiled.core.runUntil(cycle, compiled.bus);
        interpreted.core.runUntil(cycle, interpreted.bus);
        expect(snapshot(compiled), `after the slice ending at FPGA cycle ${cycle}`).toEqual(snapshot(interpreted));
      }
      expect(compiled.core.fault).toBeUndefined();
      expect(compiled.core.sleeping).toBe(true);
      expect(compiled.bus.log.filter((entry) => entry.startsWith('writeSynapseWeights'))).toHaveLength(40);
    });
  }

  it('see the chip rewrite their words during a vector access at the next instruction', () => {
    // The 5th weight read rewrites `addi r6, r6, 1` (word 5, right after the fxvinx) into `addi r6, r6, 100`,
    // as a chip that runs the host's writes to PPU memory while it catches up would.
    class RewritingBus extends FakeBus {
      private reads = 0;
      override readSynapseWeights(row: number, out: Uint8Array): void {
        super.readSynapseWeights(row, out);
        if (++this.reads === 5) this.memory[5] = 0x38c6_0064;
      }
    }
    const final = (compile: boolean): PpuCore => {
      const bus = new RewritingBus();
      loadProgram(bus, `
        li r3, 10
        mtctr r3
        li r4, 0
        li r6, 0
loop:   fxvinx v1, 0, r4
        addi r6, r6, 1
        fxvaddbm v2, v2, v1
        addi r4, r4, 1
        bdnz loop
        wait
      `);
      const core = new PpuCore({ compile });
      if (compile) core.state.compileAfter = 1;
      core.start(bus);
      core.runUntil(Number.POSITIVE_INFINITY, bus);
      return core;
    };
    const compiled = final(true), interpreted = final(false);
    expect(compiled.registers().gpr[6]).toBe(4 + 6 * 100);
    expect(compiled.registers()).toEqual(interpreted.registers());
    expect(compiled.cycles).toBe(interpreted.cycles);
  });

  it('fault at the exact pc when a compiled vector access leaves every window', () => {
    const faulting = (compile: boolean): PpuCore => {
      const bus = new FakeBus();
      loadProgram(bus, `
        li r3, 20
        mtctr r3
        li r4, 0x3e00
loop:   fxvlax v1, 0, r4
        fxvaddbm v2, v2, v1
        addi r4, r4, 0x40
        bdnz loop
        wait
      `);
      const core = new PpuCore({ compile });
      if (compile) core.state.compileAfter = 1;
      core.start(bus);
      core.runUntil(Number.POSITIVE_INFINITY, bus);
      return core;
    };
    const compiled = faulting(true), interpreted = faulting(false);
    expect(compiled.fault).toMatchObject({ code: 'out-of-range-access', pc: 12 });
    expect(compiled.fault).toEqual(interpreted.fault);
    expect(compiled.cycles).toBe(interpreted.cycles);
    expect(Array.from(compiled.state.vector.vr)).toEqual(Array.from(interpreted.state.vector.vr));
  });
});
