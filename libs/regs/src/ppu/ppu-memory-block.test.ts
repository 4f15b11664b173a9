import { CoordError, PPUMemoryWordOnDLS, PPUMemoryWordOnPPU, PPUOnDLS } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { Chip } from '../chip.js';
import { PPUMemoryWord } from './ppu.js';
import { PPUMemoryBlock } from './ppu-memory-block.js';

describe('PPUMemoryBlock', () => {
  it('packs a program image big-endian and zero-pads the last word (§4.6, haldls ppu.cpp)', () => {
    // Bytes 38 60 00 2a | 4e → words 0x3860002A, 0x4E000000 (the PPU is big-endian).
    const block = PPUMemoryBlock.fromBytes(PPUOnDLS.top, PPUMemoryWordOnPPU(0), Uint8Array.of(0x38, 0x60, 0x00, 0x2a, 0x4e));
    expect(Array.from(block.words)).toEqual([0x3860_002a, 0x4e00_0000]);
  });

  it('yields the coordinates and addresses of a contiguous run', () => {
    // Bottom PPU memory base 0x0380_0000; words 4094 and 4095 are its last two.
    const block = PPUMemoryBlock.of(PPUOnDLS.bottom, PPUMemoryWordOnPPU(4094), [1, 0xffff_ffff]);
    expect(PPUMemoryBlock.coords(block)).toEqual([PPUMemoryWordOnDLS(8190), PPUMemoryWordOnDLS(8191)]);
    expect(Array.from(PPUMemoryBlock.addresses(block))).toEqual([0x0380_0ffe, 0x0380_0fff]);
    const chip = new Chip();
    PPUMemoryBlock.coords(block).forEach((c, i) => chip.set(PPUMemoryWord, c, { value: block.words[i] as number }));
    expect(chip.get(PPUMemoryWord, PPUMemoryWordOnDLS(8191))).toEqual({ value: 0xffff_ffff });
  });

  it('rejects a block that runs past the end of memory, and words that are not 32-bit', () => {
    expect(() => PPUMemoryBlock.of(PPUOnDLS.top, PPUMemoryWordOnPPU(4095), [1, 2])).toThrow(
      expect.objectContaining({ code: 'block-out-of-range', range: { min: 0, max: 4095 } }),
    );
    expect(() => PPUMemoryBlock.of(PPUOnDLS.top, PPUMemoryWordOnPPU(0), [2 ** 32])).toThrow(
      expect.objectContaining({ code: 'out-of-range', container: 'PPUMemoryWord', field: 'value' }),
    );
  });

  it('rejects a PPU or a start word outside its range with a CoordError naming that range', () => {
    const bytes = Uint8Array.of(1, 2, 3, 4);
    const cases: [PPUOnDLS, PPUMemoryWordOnPPU, object][] = [
      [7 as PPUOnDLS, PPUMemoryWordOnPPU(0), { code: 'out-of-range', coordinate: 'PPUOnDLS', value: 7, range: { min: 0, max: 1 } }],
      [PPUOnDLS.top, -5 as PPUMemoryWordOnPPU, { code: 'out-of-range', coordinate: 'PPUMemoryWordOnPPU', value: -5 }],
      [PPUOnDLS.top, 1.5 as PPUMemoryWordOnPPU, { code: 'not-integer', coordinate: 'PPUMemoryWordOnPPU', value: 1.5 }],
      [PPUOnDLS.top, 4096 as PPUMemoryWordOnPPU, { code: 'out-of-range', coordinate: 'PPUMemoryWordOnPPU', range: { min: 0, max: 4095 } }],
    ];
    for (const [ppu, first, expected] of cases) {
      for (const build of [() => PPUMemoryBlock.of(ppu, first, [1]), () => PPUMemoryBlock.fromBytes(ppu, first, bytes)]) {
        expect(build).toThrow(CoordError);
        expect(build).toThrow(expect.objectContaining(expected));
      }
    }
    // An empty block checks its start word too.
    expect(() => PPUMemoryBlock.of(PPUOnDLS.top, -5 as PPUMemoryWordOnPPU, [])).toThrow(CoordError);
  });
});
