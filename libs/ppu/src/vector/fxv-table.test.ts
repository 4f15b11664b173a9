import { describe, expect, it } from 'vitest';
import { FXV_BY_XO, FXV_CYCLES, FXV_TABLE } from './fxv-table.js';

// Golden copy of the §4.4 opcode table (mnemonic, XO), typed in from the reference, and the §10.8 cycle costs.
const GOLDEN: readonly (readonly [string, number])[] = [
  ['fxvmahm', 12], ['fxvmabm', 13], ['fxvmtacb', 14], ['fxvmtach', 15], ['fxvmahfs', 28], ['fxvmabfs', 29],
  ['fxvmtacbf', 30], ['fxvmtachf', 31], ['fxvmatachm', 44], ['fxvmatacbm', 45], ['fxvmatachfs', 60],
  ['fxvmatacbfs', 61], ['fxvmulhm', 76], ['fxvmulbm', 77], ['fxvmulhfs', 92], ['fxvmulbfs', 93],
  ['fxvmultachm', 108], ['fxvmultacbm', 109], ['fxvmultachfs', 124], ['fxvmultacbfs', 125], ['fxvinx', 236],
  ['fxvpckbu', 239], ['fxvoutx', 252], ['fxvpckbl', 255], ['fxvsplath', 268], ['fxvsplatb', 269],
  ['fxvupckbr', 271], ['fxvupckbl', 287], ['fxvcmph', 300], ['fxvcmpb', 301], ['fxvshh', 316], ['fxvshb', 317],
  ['fxvsel', 319], ['fxvsubhm', 332], ['fxvsubbm', 333], ['fxvsubhfs', 348], ['fxvsubbfs', 349],
  ['fxvaddactachm', 364], ['fxvaddactacb', 365], ['fxvaddactachf', 380], ['fxvaddactacbf', 381],
  ['fxvaddachm', 396], ['fxvaddacbm', 397], ['fxvaddachfs', 412], ['fxvaddacbfs', 413], ['fxvaddtachm', 428],
  ['fxvaddtacb', 429], ['fxvaddhm', 460], ['fxvaddbm', 461], ['fxvaddhfs', 476], ['fxvaddbfs', 477],
  ['fxvlax', 492], ['fxvstax', 508],
];

describe('FXV_TABLE', () => {
  it('lists exactly the §4.4 rows with their XOs', () => {
    expect(FXV_TABLE.map((r) => [r.mnemonic, r.xo])).toEqual(GOLDEN);
  });

  it('indexes every row by XO and nothing else', () => {
    expect(FXV_BY_XO.length).toBe(512);
    expect(FXV_BY_XO.filter((r) => r !== undefined).length).toBe(GOLDEN.length);
    for (const row of FXV_TABLE) expect(FXV_BY_XO[row.xo]).toBe(row);
  });

  it('costs 2 cycles per register op, 4 per fxvlax/fxvstax, 8 per synapse I/O (§10.8)', () => {
    const cost = (m: string) => FXV_CYCLES[FXV_TABLE.find((r) => r.mnemonic === m)!.cycles];
    expect([cost('fxvaddbfs'), cost('fxvsel'), cost('fxvpckbu'), cost('fxvlax'), cost('fxvstax'), cost('fxvinx'), cost('fxvoutx')]).toEqual([2, 2, 2, 4, 4, 8, 8]);
    expect([FXV_CYCLES.cadcConversion, FXV_CYCLES.externalSram, FXV_CYCLES.externalDram]).toEqual([135, 100, 600]);
  });

  it('reads C as a size only for pack/unpack and as selector only for fxvsel', () => {
    const uses = (u: string) => FXV_TABLE.filter((r) => r.condition === u).map((r) => r.mnemonic);
    expect(uses('size')).toEqual(['fxvpckbu', 'fxvpckbl', 'fxvupckbr', 'fxvupckbl']);
    expect(uses('select')).toEqual(['fxvsel']);
  });
});
