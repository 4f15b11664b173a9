import { defineEntry, type InstructionEntry } from '../instruction-entry.js';
import type { OperandSpec } from '../operand-spec.js';
import { operands as o } from '../operands.js';

// The FXV vector unit (reference §4.3 encoding, §4.4 opcode table): primary opcode 4, VRT 6..10, VRA 11..15,
// VRB 16..20, XO 21..29, condition C 30..31. Each row lists only the fields its semantics read; the unused
// register fields are reserved (0), as the nux assembler writes them. The condition is an optional last
// operand (`fxvsel v1,v2,v3,2`, default 0 = always), the syntax libnux's inline assembly uses.

/** Which fields an instruction uses, in assembly order (the condition C always comes last). */
const shapes = {
  /** VRT ← f(VRA, VRB). */
  tab: [o.VRT, o.VRA, o.VRB],
  /** VRT ← f(VRA) (accumulator reads). */
  ta: [o.VRT, o.VRA],
  /** ACC ← f(VRA, VRB). */
  ab: [o.VRA, o.VRB],
  /** ACC or VCR ← f(VRA). */
  a: [o.VRA],
  /** Memory or vector I/O at (RA|0) + RB (§4.4 notes). */
  indexed: [o.VRT, o.RA0, o.RB],
  /** GPR broadcast. */
  splat: [o.VRT, o.RA],
  /** Shift by the signed immediate in the VRB field (§10.8). */
  shift: [o.VRT, o.VRA, o.IMM],
} as const satisfies Record<string, readonly OperandSpec[]>;

type Shape = keyof typeof shapes;

/** §4.4, one line per mnemonic: [mnemonic, XO, operand shape]. */
const fxvRows: readonly [string, number, Shape][] = [
  ['fxvmahm', 12, 'tab'],
  ['fxvmabm', 13, 'tab'],
  ['fxvmtacb', 14, 'a'],
  ['fxvmtach', 15, 'a'],
  ['fxvmahfs', 28, 'tab'],
  ['fxvmabfs', 29, 'tab'],
  ['fxvmtacbf', 30, 'a'],
  ['fxvmtachf', 31, 'a'],
  ['fxvmatachm', 44, 'ab'],
  ['fxvmatacbm', 45, 'ab'],
  ['fxvmatachfs', 60, 'ab'],
  ['fxvmatacbfs', 61, 'ab'],
  ['fxvmulhm', 76, 'tab'],
  ['fxvmulbm', 77, 'tab'],
  ['fxvmulhfs', 92, 'tab'],
  ['fxvmulbfs', 93, 'tab'],
  ['fxvmultachm', 108, 'ab'],
  ['fxvmultacbm', 109, 'ab'],
  ['fxvmultachfs', 124, 'ab'],
  ['fxvmultacbfs', 125, 'ab'],
  ['fxvinx', 236, 'indexed'],
  ['fxvpckbu', 239, 'tab'],
  ['fxvoutx', 252, 'indexed'],
  ['fxvpckbl', 255, 'tab'],
  ['fxvsplath', 268, 'splat'],
  ['fxvsplatb', 269, 'splat'],
  // The unpack lane mapping is unverified (§4.4 notes), so both source fields stay available.
  ['fxvupckbr', 271, 'tab'],
  ['fxvupckbl', 287, 'tab'],
  ['fxvcmph', 300, 'a'],
  ['fxvcmpb', 301, 'a'],
  ['fxvshh', 316, 'shift'],
  ['fxvshb', 317, 'shift'],
  ['fxvsel', 319, 'tab'],
  ['fxvsubhm', 332, 'tab'],
  ['fxvsubbm', 333, 'tab'],
  ['fxvsubhfs', 348, 'tab'],
  ['fxvsubbfs', 349, 'tab'],
  ['fxvaddactachm', 364, 'a'],
  ['fxvaddactacb', 365, 'a'],
  ['fxvaddactachf', 380, 'a'],
  ['fxvaddactacbf', 381, 'a'],
  ['fxvaddachm', 396, 'ta'],
  ['fxvaddacbm', 397, 'ta'],
  ['fxvaddachfs', 412, 'ta'],
  ['fxvaddacbfs', 413, 'ta'],
  ['fxvaddtachm', 428, 'ab'],
  ['fxvaddtacb', 429, 'ab'],
  ['fxvaddhm', 460, 'tab'],
  ['fxvaddbm', 461, 'tab'],
  ['fxvaddhfs', 476, 'tab'],
  ['fxvaddbfs', 477, 'tab'],
  ['fxvlax', 492, 'indexed'],
  ['fxvstax', 508, 'indexed'],
];

export const vectorEntries: readonly InstructionEntry[] = fxvRows.map(([mnemonic, xo, shape]) =>
  defineEntry({ mnemonic, form: 'FXV', chapter: 'vector', opcode: 4, xo, operands: [...shapes[shape], o.C] }),
);
