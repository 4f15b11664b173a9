// The FXV opcode table (reference §4.4), one row per extended opcode. Simulator, docs and tests iterate this
// list; `executeFxv` dispatches through `FXV_BY_XO`, derived from it.

import { fxvcmpb, fxvcmph } from './compare.js';
import { fxvaddbfs, fxvaddbm, fxvaddhfs, fxvaddhm, fxvmulbfs, fxvmulbm, fxvmulhfs, fxvmulhm, fxvsubbfs, fxvsubbm, fxvsubhfs, fxvsubhm } from './elementwise.js';
import { fxvaddacbfs, fxvaddacbm, fxvaddachfs, fxvaddachm, fxvmabfs, fxvmabm, fxvmahfs, fxvmahm } from './from-accumulator.js';
import type { FxvHandler } from './fxv-handler.js';
import { fxvpckbl, fxvpckbu, fxvsel, fxvshb, fxvshh, fxvsplatb, fxvsplath, fxvupckbl, fxvupckbr } from './permute.js';
import {
  fxvaddactacb, fxvaddactacbf, fxvaddactachf, fxvaddactachm, fxvaddtacb, fxvaddtachm, fxvmatacbfs, fxvmatacbm, fxvmatachfs,
  fxvmatachm, fxvmtacb, fxvmtacbf, fxvmtach, fxvmtachf, fxvmultacbfs, fxvmultacbm, fxvmultachfs, fxvmultachm,
} from './to-accumulator.js';
import { fxvinx, fxvlax, fxvoutx, fxvstax } from './vector-io.js';

/**
 * What a row reads and writes: `vector` VRT ← f(VRA, VRB); `from-acc` VRT ← f(VRA, VRB, ACC), ACC unchanged;
 * `to-acc` ACC ← f(VRA, VRB, ACC); `compare` VCR ← f(VRA); `permute` splat, shift, select, pack/unpack;
 * `memory` fxvlax/fxvstax; `io` fxvinx/fxvoutx.
 */
export type FxvKind = 'vector' | 'from-acc' | 'to-acc' | 'compare' | 'permute' | 'memory' | 'io';

/** How a row uses the C field: gates each element's write, selects (fxvsel), or sizes a pack (8 − C bits). */
export type FxvConditionUse = 'gate' | 'select' | 'size';

/**
 * Cycle cost per instruction class (reference §10.8, twin choices; 4 ns per cycle at 250 MHz). `memory` and
 * `synapseIo` are the costs for internal memory and synapse SRAM; the same rows cost `cadcConversion` when
 * fxvinx reads a CADC base, and `externalSram` / `externalDram` when the address is external memory (the
 * simulator owns the address map and picks the class).
 */
export const FXV_CYCLES = {
  arithmetic: 2,
  memory: 4,
  synapseIo: 8,
  cadcConversion: 135,
  externalSram: 100,
  externalDram: 600,
} as const;

/** A cycle class of `FXV_CYCLES`. */
export type FxvCycleClass = keyof typeof FXV_CYCLES;

/** One FXV instruction. */
export interface FxvRow {
  /** Extended opcode, IBM bits 21..29 (§4.3). */
  readonly xo: number;
  /** Mnemonic exactly as in §4.4. */
  readonly mnemonic: string;
  /** Element width: byte (128 lanes) or halfword (64 lanes). Select, pack/unpack and I/O are bytewise. */
  readonly width: 'b' | 'h';
  readonly kind: FxvKind;
  readonly condition: FxvConditionUse;
  /** Cost class for internal memory / synapse SRAM; see `FXV_CYCLES` for the address-dependent classes. */
  readonly cycles: FxvCycleClass;
  /** The semantics in one line, as in §4.4 with the twin's choices (§10.8). */
  readonly summary: string;
  readonly execute: FxvHandler;
}

type RowSpec = readonly [xo: number, mnemonic: string, width: 'b' | 'h', kind: FxvKind, summary: string, execute: FxvHandler];

const SPECS: readonly RowSpec[] = [
  [12, 'fxvmahm', 'h', 'from-acc', 'VRT ← (VRA·VRB + ACC) mod 2^16', fxvmahm],
  [13, 'fxvmabm', 'b', 'from-acc', 'VRT ← (VRA·VRB + ACC) mod 2^8', fxvmabm],
  [14, 'fxvmtacb', 'b', 'to-acc', 'ACC ← sext(VRA), right-aligned', fxvmtacb],
  [15, 'fxvmtach', 'h', 'to-acc', 'ACC ← sext(VRA), right-aligned', fxvmtach],
  [28, 'fxvmahfs', 'h', 'from-acc', 'VRT ← upper(add_sat(ACC, msf(VRA, VRB, 16), 32))', fxvmahfs],
  [29, 'fxvmabfs', 'b', 'from-acc', 'VRT ← upper(add_sat(ACC, msf(VRA, VRB, 8), 16))', fxvmabfs],
  [30, 'fxvmtacbf', 'b', 'to-acc', 'ACC ← VRA · 2^8, left-aligned', fxvmtacbf],
  [31, 'fxvmtachf', 'h', 'to-acc', 'ACC ← VRA · 2^16, left-aligned', fxvmtachf],
  [44, 'fxvmatachm', 'h', 'to-acc', 'ACC ← (VRA·VRB + ACC) mod 2^32', fxvmatachm],
  [45, 'fxvmatacbm', 'b', 'to-acc', 'ACC ← (VRA·VRB + ACC) mod 2^16', fxvmatacbm],
  [60, 'fxvmatachfs', 'h', 'to-acc', 'ACC ← add_sat(ACC, msf(VRA, VRB, 16), 32)', fxvmatachfs],
  [61, 'fxvmatacbfs', 'b', 'to-acc', 'ACC ← add_sat(ACC, msf(VRA, VRB, 8), 16)', fxvmatacbfs],
  [76, 'fxvmulhm', 'h', 'vector', 'VRT ← VRA·VRB mod 2^16', fxvmulhm],
  [77, 'fxvmulbm', 'b', 'vector', 'VRT ← VRA·VRB mod 2^8', fxvmulbm],
  [92, 'fxvmulhfs', 'h', 'vector', 'VRT ← upper(msf(VRA, VRB, 16))', fxvmulhfs],
  [93, 'fxvmulbfs', 'b', 'vector', 'VRT ← upper(msf(VRA, VRB, 8))', fxvmulbfs],
  [108, 'fxvmultachm', 'h', 'to-acc', 'ACC ← VRA·VRB mod 2^32', fxvmultachm],
  [109, 'fxvmultacbm', 'b', 'to-acc', 'ACC ← VRA·VRB mod 2^16', fxvmultacbm],
  [124, 'fxvmultachfs', 'h', 'to-acc', 'ACC ← msf(VRA, VRB, 16)', fxvmultachfs],
  [125, 'fxvmultacbfs', 'b', 'to-acc', 'ACC ← msf(VRA, VRB, 8)', fxvmultacbfs],
  [236, 'fxvinx', 'b', 'io', 'VRT ← io(ea); C > 0 writes only lanes whose condition holds', fxvinx],
  [239, 'fxvpckbu', 'b', 'permute', 'VRT ← upper (8−C)-bit parts of the halfwords of VRA, VRB, per slice, right-aligned', fxvpckbu],
  [252, 'fxvoutx', 'b', 'io', 'io(ea) ← VRT; C > 0 masked write', fxvoutx],
  [255, 'fxvpckbl', 'b', 'permute', 'VRT ← lower (8−C)-bit parts of the halfwords of VRA, VRB, per slice, right-aligned', fxvpckbl],
  [268, 'fxvsplath', 'h', 'permute', 'every halfword of VRT ← RA mod 2^16', fxvsplath],
  [269, 'fxvsplatb', 'b', 'permute', 'every byte of VRT ← RA mod 2^8', fxvsplatb],
  [271, 'fxvupckbr', 'h', 'permute', 'VRT ← halfwords rebuilt from bytes 8..15 of each slice of VRA (upper), VRB (lower)', fxvupckbr],
  [287, 'fxvupckbl', 'h', 'permute', 'VRT ← halfwords rebuilt from bytes 0..7 of each slice of VRA (upper), VRB (lower)', fxvupckbl],
  [300, 'fxvcmph', 'h', 'compare', 'VCR ← VRA (halfword) compared with 0', fxvcmph],
  [301, 'fxvcmpb', 'b', 'compare', 'VCR ← VRA (byte) compared with 0', fxvcmpb],
  [316, 'fxvshh', 'h', 'permute', 'VRT ← VRA << imm per halfword; imm = VRB field, −16..15, negative = logical right', fxvshh],
  [317, 'fxvshb', 'b', 'permute', 'VRT ← VRA << imm per byte; imm = VRB field, −16..15, negative = logical right', fxvshb],
  [319, 'fxvsel', 'b', 'permute', 'VRT ← cond ? VRB : VRA, bytewise', fxvsel],
  [332, 'fxvsubhm', 'h', 'vector', 'VRT ← VRA − VRB mod 2^16', fxvsubhm],
  [333, 'fxvsubbm', 'b', 'vector', 'VRT ← VRA − VRB mod 2^8', fxvsubbm],
  [348, 'fxvsubhfs', 'h', 'vector', 'VRT ← VRA − VRB saturated to 16 bit', fxvsubhfs],
  [349, 'fxvsubbfs', 'b', 'vector', 'VRT ← VRA − VRB saturated to 8 bit', fxvsubbfs],
  [364, 'fxvaddactachm', 'h', 'to-acc', 'ACC ← (ACC + sext(VRA)) mod 2^32', fxvaddactachm],
  [365, 'fxvaddactacb', 'b', 'to-acc', 'ACC ← (ACC + sext(VRA)) mod 2^16', fxvaddactacb],
  [380, 'fxvaddactachf', 'h', 'to-acc', 'ACC ← add_sat(ACC, VRA · 2^16, 32)', fxvaddactachf],
  [381, 'fxvaddactacbf', 'b', 'to-acc', 'ACC ← add_sat(ACC, VRA · 2^8, 16)', fxvaddactacbf],
  [396, 'fxvaddachm', 'h', 'from-acc', 'VRT ← (sext(VRA) + ACC) mod 2^16', fxvaddachm],
  [397, 'fxvaddacbm', 'b', 'from-acc', 'VRT ← (sext(VRA) + ACC) mod 2^8', fxvaddacbm],
  [412, 'fxvaddachfs', 'h', 'from-acc', 'VRT ← upper(add_sat(VRA · 2^16, ACC, 32))', fxvaddachfs],
  [413, 'fxvaddacbfs', 'b', 'from-acc', 'VRT ← upper(add_sat(VRA · 2^8, ACC, 16))', fxvaddacbfs],
  [428, 'fxvaddtachm', 'h', 'to-acc', 'ACC ← sext(VRA) + sext(VRB)', fxvaddtachm],
  [429, 'fxvaddtacb', 'b', 'to-acc', 'ACC ← sext(VRA) + sext(VRB)', fxvaddtacb],
  [460, 'fxvaddhm', 'h', 'vector', 'VRT ← VRA + VRB mod 2^16', fxvaddhm],
  [461, 'fxvaddbm', 'b', 'vector', 'VRT ← VRA + VRB mod 2^8', fxvaddbm],
  [476, 'fxvaddhfs', 'h', 'vector', 'VRT ← VRA + VRB saturated to 16 bit', fxvaddhfs],
  [477, 'fxvaddbfs', 'b', 'vector', 'VRT ← VRA + VRB saturated to 8 bit', fxvaddbfs],
  [492, 'fxvlax', 'b', 'memory', 'VRT ← the 128 bytes at ea, lane k = byte ea + k', fxvlax],
  [508, 'fxvstax', 'b', 'memory', 'the 128 bytes at ea ← VRT; C > 0 stores only lanes whose condition holds', fxvstax],
];

function conditionUse(mnemonic: string): FxvConditionUse {
  if (mnemonic === 'fxvsel') return 'select';
  return /^fxvu?pck/.test(mnemonic) ? 'size' : 'gate';
}

function cycleClass(kind: FxvKind): FxvCycleClass {
  return kind === 'memory' ? 'memory' : kind === 'io' ? 'synapseIo' : 'arithmetic';
}

/** The FXV instructions in XO order (§4.4). */
export const FXV_TABLE: readonly FxvRow[] = SPECS.map(([xo, mnemonic, width, kind, summary, execute]) => ({
  xo,
  mnemonic,
  width,
  kind,
  condition: conditionUse(mnemonic),
  cycles: cycleClass(kind),
  summary,
  execute,
}));

/** Rows indexed by XO (0..511); `undefined` where the XO is not an FXV instruction. Checked when it loads. */
export const FXV_BY_XO: readonly (FxvRow | undefined)[] = (() => {
  const byXo: (FxvRow | undefined)[] = new Array<FxvRow | undefined>(512).fill(undefined);
  const mnemonics = new Set<string>();
  for (const row of FXV_TABLE) {
    if (row.xo < 0 || row.xo > 511 || byXo[row.xo] !== undefined || mnemonics.has(row.mnemonic)) {
      throw new Error(`FXV table: duplicate or out-of-range row ${row.mnemonic} (XO ${row.xo})`);
    }
    byXo[row.xo] = row;
    mnemonics.add(row.mnemonic);
  }
  return byXo;
})();
