import type { OperandValues } from '../isa/instruction-entry.js';
import { entryByMnemonic } from '../isa/instruction-table.js';
import type { OperandSpec } from '../isa/operand-spec.js';
import { operands as o, sprNumber } from '../isa/operands.js';
import { baseEntry, type SyntaxForm } from './syntax-form.js';

// The simplified mnemonics of Power ISA Book I Appendix C for the scalar (non-branch) rows. Forms with a
// `fromBase` are the ones `objdump -m powerpc:common` prints, listed in the order it prefers them; the
// others are accepted by the assembler only, as GNU as accepts them.

type Mapping = (values: OperandValues) => OperandValues;
type Unmapping = (values: OperandValues) => OperandValues | undefined;

function form(name: string, base: string, operandList: readonly OperandSpec[], toBase: Mapping, fromBase?: Unmapping): SyntaxForm {
  return { name, base: baseEntry(base), operands: operandList, toBase, fromBase, hint: undefined };
}

/** The form and, when the base row has a record variant (`or.`), the same form with a `.` suffix. */
function withRecord(name: string, base: string, operandList: readonly OperandSpec[], toBase: Mapping, fromBase?: Unmapping): SyntaxForm[] {
  const forms = [form(name, base, operandList, toBase, fromBase)];
  if (entryByMnemonic(`${base}.`) !== undefined) forms.push(form(`${name}.`, `${base}.`, operandList, toBase, fromBase));
  return forms;
}

const v = (values: OperandValues, name: string): number => values[name] ?? 0;

/** An operand only the text has (a shift count `n`, a bit number `b`); the base row's fields check its range. */
const n: OperandSpec = { name: 'n', kind: 'imm', bits: [{ first: 0, width: 6 }], signed: false, scaleLog2: 0 };
const b: OperandSpec = { ...n, name: 'b' };
/** The CR field of cmpw and friends, omitted in text when cr0. */
const optionalBF: OperandSpec = { ...o.BF, optionalDefault: 0 };

/** `rlwinm` / `rlwimi` operand values from shift and mask. */
const rotate = (values: OperandValues, sh: number, mb: number, me: number): OperandValues => ({
  RA: v(values, 'RA'),
  RS: v(values, 'RS'),
  SH: sh,
  MB: mb,
  ME: me,
});

function compareForms(name: string, base: string, third: OperandSpec): SyntaxForm {
  return form(name, base, [optionalBF, o.RA, third], (x) => ({ ...x, L: 0 }), ({ L: _l, ...rest }) => rest);
}

function sprForms(spr: keyof typeof sprNumber): SyntaxForm[] {
  const number = sprNumber[spr];
  return [
    form(`mt${spr}`, 'mtspr', [o.RS], (x) => ({ SPR: number, RS: v(x, 'RS') }), (x) => (x['SPR'] === number ? { RS: v(x, 'RS') } : undefined)),
    form(`mf${spr}`, 'mfspr', [o.RT], (x) => ({ RT: v(x, 'RT'), SPR: number }), (x) => (x['SPR'] === number ? { RT: v(x, 'RT') } : undefined)),
  ];
}

function crForms(name: string, base: string, sameSources: boolean): SyntaxForm {
  if (sameSources) {
    // crmove/crnot: BT ← f(BA, BA).
    return form(name, base, [o.BT, o.BA], (x) => ({ ...x, BB: v(x, 'BA') }), (x) => (x['BA'] === x['BB'] ? { BT: v(x, 'BT'), BA: v(x, 'BA') } : undefined));
  }
  // crclr/crset: BT ← f(BT, BT).
  return form(name, base, [o.BT], (x) => ({ BT: v(x, 'BT'), BA: v(x, 'BT'), BB: v(x, 'BT') }), (x) =>
    x['BA'] === x['BT'] && x['BB'] === x['BT'] ? { BT: v(x, 'BT') } : undefined,
  );
}

const negate = (field: string): Mapping => (x) => ({ ...x, [field]: -v(x, field) });

export const scalarSimplifiedMnemonics: readonly SyntaxForm[] = [
  // Printed by objdump.
  form('nop', 'ori', [], () => ({ RA: 0, RS: 0, UI: 0 }), (x) => (x['RA'] === 0 && x['RS'] === 0 && x['UI'] === 0 ? {} : undefined)),
  form('li', 'addi', [o.RT, o.SI], (x) => ({ ...x, RA: 0 }), ({ RA, ...rest }) => (RA === 0 ? rest : undefined)),
  form('lis', 'addis', [o.RT, o.SI], (x) => ({ ...x, RA: 0 }), ({ RA, ...rest }) => (RA === 0 ? rest : undefined)),
  ...withRecord('mr', 'or', [o.RA, o.RS], (x) => ({ ...x, RB: v(x, 'RS') }), ({ RB, ...rest }) => (RB === rest['RS'] ? rest : undefined)),
  ...withRecord('not', 'nor', [o.RA, o.RS], (x) => ({ ...x, RB: v(x, 'RS') }), ({ RB, ...rest }) => (RB === rest['RS'] ? rest : undefined)),
  ...withRecord('rotlwi', 'rlwinm', [o.RA, o.RS, n], (x) => rotate(x, v(x, 'n'), 0, 31), (x) =>
    x['MB'] === 0 && x['ME'] === 31 ? { RA: v(x, 'RA'), RS: v(x, 'RS'), n: v(x, 'SH') } : undefined,
  ),
  ...withRecord('clrlwi', 'rlwinm', [o.RA, o.RS, n], (x) => rotate(x, 0, v(x, 'n'), 31), (x) =>
    x['SH'] === 0 && x['ME'] === 31 ? { RA: v(x, 'RA'), RS: v(x, 'RS'), n: v(x, 'MB') } : undefined,
  ),
  ...withRecord('slwi', 'rlwinm', [o.RA, o.RS, n], (x) => rotate(x, v(x, 'n'), 0, 31 - v(x, 'n')), (x) =>
    x['MB'] === 0 && x['ME'] === 31 - v(x, 'SH') ? { RA: v(x, 'RA'), RS: v(x, 'RS'), n: v(x, 'SH') } : undefined,
  ),
  ...withRecord('srwi', 'rlwinm', [o.RA, o.RS, n], (x) => rotate(x, (32 - v(x, 'n')) & 31, v(x, 'n'), 31), (x) =>
    x['ME'] === 31 && x['SH'] === 32 - v(x, 'MB') ? { RA: v(x, 'RA'), RS: v(x, 'RS'), n: v(x, 'MB') } : undefined,
  ),
  ...withRecord('clrrwi', 'rlwinm', [o.RA, o.RS, n], (x) => rotate(x, 0, 0, 31 - v(x, 'n')), (x) =>
    x['SH'] === 0 && x['MB'] === 0 ? { RA: v(x, 'RA'), RS: v(x, 'RS'), n: 31 - v(x, 'ME') } : undefined,
  ),
  ...withRecord('rotlw', 'rlwnm', [o.RA, o.RS, o.RB], (x) => ({ ...x, MB: 0, ME: 31 }), ({ MB, ME, ...rest }) =>
    MB === 0 && ME === 31 ? rest : undefined,
  ),
  compareForms('cmpw', 'cmp', o.RB),
  compareForms('cmpwi', 'cmpi', o.SI),
  compareForms('cmplw', 'cmpl', o.RB),
  compareForms('cmplwi', 'cmpli', o.UI),
  form('mtcr', 'mtcrf', [o.RS], (x) => ({ FXM: 255, RS: v(x, 'RS') }), (x) => (x['FXM'] === 255 ? { RS: v(x, 'RS') } : undefined)),
  ...sprForms('xer'),
  ...sprForms('lr'),
  ...sprForms('ctr'),
  form('mftbu', 'mftb', [o.RT], (x) => ({ RT: v(x, 'RT'), TBR: 269 }), (x) => (x['TBR'] === 269 ? { RT: v(x, 'RT') } : undefined)),
  crForms('crclr', 'crxor', false),
  crForms('crset', 'creqv', false),
  crForms('crmove', 'cror', true),
  crForms('crnot', 'crnor', true),
  // objdump's default dialect names sync with L = 0 `hwsync`.
  form('hwsync', 'sync', [], () => ({}), () => ({})),

  // Accepted by the assembler only.
  form('la', 'addi', [o.RT, o.D, o.RA0], (x) => ({ RT: v(x, 'RT'), RA: v(x, 'RA'), SI: v(x, 'D') })),
  form('subi', 'addi', [o.RT, o.RA0, o.SI], negate('SI')),
  form('subis', 'addis', [o.RT, o.RA0, o.SI], negate('SI')),
  form('subic', 'addic', [o.RT, o.RA, o.SI], negate('SI')),
  form('subic.', 'addic.', [o.RT, o.RA, o.SI], negate('SI')),
  ...['', 'o', '.', 'o.'].flatMap((suffix) => [
    form(`sub${suffix}`, `subf${suffix}`, [o.RT, o.RA, o.RB], (x) => ({ RT: v(x, 'RT'), RA: v(x, 'RB'), RB: v(x, 'RA') })),
    form(`subc${suffix}`, `subfc${suffix}`, [o.RT, o.RA, o.RB], (x) => ({ RT: v(x, 'RT'), RA: v(x, 'RB'), RB: v(x, 'RA') })),
  ]),
  ...withRecord('extlwi', 'rlwinm', [o.RA, o.RS, n, b], (x) => rotate(x, v(x, 'b'), 0, v(x, 'n') - 1)),
  ...withRecord('rotrwi', 'rlwinm', [o.RA, o.RS, n], (x) => rotate(x, (32 - v(x, 'n')) & 31, 0, 31)),
];
