import { describe, expect, it } from 'vitest';
import { ByteOnPPUMemoryWord, PPUMemoryByteOnPPU, PPUMemoryWordOnDLS, PPUMemoryWordOnPPU, PPUOnDLS } from '../index.js';

describe('PPU memory (goldens, §4.6)', () => {
  it('16 KiB = 4096 words per PPU; chip word = ppu · 4096 + word', () => {
    expect(PPUMemoryWordOnDLS.of(PPUOnDLS.bottom, PPUMemoryWordOnPPU(10))).toBe(4106);
    expect(PPUMemoryByteOnPPU.size).toBe(16 * 1024);
  });
  it('byte 4w + k is byte k of word w (big-endian: byte 0 is bits 31..24)', () => {
    const b = PPUMemoryByteOnPPU.of(PPUMemoryWordOnPPU(10), ByteOnPPUMemoryWord(3));
    expect(b).toBe(43);
    expect(PPUMemoryByteOnPPU.toPPUMemoryWordOnPPU(b)).toBe(10);
    expect(PPUMemoryByteOnPPU.toByteOnPPUMemoryWord(b)).toBe(3);
    expect(PPUMemoryWordOnPPU.returnCode).toBe(3071);
  });
});
