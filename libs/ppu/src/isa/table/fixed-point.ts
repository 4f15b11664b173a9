import { defineEntry, type Flags, type InstructionEntry, type InvalidForm } from '../instruction-entry.js';
import type { OperandSpec } from '../operand-spec.js';
import { operands as o } from '../operands.js';

// Power ISA Book I chapter 3 (fixed-point facility), the 32-bit subset a compiler for an embedded core emits
// (§4.1: the PPU's scalar core follows the PowerPC opcode numbering). Rows with Rc and OE variants are
// expanded here so every mnemonic is one row.

function rows(
  mnemonic: string,
  form: 'D' | 'X' | 'XO' | 'M',
  opcode: number,
  xo: number | undefined,
  operandList: readonly OperandSpec[],
  variants: { rc?: boolean; oe?: boolean; invalidForm?: InvalidForm } = {},
): InstructionEntry[] {
  const flagSets: { suffix: string; flags: Flags }[] = [{ suffix: '', flags: {} }];
  if (variants.oe === true) flagSets.push({ suffix: 'o', flags: { OE: 1 } });
  if (variants.rc === true) {
    for (const set of [...flagSets]) flagSets.push({ suffix: `${set.suffix}.`, flags: { ...set.flags, Rc: 1 } });
  }
  return flagSets.map(({ suffix, flags }) =>
    defineEntry({
      mnemonic: mnemonic + suffix,
      form,
      chapter: 'fixed-point',
      opcode,
      ...(xo === undefined ? {} : { xo }),
      operands: operandList,
      flags,
      ...(variants.invalidForm === undefined ? {} : { invalidForm: variants.invalidForm }),
    }),
  );
}

const arith = { rc: true, oe: true };
const logical = { rc: true };

/** Loads with update may not use RA = 0 or RA = RT (Power ISA "invalid form"). */
const loadUpdate: InvalidForm = (v) =>
  v['RA'] === 0 ? 'RA = 0 with update' : v['RA'] === v['RT'] ? 'RA = RT with update' : undefined;
/** Stores with update may not use RA = 0. */
const storeUpdate: InvalidForm = (v) => (v['RA'] === 0 ? 'RA = 0 with update' : undefined);
/** lmw may not load its own base register: RA must lie below the loaded range RT..r31. */
const loadMultiple: InvalidForm = (v) => ((v['RA'] ?? 0) >= (v['RT'] ?? 0) ? 'RA in the range RT..r31' : undefined);

const dLoadStore: [string, number, boolean, boolean][] = [
  // [mnemonic, opcode, is a load, with update]
  ['lwz', 32, true, false],
  ['lwzu', 33, true, true],
  ['lbz', 34, true, false],
  ['lbzu', 35, true, true],
  ['stw', 36, false, false],
  ['stwu', 37, false, true],
  ['stb', 38, false, false],
  ['stbu', 39, false, true],
  ['lhz', 40, true, false],
  ['lhzu', 41, true, true],
  ['lha', 42, true, false],
  ['lhau', 43, true, true],
  ['sth', 44, false, false],
  ['sthu', 45, false, true],
];

const xLoadStore: [string, number, boolean, boolean][] = [
  ['lwzx', 23, true, false],
  ['lwzux', 55, true, true],
  ['lbzx', 87, true, false],
  ['lbzux', 119, true, true],
  ['stwx', 151, false, false],
  ['stwux', 183, false, true],
  ['stbx', 215, false, false],
  ['stbux', 247, false, true],
  ['lhzx', 279, true, false],
  ['lhzux', 311, true, true],
  ['lhax', 343, true, false],
  ['lhaux', 375, true, true],
  ['sthx', 407, false, false],
  ['sthux', 439, false, true],
];

function updateRule(load: boolean, update: boolean): { invalidForm?: InvalidForm } {
  if (!update) return {};
  return { invalidForm: load ? loadUpdate : storeUpdate };
}

export const fixedPointEntries: readonly InstructionEntry[] = [
  // Arithmetic, D-form.
  ...rows('mulli', 'D', 7, undefined, [o.RT, o.RA, o.SI]),
  ...rows('subfic', 'D', 8, undefined, [o.RT, o.RA, o.SI]),
  ...rows('addic', 'D', 12, undefined, [o.RT, o.RA, o.SI]),
  ...rows('addic.', 'D', 13, undefined, [o.RT, o.RA, o.SI]),
  ...rows('addi', 'D', 14, undefined, [o.RT, o.RA0, o.SI]),
  ...rows('addis', 'D', 15, undefined, [o.RT, o.RA0, o.SI]),
  // Arithmetic, XO-form.
  ...rows('subfc', 'XO', 31, 8, [o.RT, o.RA, o.RB], arith),
  ...rows('addc', 'XO', 31, 10, [o.RT, o.RA, o.RB], arith),
  ...rows('mulhwu', 'XO', 31, 11, [o.RT, o.RA, o.RB], logical),
  ...rows('subf', 'XO', 31, 40, [o.RT, o.RA, o.RB], arith),
  ...rows('mulhw', 'XO', 31, 75, [o.RT, o.RA, o.RB], logical),
  ...rows('neg', 'XO', 31, 104, [o.RT, o.RA], arith),
  ...rows('subfe', 'XO', 31, 136, [o.RT, o.RA, o.RB], arith),
  ...rows('adde', 'XO', 31, 138, [o.RT, o.RA, o.RB], arith),
  ...rows('subfze', 'XO', 31, 200, [o.RT, o.RA], arith),
  ...rows('addze', 'XO', 31, 202, [o.RT, o.RA], arith),
  ...rows('subfme', 'XO', 31, 232, [o.RT, o.RA], arith),
  ...rows('addme', 'XO', 31, 234, [o.RT, o.RA], arith),
  ...rows('mullw', 'XO', 31, 235, [o.RT, o.RA, o.RB], arith),
  ...rows('add', 'XO', 31, 266, [o.RT, o.RA, o.RB], arith),
  ...rows('divwu', 'XO', 31, 459, [o.RT, o.RA, o.RB], arith),
  ...rows('divw', 'XO', 31, 491, [o.RT, o.RA, o.RB], arith),
  // Compare.
  ...rows('cmpli', 'D', 10, undefined, [o.BF, o.L, o.RA, o.UI]),
  ...rows('cmpi', 'D', 11, undefined, [o.BF, o.L, o.RA, o.SI]),
  ...rows('cmp', 'X', 31, 0, [o.BF, o.L, o.RA, o.RB]),
  ...rows('cmpl', 'X', 31, 32, [o.BF, o.L, o.RA, o.RB]),
  // Logical, D-form (the record forms andi./andis. have no plain variant).
  ...rows('ori', 'D', 24, undefined, [o.RA, o.RS, o.UI]),
  ...rows('oris', 'D', 25, undefined, [o.RA, o.RS, o.UI]),
  ...rows('xori', 'D', 26, undefined, [o.RA, o.RS, o.UI]),
  ...rows('xoris', 'D', 27, undefined, [o.RA, o.RS, o.UI]),
  ...rows('andi.', 'D', 28, undefined, [o.RA, o.RS, o.UI]),
  ...rows('andis.', 'D', 29, undefined, [o.RA, o.RS, o.UI]),
  // Logical and shifts, X-form.
  ...rows('slw', 'X', 31, 24, [o.RA, o.RS, o.RB], logical),
  ...rows('cntlzw', 'X', 31, 26, [o.RA, o.RS], logical),
  ...rows('and', 'X', 31, 28, [o.RA, o.RS, o.RB], logical),
  ...rows('andc', 'X', 31, 60, [o.RA, o.RS, o.RB], logical),
  ...rows('nor', 'X', 31, 124, [o.RA, o.RS, o.RB], logical),
  ...rows('eqv', 'X', 31, 284, [o.RA, o.RS, o.RB], logical),
  ...rows('xor', 'X', 31, 316, [o.RA, o.RS, o.RB], logical),
  ...rows('orc', 'X', 31, 412, [o.RA, o.RS, o.RB], logical),
  ...rows('or', 'X', 31, 444, [o.RA, o.RS, o.RB], logical),
  ...rows('nand', 'X', 31, 476, [o.RA, o.RS, o.RB], logical),
  ...rows('srw', 'X', 31, 536, [o.RA, o.RS, o.RB], logical),
  ...rows('sraw', 'X', 31, 792, [o.RA, o.RS, o.RB], logical),
  ...rows('srawi', 'X', 31, 824, [o.RA, o.RS, o.SH], logical),
  ...rows('extsh', 'X', 31, 922, [o.RA, o.RS], logical),
  ...rows('extsb', 'X', 31, 954, [o.RA, o.RS], logical),
  // Rotate, M-form.
  ...rows('rlwimi', 'M', 20, undefined, [o.RA, o.RS, o.SH, o.MB, o.ME], logical),
  ...rows('rlwinm', 'M', 21, undefined, [o.RA, o.RS, o.SH, o.MB, o.ME], logical),
  ...rows('rlwnm', 'M', 23, undefined, [o.RA, o.RS, o.RB, o.MB, o.ME], logical),
  // Loads and stores.
  ...dLoadStore.flatMap(([mnemonic, opcode, load, update]) =>
    rows(mnemonic, 'D', opcode, undefined, [load ? o.RT : o.RS, o.D, update ? o.RA : o.RA0], updateRule(load, update)),
  ),
  ...rows('lmw', 'D', 46, undefined, [o.RT, o.D, o.RA0], { invalidForm: loadMultiple }),
  ...rows('stmw', 'D', 47, undefined, [o.RS, o.D, o.RA0]),
  ...xLoadStore.flatMap(([mnemonic, xo, load, update]) =>
    rows(mnemonic, 'X', 31, xo, [load ? o.RT : o.RS, update ? o.RA : o.RA0, o.RB], updateRule(load, update)),
  ),
];
