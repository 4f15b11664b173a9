import { decodeInstruction } from '../isa/decode.js';
import { lowerInstruction } from './lower-instruction.js';
import { Op } from './op.js';

/** Words of internal memory, one cache slot each (§4.6: 4096 × 32 bit). */
export const MEMORY_WORDS = 4096;

/**
 * Decoded instructions per word address of internal memory, as flat typed arrays (structure of arrays, so the
 * loop reads a slot without allocation or pointer chasing). Each slot remembers the word it was decoded from;
 * the loop compares that with memory before every execution and re-decodes on a mismatch. This one compare
 * replaces store invalidation and also catches what stores cannot: the host rewriting PPU memory over the
 * omnibus while the core runs, and a new program loaded between starts.
 *
 * All slots start as the decoding of the word 0 (illegal, `Op.ILLEGAL` = 0), which keeps that invariant true
 * from the first fetch.
 */
export class DecodeCache {
  readonly word = new Uint32Array(MEMORY_WORDS);
  /** Op id and register fields packed into one word (`packSlot`): one load in the loop instead of four. */
  readonly info = new Uint32Array(MEMORY_WORDS);
  readonly flags = new Uint16Array(MEMORY_WORDS);
  readonly imm = new Int32Array(MEMORY_WORDS);

  /** Decodes `word` into slot `index` (the word at byte address 4·index). */
  decode(index: number, word: number): void {
    this.word[index] = word;
    const decoded = decodeInstruction(word);
    if (decoded === undefined) {
      this.info[index] = Op.ILLEGAL;
      return;
    }
    const lowered = lowerInstruction(decoded, index * 4);
    this.info[index] = lowered.op | (lowered.t << 8) | (lowered.a << 14) | (lowered.b << 20);
    this.flags[index] = lowered.flags;
    this.imm[index] = lowered.imm;
  }
}
