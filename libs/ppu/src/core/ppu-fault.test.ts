import { describe, expect, it } from 'vitest';
import { BareBus } from './bare-bus.js';
import { PpuCore } from './ppu-core.js';
import { PpuError } from './ppu-error.js';
import { runBare } from './run-bare.js';
import { FakeBus } from './testing/fake-bus.js';
import { loadProgram } from './testing/load-program.js';
import { assemble } from '../asm/assembler.js';

// Program errors halt the core with a fault code and the PC of the instruction that did not execute; the host
// call returns normally (ARCHITECTURE.md "Errors and bad input").

function bare(source: string, maxInstructions = 1000): ReturnType<typeof runBare> {
  return runBare(assemble(source).image, { maxInstructions });
}

describe('PPU faults', () => {
  it('halts on an illegal word with its address and the word', () => {
    const result = bare('nop\n.long 0x00000001\nwait');
    expect(result.runState).toBe('faulted');
    expect(result.fault).toMatchObject({ code: 'illegal-instruction', pc: 4, word: 1 });
    expect(result.registers.pc).toBe(4);
    expect(result.instructions).toBe(1);
  });

  it('halts on a misaligned lwz and leaves the destination and the update base alone', () => {
    const result = bare('li r3, 0x102\nli r4, 7\nlwzu r4, 0(r3)\nwait');
    expect(result.fault).toMatchObject({ code: 'misaligned-access', pc: 8, address: 0x102 });
    expect(result.registers.gpr[4]).toBe(7);
    expect(result.registers.gpr[3]).toBe(0x102);
  });

  it('halts on a misaligned sth and on a misaligned lmw', () => {
    expect(bare('li r3, 1\nsth r3, 0(r3)\nwait').fault).toMatchObject({ code: 'misaligned-access', pc: 4, address: 1 });
    expect(bare('li r3, 2\nlmw r30, 0(r3)\nwait').fault).toMatchObject({ code: 'misaligned-access', pc: 4, address: 2 });
  });

  it('halts on an access beyond internal memory and outside every window', () => {
    expect(bare('li r3, 0x4000\nlwz r4, 0(r3)\nwait').fault).toMatchObject({ code: 'out-of-range-access', pc: 4, address: 0x4000 });
    expect(bare('lis r3, 0x2000\nstb r4, 0(r3)\nwait').fault).toMatchObject({ code: 'out-of-range-access', pc: 4, address: 0x2000_0000 });
  });

  it('halts on sub-word omnibus accesses, which the bus cannot serve', () => {
    expect(bare('lis r3, 0x8000\nlbz r4, 0(r3)\nwait').fault).toMatchObject({ code: 'unsupported-access', pc: 4 });
  });

  it('turns a rejected omnibus access into a bus error', () => {
    const result = bare('lis r3, 0x8000\nlwz r4, 0x40(r3)\nwait');
    expect(result.fault).toMatchObject({ code: 'bus-error', pc: 4, address: 0x8000_0040 });
    expect(result.fault?.message).toContain('no chip');
  });

  it('halts when the PC leaves internal memory', () => {
    const result = bare('b end\n.org 0x3ffc\nend: nop');
    expect(result.fault).toMatchObject({ code: 'fetch-out-of-range', pc: 0x4000 });
  });

  it('halts with the budget exceeded at the next instruction', () => {
    const result = bare('loop: addi r3, r3, 1\nb loop', 11);
    expect(result.fault).toMatchObject({ code: 'instruction-budget-exceeded', pc: 4 });
    expect(result.instructions).toBe(11);
    expect(result.registers.gpr[3]).toBe(6);
  });

  it('keeps the halted core halted and the host running', () => {
    const bus = new FakeBus();
    loadProgram(bus, '.long 0');
    const core = new PpuCore();
    core.start(bus);
    core.runUntil(10, bus);
    core.runUntil(20, bus);
    expect(core.running).toBe(false);
    expect(core.sleeping).toBe(false);
    expect(core.fault).toMatchObject({ code: 'illegal-instruction', pc: 0 });
    expect(core.instructions).toBe(0);
  });

  it('rejects bad host arguments with a typed error naming the value and range', () => {
    expect(() => runBare(new Uint8Array(16 * 1024 + 4), { maxInstructions: 1 })).toThrow(PpuError);
    expect(() => runBare(new Uint8Array(4), { maxInstructions: -1 })).toThrow(/got -1, legal 0\.\./);
    expect(() => new PpuCore({ maxInstructions: 1.5 })).toThrow(PpuError);
    expect(new BareBus().memory.length).toBe(4096);
  });
});

describe('runBare', () => {
  it('returns JSON-able registers, memory and counters', () => {
    const result = bare('li r3, 42\nstw r3, 0x40(0)\nmtlr r3\nwait');
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
    expect(result).toMatchObject({ runState: 'sleeping', instructions: 4, cycles: 4 });
    expect(result.registers).toMatchObject({ lr: 42, pc: 16, cr: 0, xer: 0, ctr: 0 });
    expect(result.memory[0x10]).toBe(42);
    expect(result.fault).toBeUndefined();
  });

  it('reaches the external SRAM through its data alias at 25 cycles per access (§10.8)', () => {
    const result = bare('lis r3, 0x4000\nli r4, 0x55\nstb r4, 0x101(r3)\nlwz r5, 0x100(r3)\nwait');
    expect(result.registers.gpr[5]).toBe(0x0055_0000);
    expect(result.cycles).toBe(1 + 1 + 25 + 25 + 1);
  });
});
