import { PPUMemoryWordOnDLS, PPUMemoryWordOnPPU, PPUOnDLS } from '@bss2/coords';
import type { ContainerTicket, PlaybackProgramBuilder } from '@bss2/playback';
import { PPUControlRegister, PPUMemoryBlock, PPUMemoryWord, PPUStatusRegister, type ContainerValue } from '@bss2/regs';
import { FirmwareError } from './firmware-error.js';

// Host side of a PPU program, as playback instructions (reference §4.8): load the image into PPU memory,
// release the core from reset, talk to it through mailbox words, poll its status. Everything goes through the
// builder, so the same calls drive the in-process twin, a remote twin or hardware.

const WORD_BYTES = 4;
const PPU_MEMORY_BYTES = PPUMemoryWordOnPPU.size * WORD_BYTES;

/** The PPU memory word that holds byte address `address` (word-aligned, inside the 16 KiB memory). */
export function ppuWord(ppu: PPUOnDLS, address: number): PPUMemoryWordOnDLS {
  if (!Number.isInteger(address) || address < 0 || address >= PPU_MEMORY_BYTES || address % WORD_BYTES !== 0) {
    throw new FirmwareError('out-of-range', `PPU byte address ${address} must be a multiple of 4 in 0..${PPU_MEMORY_BYTES - WORD_BYTES}`, address, {
      min: 0,
      max: PPU_MEMORY_BYTES - WORD_BYTES,
    });
  }
  return PPUMemoryWordOnDLS.of(ppu, PPUMemoryWordOnPPU(address / WORD_BYTES));
}

/** Holds the core in reset and writes `image` from address 0 (haldls PPUMemoryBlock load). */
export function loadPpuProgram(builder: PlaybackProgramBuilder, ppu: PPUOnDLS, image: Uint8Array): PlaybackProgramBuilder {
  stopPpu(builder, ppu);
  const block = PPUMemoryBlock.fromBytes(ppu, PPUMemoryWordOnPPU(0), image);
  PPUMemoryBlock.coords(block).forEach((coord, i) => builder.write(PPUMemoryWord, coord, { value: block.words[i] as number }));
  return builder;
}

/** Releases the core from reset: the program runs from address 0. */
export function startPpu(builder: PlaybackProgramBuilder, ppu: PPUOnDLS): PlaybackProgramBuilder {
  return builder.write(PPUControlRegister, ppu, { ...PPUControlRegister.defaults(), inhibitReset: true });
}

/** Holds the core in reset (its memory stays). */
export function stopPpu(builder: PlaybackProgramBuilder, ppu: PPUOnDLS): PlaybackProgramBuilder {
  return builder.write(PPUControlRegister, ppu, PPUControlRegister.defaults());
}

/** Writes the 32-bit word at byte address `address` of PPU memory (a mailbox word). */
export function writePpuWord(builder: PlaybackProgramBuilder, ppu: PPUOnDLS, address: number, value: number): PlaybackProgramBuilder {
  return builder.write(PPUMemoryWord, ppuWord(ppu, address), { value: value >>> 0 });
}

/** Reads the 32-bit word at byte address `address` of PPU memory. */
export function readPpuWord(builder: PlaybackProgramBuilder, ppu: PPUOnDLS, address: number): ContainerTicket<ContainerValue<typeof PPUMemoryWord>> {
  return builder.read(PPUMemoryWord, ppuWord(ppu, address));
}

/** Reads PPUStatusRegister: `sleep` once the program ended, `fault` ≠ 0 if it halted on an error. */
export function readPpuStatus(builder: PlaybackProgramBuilder, ppu: PPUOnDLS): ContainerTicket<ContainerValue<typeof PPUStatusRegister>> {
  return builder.read(PPUStatusRegister, ppu);
}
