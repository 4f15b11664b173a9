import { FXV_BY_XO } from '../vector/fxv-table.js';
import { compareSigned, compareUnsigned, mulhw, mulhwu, rotl, setCrField } from './fixed-point.js';
import { MEMORY_WORDS, type DecodeCache } from './decode-cache.js';
import { emitInstruction, Role, roleOf, vectorHandler, type Exits, type Slot } from './emit-instruction.js';
import { loadSlow, storeSlow } from './memory-map.js';
import { Op, type OpId } from './op.js';
import type { PpuState } from './ppu-state.js';
import { PPU_CYCLES } from './ppu-timing.js';
import type { VectorDispatch } from './vector-dispatch.js';

// Basic blocks compiled to JavaScript functions (`new Function`), so V8 optimises the guest code itself:
// registers as constant indices, flags and immediates folded, no decode or dispatch per instruction.
//
// A block is a straight run of instructions from its start address up to and including the first terminator
// (branch, `wait`), or up to an instruction only the interpreter runs (lmw/stmw, illegal), at most
// `MAX_BLOCK_INSTRUCTIONS`. FXV memory/I/O rows (variable cost, they reach the chip) sit inside blocks, so a
// plasticity kernel's loop body is one block that loops in its function. Exactness rests on three rules:
// - Validity: the block compares its words with memory on entry (the host may rewrite PPU memory between any
//   two runs; the words are constants in the code, so this is a few compares) and returns false when stale.
//   While it runs, memory changes only by its own stores or while the chip runs: a store into the block's
//   words leaves the block right after it, a slow scalar load/store leaves after it completes, and after an
//   FXV memory/I/O row the block compares its words again and leaves if they changed (or the core stopped).
// - Limits: the caller (`execute.ts`) enters a block only when the instructions up to its first FXV
//   memory/I/O row (or all, without one) start before the clock limit and the whole block fits the
//   instruction budget; static costs are known per instruction. After an FXV memory/I/O row, whose cost is
//   known only then, the block goes on only if the instructions up to the next one start before the limit. A
//   slow scalar access leaves the block after it completes. So every instruction a block runs is one the
//   interpreter would run, at the same clock.
// - Faults: an instruction that faults leaves pc, clock and count before it, like the interpreter.
// A block that ends in a branch back to its own start loops inside the function, re-checking the limits each
// time round, which is what makes tight loops fast.

/** Longest block: keeps a block's static cost well below the chip's 128-cycle run slices, so blocks fit them. */
export const MAX_BLOCK_INSTRUCTIONS = 32;

/** A compiled block: runs from its start, updates pc, clock and count; false (nothing done) when stale. */
export type BlockRun = (s: PpuState, r: Int32Array, m: Uint32Array, v: VectorDispatch, until: number, budget: number) => boolean;

/** A compiled block and what the caller checks before entering it. */
export interface CompiledBlock {
  readonly run: BlockRun;
  /** Instructions in one pass. */
  readonly length: number;
  /**
   * Clock offset (from the clock at entry) at which the last instruction up to the first FXV memory/I/O row
   * starts, or the last instruction of the block if it has none.
   */
  readonly lastStart: number;
}

/** What the generated code calls (bound once per function, so V8 can inline them). */
const BLOCK_HELPERS = {
  recordCr0: (cr: number, result: number, so: number): number => (cr & 0x0fff_ffff) | (compareSigned(result, 0, so) << 28),
  compareSigned,
  compareUnsigned,
  setCrField,
  mulhw,
  mulhwu,
  rotl,
  loadSlow,
  storeSlow,
  /** FXV handlers by XO, bound to `vectorHandler(xo)` by the blocks that use them. */
  fxv: FXV_BY_XO.map((row) => row?.execute),
};

/**
 * Generated functions by source. A source fully determines its function (addresses, words and fields are in
 * it), so cores that run the same program (restarts, the two hemispheres, tests) share the function and the
 * optimised code V8 made for it. Bounded: cleared when full, which only costs recompiling.
 */
const compiled = new Map<string, BlockRun>();
const MAX_COMPILED = 4096;

function functionFor(source: string): BlockRun {
  let run = compiled.get(source);
  if (run === undefined) {
    if (compiled.size >= MAX_COMPILED) compiled.clear();
    run = new Function('h', source)(BLOCK_HELPERS) as BlockRun;
    compiled.set(source, run);
  }
  return run;
}

/** The slot at word `index`, decoded from `word` through `cache` (which re-decodes a stale slot). */
function slotAt(cache: DecodeCache, index: number, word: number): Slot {
  if (cache.word[index] !== word) cache.decode(index, word);
  const info = cache.info[index]!;
  return {
    op: (info & 0xff) as OpId,
    t: (info >>> 8) & 63,
    a: (info >>> 14) & 63,
    b: (info >>> 20) & 63,
    imm: cache.imm[index]!,
    flags: cache.flags[index]!,
    pc: index * 4,
  };
}

/** Compiles the block starting at word `start` of `memory`; undefined when its first instruction is interpreter-only. */
export function compileBlock(memory: Uint32Array, cache: DecodeCache, start: number): CompiledBlock | undefined {
  const slots: Slot[] = [];
  const roles: Role[] = [];
  for (let index = start; index < MEMORY_WORDS && slots.length < MAX_BLOCK_INSTRUCTIONS; index++) {
    const slot = slotAt(cache, index, memory[index]!);
    const role = roleOf(slot);
    if (role === Role.Interpret) break;
    slots.push(slot);
    roles.push(role);
    if (role === Role.Terminator) break;
  }
  if (slots.length === 0) return undefined;

  const length = slots.length;
  const startPc = start * 4;
  const words = slots.map((_, k) => `m[${start + k}] !== ${memory[start + k]!}`).join(' || ');
  // Static cost of each instruction; a vector access adds its cost to `c` once it ran, so it counts 0 here.
  const costs = roles.map((role) => (role === Role.VectorInline ? PPU_CYCLES.arithmetic : role === Role.VectorAccess ? 0 : PPU_CYCLES.scalar));
  /** Offset from the start of instruction `k` to the start of the last one before the next vector access ends the stretch. */
  const stretchLastStart = (k: number): number => {
    let offset = 0;
    for (let j = k; j < length - 1 && roles[j] !== Role.VectorAccess; j++) offset += costs[j]!;
    return offset;
  };
  let offset = 0;
  const body: string[] = [];
  slots.forEach((slot, k) => {
    const clock = `c + ${offset}`;
    const after = (cost: string): string => `{ s.pc = ${slot.pc + 4}; s.clock = ${clock} + ${cost}; s.instructions = n + ${k + 1}; return true; }`;
    const exits: Exits = {
      fault: `{ s.pc = ${slot.pc}; s.clock = ${clock}; s.instructions = n + ${k}; return true; }`,
      after,
      storeCheck: `if (((ea >>> 2) - ${start}) >>> 0 < ${length}) ${after('1')}`,
    };
    body.push(emitInstruction(slot, clock, exits));
    if (roles[k] !== Role.VectorAccess) {
      offset += costs[k]!;
      return;
    }
    // The chip ran during the access (it may have rewritten PPU memory or stopped the core): go on only while
    // the core runs, the block's words are unchanged and the next stretch starts before the clock limit.
    offset = 0;
    if (k < length - 1) {
      body.push(
        `if (s.runState !== 'running' || c + ${stretchLastStart(k + 1)} >= until || ${words}) { s.pc = ${slot.pc + 4}; s.clock = c; s.instructions = n + ${k + 1}; return true; }`,
      );
    }
  });
  const lastStart = stretchLastStart(0);
  const last = slots[length - 1]!;
  const endsInBranch = last.op === Op.B || last.op === Op.BC || last.op === Op.BCLR || last.op === Op.BCCTR;

  let code: string;
  if (endsInBranch) {
    // Loop while the branch returns to the start and the next pass fits the limits (the caller's entry test).
    code =
      `for (;;) { ${body.join('\n')}\n c += ${offset}; n += ${length}; ` +
      `if (next !== ${startPc} || c + ${lastStart} >= until || n + ${length} > budget) { s.pc = next >>> 0; s.clock = c; s.instructions = n; return true; } }`;
  } else {
    // Falls through, or its terminator (wait) leaves by itself.
    code = `${body.join('\n')}\n s.pc = ${startPc + 4 * length}; s.clock = c + ${offset}; s.instructions = n + ${length}; return true;`;
  }
  const vectorRows = [...new Set(slots.filter((_, k) => roles[k] === Role.VectorInline).map((slot) => slot.imm))];
  const handlers = vectorRows.map((xo) => `const ${vectorHandler(xo)} = h.fxv[${xo}];\n`).join('');
  const vectorState = vectorRows.length > 0 ? ' const u = v.unit, o = v.operands;' : '';
  const source =
    `'use strict'; ${handlers}return function block_${startPc.toString(16)}(s, r, m, v, until, budget) {\n` +
    `if (${words}) return false;\n let c = s.clock, n = s.instructions, next = 0;${vectorState}\n${code}\n};`;
  return { run: functionFor(source), length, lastStart };
}
