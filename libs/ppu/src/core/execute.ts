import { MEMORY_WORDS } from './decode-cache.js';
import { interpret } from './interpret.js';
import type { PpuState } from './ppu-state.js';
import type { VectorDispatch } from './vector-dispatch.js';

/**
 * Runs `state` until its clock reaches `untilClock` (PPU cycles), it executes `wait`, it faults, or it reaches
 * its instruction budget. An instruction that starts before `untilClock` completes even if it ends after it.
 *
 * At each block boundary this picks the compiled block for the pc (`block-cache.ts`) when there is one and it
 * fits: its last instruction starts before `untilClock` and all its instructions fit the budget. Otherwise the
 * interpreter runs to the next branch or limit, so the clock limit, the budget and faults land on the exact
 * instruction either way (a block never crosses a limit; the interpreter single-steps up to it).
 */
export function execute(state: PpuState, vectors: VectorDispatch, untilClock: number): void {
  const blocks = state.blocks;
  const r = state.gpr;
  const memory = state.bus.memory;
  const budget = state.maxInstructions;
  const threshold = state.compileAfter;
  while (state.runState === 'running' && state.clock < untilClock) {
    const index = state.pc >>> 2;
    if (index < MEMORY_WORDS) {
      const block = blocks.at(index, threshold, memory, state.cache);
      if (block !== undefined && state.clock + block.lastStart < untilClock && state.instructions + block.length <= budget) {
        if (block.run(state, r, memory, vectors, untilClock, budget)) continue;
        blocks.discard(index);
      }
    }
    interpret(state, vectors, untilClock);
  }
}
