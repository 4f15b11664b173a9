import { describe, expect, it } from 'vitest';
import { instructionTable } from '../isa/instruction-table.js';
import { BareBus } from './bare-bus.js';
import { hasLowering } from './lower-instruction.js';
import { PpuCore } from './ppu-core.js';
import { loadProgram } from './testing/load-program.js';

// Hand-checked vectors for what the qemu cross-check leaves out: loads, stores, branches, lmw/stmw, timing.

function run(source: string, maxInstructions = 10_000): { core: PpuCore; bus: BareBus } {
  const bus = new BareBus();
  loadProgram(bus, source);
  const core = new PpuCore({ maxInstructions });
  core.start(bus);
  core.runUntil(Number.POSITIVE_INFINITY, bus);
  return { core, bus };
}

const gpr = (core: PpuCore, r: number): number => core.registers().gpr[r]!;

describe('PpuCore', () => {
  it('lowers every scalar row of the instruction table', () => {
    expect(instructionTable.filter((entry) => !hasLowering(entry)).map((entry) => entry.mnemonic)).toEqual([]);
  });

  it('loads and stores bytes, halfwords and words big-endian, with update and indexed forms', () => {
    const { core, bus } = run(`
        li r4, 0x100
        lis r3, 0x1234
        ori r3, r3, 0x5678
        stw r3, 0(r4)
        lbz r5, 0(r4)
        lbz r6, 3(r4)
        lhz r7, 2(r4)
        li r8, -2
        sth r8, 4(r4)
        lha r9, 4(r4)
        lhz r10, 4(r4)
        li r11, 0xab
        stb r11, 7(r4)
        lwz r12, 4(r4)
        li r13, 8
        stwx r3, r4, r13
        lwzu r14, 8(r4)
        lbzux r15, r4, r13
        wait
    `);
    expect(bus.memory[0x100 / 4]).toBe(0x12345678);
    expect([gpr(core, 5), gpr(core, 6), gpr(core, 7)]).toEqual([0x12, 0x78, 0x5678]);
    expect([gpr(core, 9), gpr(core, 10)]).toEqual([0xfffffffe, 0xfffe]);
    expect(gpr(core, 12)).toBe(0xfffe00ab);
    expect(gpr(core, 14)).toBe(0x12345678);
    // lwzu set r4 to 0x108, lbzux read 0x110 (zero) and set r4 to 0x110.
    expect([gpr(core, 15), gpr(core, 4)]).toEqual([0, 0x110]);
  });

  it('reads the time base: PPU cycles since power-on (TBL, TBU)', () => {
    const bus = new BareBus();
    bus.now = 1000;
    loadProgram(bus, `
        mftb r3
        nop
        mftb r4
        mftbu r5
        wait
    `);
    const core = new PpuCore();
    core.start(bus);
    core.runUntil(Number.POSITIVE_INFINITY, bus);
    expect([gpr(core, 3), gpr(core, 4), gpr(core, 5)]).toEqual([2000, 2002, 0]);
  });

  it('moves registers with stmw and lmw', () => {
    const { core, bus } = run(`
        li r29, 29
        li r30, 30
        li r31, 31
        li r3, 0x200
        stmw r29, 0(r3)
        lmw r28, -4(r3)
        wait
    `);
    expect(Array.from(bus.memory.subarray(0x200 / 4, 0x200 / 4 + 3))).toEqual([29, 30, 31]);
    expect([gpr(core, 28), gpr(core, 29), gpr(core, 30), gpr(core, 31)]).toEqual([0, 29, 30, 31]);
  });

  it('branches on CR bits and CTR, links and returns', () => {
    const { core } = run(`
        li r3, 0
        li r4, 10
        mtctr r4
    loop:
        addi r3, r3, 3
        bdnz loop
        cmpwi cr2, r3, 30
        bne cr2, fail
        bl sub
        li r6, 1
        wait
    sub:
        mflr r5
        blr
    fail:
        li r6, -1
        wait
    `);
    expect(gpr(core, 3)).toBe(30);
    expect(gpr(core, 6)).toBe(1);
    // The bl sits at word 7 (0x1c), so LR = 0x20.
    expect(gpr(core, 5)).toBe(0x20);
    expect(core.registers().ctr).toBe(0);
  });

  it('branches through CTR with bctrl and takes bdnz with a condition', () => {
    const { core } = run(`
        lis r3, target@ha
        addi r3, r3, target@l
        mtctr r3
        bctrl
        wait
    target:
        li r4, 7
        li r5, 5
        mtctr r5
        cmpwi r4, 7
    count:
        addi r6, r6, 1
        bdnzt eq, count
        wait
    `);
    expect(gpr(core, 4)).toBe(7);
    expect(gpr(core, 6)).toBe(5);
    expect(core.registers().lr).toBe(0x10);
  });

  it('sleeps on wait with the PC after it and counts one cycle per scalar instruction', () => {
    const { core } = run('nop\nnop\nwait\nnop');
    expect(core.runState).toBe('sleeping');
    expect(core.sleeping).toBe(true);
    expect(core.registers().pc).toBe(12);
    expect(core.instructions).toBe(3);
    expect(core.cycles).toBe(3);
  });

  it('runs on the chip clock: two PPU cycles per FPGA cycle, from the start time', () => {
    const bus = new BareBus();
    loadProgram(bus, 'loop: addi r3, r3, 1\nb loop');
    const core = new PpuCore();
    (bus as { now: number }).now = 100;
    core.start(bus);
    core.runUntil(150, bus);
    expect(core.cycles).toBe(100);
    expect(core.instructions).toBe(100);
    core.runUntil(150, bus);
    expect(core.instructions).toBe(100);
    core.runUntil(151, bus);
    expect(gpr(core, 3)).toBe(51);
    expect(core.running).toBe(true);
  });

  it('re-decodes an instruction the program overwrote', () => {
    const { core } = run(`
        lis r3, patched@ha
        lwz r4, new@l(r3)
        li r5, 2
    again:
        addi r5, r5, -1
    patched:
        li r6, 1
        stw r4, patched@l(r3)
        cmpwi r5, 0
        bne again
        wait
    new:
        li r6, 99
    `);
    expect(gpr(core, 6)).toBe(99);
  });

  it('starts from reset: registers zero and PC 0 again', () => {
    const bus = new BareBus();
    loadProgram(bus, 'addi r3, r3, 5\nwait');
    const core = new PpuCore();
    core.start(bus);
    core.runUntil(Number.POSITIVE_INFINITY, bus);
    core.start(bus);
    core.runUntil(Number.POSITIVE_INFINITY, bus);
    expect(gpr(core, 3)).toBe(5);
    core.reset();
    expect(core.runState).toBe('reset');
    core.runUntil(Number.POSITIVE_INFINITY, bus);
    expect(core.instructions).toBe(0);
  });
});
