import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';

// Reference §4.1 and §4.6: one PPU per hemisphere (libnux: top = 0, bottom = 1), each with 16 KiB of internal
// SRAM = 4096 32-bit words (halco ppu.h PPUMemoryWordOnPPU 0..0xFFF).

const words = 4096;
const bytesPerWord = 4;

/** PPU: 0 top, 1 bottom. */
const ppu = defineCoord('PPUOnDLS', 1);
export const PPUOnDLS = Object.assign(ppu, {
  top: ppu(0),
  bottom: ppu(1),
  toHemisphereOnDLS: (p: PPUOnDLS): HemisphereOnDLS => HemisphereOnDLS(ppu(p)),
  fromHemisphereOnDLS: (h: HemisphereOnDLS): PPUOnDLS => ppu(HemisphereOnDLS(h)),
});
export type PPUOnDLS = Coord<'PPUOnDLS'>;

/** Byte inside a 32-bit word, big-endian as on the Power core: byte 0 is bits 31..24 (README). */
export const ByteOnPPUMemoryWord = defineCoord('ByteOnPPUMemoryWord', bytesPerWord - 1);
export type ByteOnPPUMemoryWord = Coord<'ByteOnPPUMemoryWord'>;

/** Word of a PPU's internal memory, 0..4095; word w holds bytes 4w..4w+3. */
const wordOnPPU = defineCoord('PPUMemoryWordOnPPU', words - 1);
export const PPUMemoryWordOnPPU = Object.assign(wordOnPPU, {
  /** Word where a program leaves its return code, atop the first stack frame (halco ppu.cpp). */
  returnCode: wordOnPPU(3071),
  /** The word's first (most significant) byte. */
  toPPUMemoryByteOnPPU: (w: PPUMemoryWordOnPPU): PPUMemoryByteOnPPU => PPUMemoryByteOnPPU(wordOnPPU(w) * bytesPerWord),
});
export type PPUMemoryWordOnPPU = Coord<'PPUMemoryWordOnPPU'>;

/** Word of either PPU's memory: `ppu · 4096 + word` (halco ppu.h PPUMixin). */
const wordOnDLS = defineCoord('PPUMemoryWordOnDLS', 2 * words - 1);
export const PPUMemoryWordOnDLS = Object.assign(wordOnDLS, {
  of: (p: PPUOnDLS, word: PPUMemoryWordOnPPU): PPUMemoryWordOnDLS => wordOnDLS(ppu(p) * words + wordOnPPU(word)),
  toPPUOnDLS: (w: PPUMemoryWordOnDLS): PPUOnDLS => ppu(Math.floor(wordOnDLS(w) / words)),
  toPPUMemoryWordOnPPU: (w: PPUMemoryWordOnDLS): PPUMemoryWordOnPPU => wordOnPPU(wordOnDLS(w) % words),
});
export type PPUMemoryWordOnDLS = Coord<'PPUMemoryWordOnDLS'>;

/** Byte address inside a PPU's internal memory, 0..16383 (linker script int_mem, §4.6). */
const byteOnPPU = defineCoord('PPUMemoryByteOnPPU', words * bytesPerWord - 1);
export const PPUMemoryByteOnPPU = Object.assign(byteOnPPU, {
  of: (word: PPUMemoryWordOnPPU, byte: ByteOnPPUMemoryWord): PPUMemoryByteOnPPU =>
    byteOnPPU(wordOnPPU(word) * bytesPerWord + ByteOnPPUMemoryWord(byte)),
  toPPUMemoryWordOnPPU: (b: PPUMemoryByteOnPPU): PPUMemoryWordOnPPU => wordOnPPU(Math.floor(byteOnPPU(b) / bytesPerWord)),
  toByteOnPPUMemoryWord: (b: PPUMemoryByteOnPPU): ByteOnPPUMemoryWord => ByteOnPPUMemoryWord(byteOnPPU(b) % bytesPerWord),
});
export type PPUMemoryByteOnPPU = Coord<'PPUMemoryByteOnPPU'>;

/**
 * Word of the external PPU memory on the FPGA (§4.6: 128 KiB SRAM; halco ExternalPPUMemoryByteOnFPGA
 * 0..0x1FFFF, so words 0..0x7FFF). The PPU sees byte 4w at 0x4000_0000 + 4w (data) or 0x8000_0000 + 4w
 * (vector I/O).
 */
export const ExternalPPUMemoryWordOnFPGA = defineCoord('ExternalPPUMemoryWordOnFPGA', (128 * 1024) / bytesPerWord - 1);
export type ExternalPPUMemoryWordOnFPGA = Coord<'ExternalPPUMemoryWordOnFPGA'>;
