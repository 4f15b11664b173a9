// The FXV opcode table (reference §4.4), one row per extended opcode. Simulator, docs and tests iterate this
// list; `executeFxv` dispatches through `FXV_BY_XO`, derived from it. The encoding (XO) of each mnemonic is the
// instruction table's (isa/table/vector.ts), declared once there.

import { entryByMnemonic } from '../isa/instruction-table.js';
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

type RowSpec = readonly [mnemonic: string, width: 'b' | 'h', kind: FxvKind, summary: string, execute: FxvHandler];

const SPECS: readonly RowSpec[] = [
  ['fxvmahm', 'h', 'from-acc', 'VRT ← (VRA·VRB + ACC) mod 2^16', fxvmahm],
  ['fxvmabm', 'b', 'from-acc', 'VRT ← (VRA·VRB + ACC) mod 2^8', fxvmabm],
  ['fxvmtacb', 'b', 'to-acc', 'ACC ← sext(VRA), right-aligned', fxvmtacb],
  ['fxvmtach', 'h', 'to-acc', 'ACC ← sext(VRA), right-aligned', fxvmtach],
  ['fxvmahfs', 'h', 'from-acc', 'VRT ← upper(add_sat(ACC, msf(VRA, VRB, 16), 32))', fxvmahfs],
  ['fxvmabfs', 'b', 'from-acc', 'VRT ← upper(add_sat(ACC, msf(VRA, VRB, 8), 16))', fxvmabfs],
  ['fxvmtacbf', 'b', 'to-acc', 'ACC ← VRA · 2^8, left-aligned', fxvmtacbf],
  ['fxvmtachf', 'h', 'to-acc', 'ACC ← VRA · 2^16, left-aligned', fxvmtachf],
  ['fxvmatachm', 'h', 'to-acc', 'ACC ← (VRA·VRB + ACC) mod 2^32', fxvmatachm],
  ['fxvmatacbm', 'b', 'to-acc', 'ACC ← (VRA·VRB + ACC) mod 2^16', fxvmatacbm],
  ['fxvmatachfs', 'h', 'to-acc', 'ACC ← add_sat(ACC, msf(VRA, VRB, 16), 32)', fxvmatachfs],
  ['fxvmatacbfs', 'b', 'to-acc', 'ACC ← add_sat(ACC, msf(VRA, VRB, 8), 16)', fxvmatacbfs],
  ['fxvmulhm', 'h', 'vector', 'VRT ← VRA·VRB mod 2^16', fxvmulhm],
  ['fxvmulbm', 'b', 'vector', 'VRT ← VRA·VRB mod 2^8', fxvmulbm],
  ['fxvmulhfs', 'h', 'vector', 'VRT ← upper(msf(VRA, VRB, 16))', fxvmulhfs],
  ['fxvmulbfs', 'b', 'vector', 'VRT ← upper(msf(VRA, VRB, 8))', fxvmulbfs],
  ['fxvmultachm', 'h', 'to-acc', 'ACC ← VRA·VRB mod 2^32', fxvmultachm],
  ['fxvmultacbm', 'b', 'to-acc', 'ACC ← VRA·VRB mod 2^16', fxvmultacbm],
  ['fxvmultachfs', 'h', 'to-acc', 'ACC ← msf(VRA, VRB, 16)', fxvmultachfs],
  ['fxvmultacbfs', 'b', 'to-acc', 'ACC ← msf(VRA, VRB, 8)', fxvmultacbfs],
  ['fxvinx', 'b', 'io', 'VRT ← io(ea); C > 0 writes only lanes whose condition holds', fxvinx],
  ['fxvpckbu', 'b', 'permute', 'VRT ← upper (8−C)-bit parts of the halfwords of VRA, VRB, per slice, right-aligned', fxvpckbu],
  ['fxvoutx', 'b', 'io', 'io(ea) ← VRT; C > 0 masked write', fxvoutx],
  ['fxvpckbl', 'b', 'permute', 'VRT ← lower (8−C)-bit parts of the halfwords of VRA, VRB, per slice, right-aligned', fxvpckbl],
  ['fxvsplath', 'h', 'permute', 'every halfword of VRT ← RA mod 2^16', fxvsplath],
  ['fxvsplatb', 'b', 'permute', 'every byte of VRT ← RA mod 2^8', fxvsplatb],
  ['fxvupckbr', 'h', 'permute', 'VRT ← halfwords rebuilt from bytes 8..15 of each slice of VRA (upper), VRB (lower)', fxvupckbr],
  ['fxvupckbl', 'h', 'permute', 'VRT ← halfwords rebuilt from bytes 0..7 of each slice of VRA (upper), VRB (lower)', fxvupckbl],
  ['fxvcmph', 'h', 'compare', 'VCR ← VRA (halfword) compared with 0', fxvcmph],
  ['fxvcmpb', 'b', 'compare', 'VCR ← VRA (byte) compared with 0', fxvcmpb],
  ['fxvshh', 'h', 'permute', 'VRT ← VRA << imm per halfword; imm = VRB field, −16..15, negative = logical right', fxvshh],
  ['fxvshb', 'b', 'permute', 'VRT ← VRA << imm per byte; imm = VRB field, −16..15, negative = logical right', fxvshb],
  ['fxvsel', 'b', 'permute', 'VRT ← cond ? VRB : VRA, bytewise', fxvsel],
  ['fxvsubhm', 'h', 'vector', 'VRT ← VRA − VRB mod 2^16', fxvsubhm],
  ['fxvsubbm', 'b', 'vector', 'VRT ← VRA − VRB mod 2^8', fxvsubbm],
  ['fxvsubhfs', 'h', 'vector', 'VRT ← VRA − VRB saturated to 16 bit', fxvsubhfs],
  ['fxvsubbfs', 'b', 'vector', 'VRT ← VRA − VRB saturated to 8 bit', fxvsubbfs],
  ['fxvaddactachm', 'h', 'to-acc', 'ACC ← (ACC + sext(VRA)) mod 2^32', fxvaddactachm],
  ['fxvaddactacb', 'b', 'to-acc', 'ACC ← (ACC + sext(VRA)) mod 2^16', fxvaddactacb],
  ['fxvaddactachf', 'h', 'to-acc', 'ACC ← add_sat(ACC, VRA · 2^16, 32)', fxvaddactachf],
  ['fxvaddactacbf', 'b', 'to-acc', 'ACC ← add_sat(ACC, VRA · 2^8, 16)', fxvaddactacbf],
  ['fxvaddachm', 'h', 'from-acc', 'VRT ← (sext(VRA) + ACC) mod 2^16', fxvaddachm],
  ['fxvaddacbm', 'b', 'from-acc', 'VRT ← (sext(VRA) + ACC) mod 2^8', fxvaddacbm],
  ['fxvaddachfs', 'h', 'from-acc', 'VRT ← upper(add_sat(VRA · 2^16, ACC, 32))', fxvaddachfs],
  ['fxvaddacbfs', 'b', 'from-acc', 'VRT ← upper(add_sat(VRA · 2^8, ACC, 16))', fxvaddacbfs],
  ['fxvaddtachm', 'h', 'to-acc', 'ACC ← sext(VRA) + sext(VRB)', fxvaddtachm],
  ['fxvaddtacb', 'b', 'to-acc', 'ACC ← sext(VRA) + sext(VRB)', fxvaddtacb],
  ['fxvaddhm', 'h', 'vector', 'VRT ← VRA + VRB mod 2^16', fxvaddhm],
  ['fxvaddbm', 'b', 'vector', 'VRT ← VRA + VRB mod 2^8', fxvaddbm],
  ['fxvaddhfs', 'h', 'vector', 'VRT ← VRA + VRB saturated to 16 bit', fxvaddhfs],
  ['fxvaddbfs', 'b', 'vector', 'VRT ← VRA + VRB saturated to 8 bit', fxvaddbfs],
  ['fxvlax', 'b', 'memory', 'VRT ← the 128 bytes at ea, lane k = byte ea + k', fxvlax],
  ['fxvstax', 'b', 'memory', 'the 128 bytes at ea ← VRT; C > 0 stores only lanes whose condition holds', fxvstax],
];

function conditionUse(mnemonic: string): FxvConditionUse {
  if (mnemonic === 'fxvsel') return 'select';
  return /^fxvu?pck/.test(mnemonic) ? 'size' : 'gate';
}

function fxvXo(mnemonic: string): number {
  const xo = entryByMnemonic(mnemonic)?.xo;
  if (xo === undefined) throw new Error(`FXV table: ${mnemonic} is not an FXV row of the instruction table`);
  return xo;
}

function cycleClass(kind: FxvKind): FxvCycleClass {
  return kind === 'memory' ? 'memory' : kind === 'io' ? 'synapseIo' : 'arithmetic';
}

/** The FXV instructions in XO order (§4.4). */
export const FXV_TABLE: readonly FxvRow[] = SPECS.map(([mnemonic, width, kind, summary, execute]) => ({
  xo: fxvXo(mnemonic),
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
