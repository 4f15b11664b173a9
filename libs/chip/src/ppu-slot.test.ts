import { PPUMemoryWordOnDLS, PPUOnDLS, PPUMemoryWordOnPPU } from '@bss2/coords';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { assemble, PPU_FAULT_CODES, type PpuCore } from '@bss2/ppu';
import { PPUControlRegister, PPUMemoryBlock, PPUMemoryWord, PPUStatusRegister } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { TwinConnection } from './twin-connection.js';

// The PPU on the chip as the host drives it (reference §4.8): the program is written into PPU memory with
// omnibus writes, started with PPUControlRegister.inhibitReset, and its end polled in PPUStatusRegister.

const start = { ...PPUControlRegister.defaults(), inhibitReset: true };

function load(builder: PlaybackProgramBuilder, ppu: PPUOnDLS, source: string): void {
  const block = PPUMemoryBlock.fromBytes(ppu, PPUMemoryWordOnPPU(0), assemble(source).image);
  PPUMemoryBlock.coords(block).forEach((coord, i) => builder.write(PPUMemoryWord, coord, { value: block.words[i]! }));
}

const word = (ppu: number, index: number): PPUMemoryWordOnDLS => PPUMemoryWordOnDLS.of(PPUOnDLS(ppu), PPUMemoryWordOnPPU(index));

describe('PPU on the chip', () => {
  it('runs a program loaded and started through playback, interleaved with the FPGA timeline', async () => {
    const connection = new TwinConnection({ identity: 'ppu-slot', fidelity: 'ideal' });
    const builder = new PlaybackProgramBuilder();
    // Counts to 1000 (about 2000 PPU cycles = 8 µs), stores the count and the time base, then sleeps.
    load(builder, PPUOnDLS.top, `
        mftb r5
        li r3, 0
        li r4, 1000
        mtctr r4
    loop:
        addi r3, r3, 1
        bdnz loop
        mftb r6
        subf r6, r5, r6
        stw r3, 0x100(0)
        stw r6, 0x104(0)
        wait
    `);
    builder.timerReset().write(PPUControlRegister, PPUOnDLS.top, start);
    const early = builder.waitUntil(500).read(PPUStatusRegister, PPUOnDLS.top);
    const late = builder.waitUntil(2000).read(PPUStatusRegister, PPUOnDLS.top);
    const count = builder.read(PPUMemoryWord, word(0, 0x40));
    const cycles = builder.read(PPUMemoryWord, word(0, 0x41));
    const bottom = builder.read(PPUStatusRegister, PPUOnDLS.bottom);
    await connection.run(builder.done());

    expect(early.get()).toEqual({ sleep: false, fault: 0 });
    expect(late.get()).toEqual({ sleep: true, fault: 0 });
    expect(count.get().value).toBe(1000);
    // 2 instructions per iteration at one cycle each, plus the loop exit: the program ran on the PPU clock.
    expect(cycles.get().value).toBe(2 * 1000 + 4);
    expect(bottom.get()).toEqual({ sleep: false, fault: 0 });
    await connection.close();
  });

  it('reports a fault in the status register and keeps the chip and the other PPU running', async () => {
    const connection = new TwinConnection({ identity: 'ppu-slot', fidelity: 'ideal' });
    const builder = new PlaybackProgramBuilder();
    load(builder, PPUOnDLS.top, `
        li r3, 2
        lwz r4, 0(r3)     # misaligned word load
        wait
    `);
    load(builder, PPUOnDLS.bottom, `
        li r3, 7
        stw r3, 0x100(0)
        wait
    `);
    builder.write(PPUControlRegister, PPUOnDLS.top, start).write(PPUControlRegister, PPUOnDLS.bottom, start);
    const top = builder.waitUntil(100).read(PPUStatusRegister, PPUOnDLS.top);
    const bottom = builder.read(PPUStatusRegister, PPUOnDLS.bottom);
    const stored = builder.read(PPUMemoryWord, word(1, 0x40));
    await connection.run(builder.done());

    expect(top.get()).toEqual({ sleep: true, fault: PPU_FAULT_CODES.indexOf('misaligned-access') + 1 });
    expect((connection.twin.plasticityProcessor(0) as PpuCore).fault).toMatchObject({ code: 'misaligned-access', pc: 4, address: 2 });
    expect(bottom.get()).toEqual({ sleep: true, fault: 0 });
    expect(stored.get().value).toBe(7);

    // Clearing inhibitReset holds the core in reset, setting it again restarts the (fixed) program.
    const again = new PlaybackProgramBuilder();
    again.write(PPUControlRegister, PPUOnDLS.top, PPUControlRegister.defaults());
    load(again, PPUOnDLS.top, `
        li r3, 4
        lwz r4, 0(r3)
        wait
    `);
    again.timerReset().write(PPUControlRegister, PPUOnDLS.top, start);
    const restarted = again.waitUntil(100).read(PPUStatusRegister, PPUOnDLS.top);
    await connection.run(again.done());
    expect(restarted.get()).toEqual({ sleep: true, fault: 0 });
    await connection.close();
  });
});
