import { compileBlock, type CompiledBlock } from './block-compiler.js';
import { MEMORY_WORDS, type DecodeCache } from './decode-cache.js';

/**
 * Compiled blocks by start word, and how often `execute` arrived at each word without one. A block is compiled
 * once its start has been reached `threshold` times: code that runs once (setup, straight-line tests) stays in
 * the interpreter and never pays for `new Function`. Entries are never invalidated from outside: a block checks
 * its own words on entry (`block-compiler.ts`), and a stale block is dropped here and recompiled when hot again.
 */
export class BlockCache {
  private readonly blocks: (CompiledBlock | undefined)[] = new Array<CompiledBlock | undefined>(MEMORY_WORDS).fill(undefined);
  private readonly heat = new Uint32Array(MEMORY_WORDS);

  /** The block at word `index`, compiling it when it became hot; undefined while cold or not compilable. */
  at(index: number, threshold: number, memory: Uint32Array, cache: DecodeCache): CompiledBlock | undefined {
    const block = this.blocks[index];
    if (block !== undefined || ++this.heat[index]! < threshold) return block;
    this.heat[index] = 0;
    const compiled = compileBlock(memory, cache, index);
    this.blocks[index] = compiled;
    return compiled;
  }

  /** Drops the block at word `index` (its words changed). */
  discard(index: number): void {
    this.blocks[index] = undefined;
  }
}
