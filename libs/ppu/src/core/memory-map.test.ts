import { describe, expect, it } from 'vitest';
import { BareBus } from './bare-bus.js';
import { PpuCore } from './ppu-core.js';
import { loadProgram } from './testing/load-program.js';

// Scalar accesses to the external DRAM through its data alias 0x5000_0000 (reference §4.6), served at the
// FPGA-side omnibus words 0x8400_0000 + offset / 4 (§1.7), 150 PPU cycles each (§10.8).

function run(source: string, bus = new BareBus()): { core: PpuCore; bus: BareBus } {
  loadProgram(bus, source);
  const core = new PpuCore({ maxInstructions: 10_000 });
  core.start(bus);
  core.runUntil(Number.POSITIVE_INFINITY, bus);
  return { core, bus };
}

const gpr = (core: PpuCore, r: number): number => core.registers().gpr[r]!;

describe('external DRAM, scalar', () => {
  it('stores and loads words at the data alias, one omnibus word per 4 bytes, at 150 cycles an access', () => {
    const { core, bus } = run(`
        lis r4, 0x5000
        lis r3, 0x1234
        ori r3, r3, 0x5678
        stw r3, 8(r4)
        lwz r5, 8(r4)
        lwz r6, 12(r4)
        wait
    `);
    expect(core.sleeping).toBe(true);
    expect(bus.omnibusRead(0x8400_0002)).toBe(0x1234_5678);
    expect([gpr(core, 5), gpr(core, 6)]).toEqual([0x1234_5678, 0]);
    expect(core.cycles).toBe(3 + 3 * 150 + 1);
  });

  it('merges byte and halfword stores into the word, big-endian, and reads them back', () => {
    const { core, bus } = run(`
        lis r4, 0x5000
        lis r3, 0x1122
        ori r3, r3, 0x3344
        stw r3, 0(r4)
        li r5, 0xab
        stb r5, 1(r4)
        li r6, -2
        sth r6, 2(r4)
        lbz r7, 1(r4)
        lhz r8, 2(r4)
        lha r9, 2(r4)
        wait
    `);
    expect(bus.omnibusRead(0x8400_0000)).toBe(0x11ab_fffe);
    expect([gpr(core, 7), gpr(core, 8), gpr(core, 9)]).toEqual([0xab, 0xfffe, 0xffff_fffe]);
  });

  it('reaches the last byte (0x5FFF_FFFF, omnibus word 0x87FF_FFFF) and faults on the first byte beyond', () => {
    const { core, bus } = run(`
        lis r4, 0x6000
        addi r4, r4, -1
        li r3, 0x5a
        stb r3, 0(r4)
        lbz r5, 0(r4)
        lwz r6, -3(r4)
        lbz r7, 1(r4)
        wait
    `);
    expect(bus.omnibusRead(0x87ff_ffff)).toBe(0x5a);
    expect([gpr(core, 5), gpr(core, 6)]).toEqual([0x5a, 0x5a]);
    expect(core.fault).toMatchObject({ code: 'out-of-range-access', pc: 24, address: 0x6000_0000 });
  });

  it('faults on halfword and word accesses not aligned to their size', () => {
    expect(run('lis r4, 0x5000\nlwz r3, 2(r4)\nwait').core.fault).toMatchObject({ code: 'misaligned-access', pc: 4, address: 0x5000_0002 });
    expect(run('lis r4, 0x5000\nsth r3, 1(r4)\nwait').core.fault).toMatchObject({ code: 'misaligned-access', pc: 4, address: 0x5000_0001 });
  });

  it('keeps the bare DRAM sparse: untouched words read 0, zero stores allocate nothing', () => {
    const { core, bus } = run(`
        lis r4, 0x5800
        li r3, 0
        stw r3, 0(r4)
        lwz r5, 4(r4)
        li r3, 7
        stw r3, 0(r4)
        wait
    `);
    expect(gpr(core, 5)).toBe(0);
    expect(bus.dramPages.size).toBe(1);
    expect(bus.omnibusRead(0x8400_0000 + 0x0800_0000 / 4)).toBe(7);
  });
});
