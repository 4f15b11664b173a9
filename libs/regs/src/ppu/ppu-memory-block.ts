import { PPUMemoryWordOnDLS, PPUMemoryWordOnPPU, PPUOnDLS } from '@bss2/coords';
import { RegsError } from '../regs-error.js';
import { PPUMemoryWord } from './ppu.js';

// Reference §4.6/§4.8: a program image is a contiguous run of PPU memory words (haldls PPUMemoryBlock). The
// PPU is big-endian, so byte 4w is the most significant byte of word w (haldls ppu.cpp load_from_file applies
// ntohl to the file's words and zero-pads the last one).

const wordsPerPPU = PPUMemoryWordOnPPU.size;
const bytesPerWord = 4;

/** A contiguous run of words of one PPU's internal memory, starting at `first`. */
export interface PPUMemoryBlock {
  readonly ppu: PPUOnDLS;
  readonly first: PPUMemoryWordOnPPU;
  readonly words: Uint32Array;
}

// Checks the PPU and the start word before the length, so a forged one fails as a CoordError naming its own
// range instead of producing a block that addresses the wrong PPU or a word outside the memory.
function checkBlock(ppu: PPUOnDLS, first: PPUMemoryWordOnPPU, length: number): void {
  PPUOnDLS(ppu);
  if (PPUMemoryWordOnPPU(first) + length > wordsPerPPU) {
    throw new RegsError(
      'block-out-of-range',
      'PPUMemoryBlock',
      undefined,
      { ppu, first, length },
      { min: 0, max: wordsPerPPU - 1 },
      `PPUMemoryBlock: ${length} words from word ${first} run past the end of the ${wordsPerPPU}-word PPU memory`,
    );
  }
}

export const PPUMemoryBlock = {
  /**
   * A block of the given words; each must be a 32-bit unsigned integer and the block must fit. A bad `ppu` or
   * `first` throws `CoordError`, a block past the end `RegsError` `block-out-of-range`.
   */
  of(ppu: PPUOnDLS, first: PPUMemoryWordOnPPU, words: ArrayLike<number>): PPUMemoryBlock {
    checkBlock(ppu, first, words.length);
    const out = new Uint32Array(words.length);
    for (let i = 0; i < words.length; i++) out.set(PPUMemoryWord.encode({ value: words[i] as number }), i);
    return { ppu, first, words: out };
  },

  /** A program image from raw bytes: big-endian words, the last one zero-padded. Checked like `of`. */
  fromBytes(ppu: PPUOnDLS, first: PPUMemoryWordOnPPU, bytes: Uint8Array): PPUMemoryBlock {
    const words = new Uint32Array(Math.ceil(bytes.length / bytesPerWord));
    checkBlock(ppu, first, words.length);
    const view = new DataView(words.buffer);
    bytes.forEach((b, i) => view.setUint8(i, b));
    for (let w = 0; w < words.length; w++) words[w] = view.getUint32(w * bytesPerWord, false);
    return { ppu, first, words };
  },

  /** The PPUMemoryWord coordinates of the block, in order. */
  coords(block: PPUMemoryBlock): readonly PPUMemoryWordOnDLS[] {
    return Array.from(block.words, (_, i) => PPUMemoryWordOnDLS.of(block.ppu, PPUMemoryWordOnPPU(block.first + i)));
  },

  /** The omnibus address of every word of the block, in order. */
  addresses(block: PPUMemoryBlock): Uint32Array {
    return Uint32Array.from(PPUMemoryBlock.coords(block), (c) => PPUMemoryWord.addresses(c)[0] as number);
  },
};
