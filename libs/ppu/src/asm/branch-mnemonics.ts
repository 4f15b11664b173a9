import type { OperandValues } from '../isa/instruction-entry.js';
import type { OperandSpec } from '../isa/operand-spec.js';
import { operands as o } from '../isa/operands.js';
import { baseEntry, type SyntaxForm } from './syntax-form.js';

// Branch simplified mnemonics (Power ISA Book I Appendix C.2), generated from the BO encodings: BO 12 branches
// when the CR bit is set, BO 4 when it is clear, 16/18 decrement CTR and branch on ≠ 0 / = 0, 8/0/10/2 combine
// both, 20 branches always. The y bit (BO & 1) is the static prediction hint of pre-v2 PowerPC; objdump's
// default dialect does not print it, so every form here accepts BO and BO + 1 when disassembling.

/** The target field of each branch row and what the mnemonic appends for it. */
const targets = [
  { suffix: '', base: 'bc', hint: 'displacement' },
  { suffix: 'a', base: 'bca', hint: 'displacement' },
  { suffix: 'l', base: 'bcl', hint: 'displacement' },
  { suffix: 'la', base: 'bcla', hint: 'displacement' },
  { suffix: 'lr', base: 'bclr', hint: 'register' },
  { suffix: 'lrl', base: 'bclrl', hint: 'register' },
  { suffix: 'ctr', base: 'bcctr', hint: 'register' },
  { suffix: 'ctrl', base: 'bcctrl', hint: 'register' },
] as const;

type Target = (typeof targets)[number];

const hasDisplacement = (target: Target): boolean => target.hint === 'displacement';

/** The CR field of a conditional branch, omitted in text when cr0. */
const optionalCR: OperandSpec = { ...o.BF, name: 'CR', optionalDefault: 0 };

/** [name, BO, CR bit]; objdump prints the first name of each (BO, bit) pair. */
const conditions: readonly [string, number, number][] = [
  ['lt', 12, 0],
  ['le', 4, 1],
  ['eq', 12, 2],
  ['ge', 4, 0],
  ['gt', 12, 1],
  ['ne', 4, 2],
  ['so', 12, 3],
  ['ns', 4, 3],
  ['nl', 4, 0],
  ['ng', 4, 1],
  ['un', 12, 3],
  ['nu', 4, 3],
];

const printed = new Set(['lt', 'le', 'eq', 'ge', 'gt', 'ne', 'so', 'ns']);

const bd = (x: OperandValues): OperandValues => (x['BD'] === undefined ? {} : { BD: x['BD'] });
const hintedBO = (x: OperandValues, bo: number): boolean => x['BO'] === bo || x['BO'] === bo + 1;

function conditionForm([cond, bo, bit]: [string, number, number], target: Target): SyntaxForm {
  return {
    name: `b${cond}${target.suffix}`,
    base: baseEntry(target.base),
    operands: hasDisplacement(target) ? [optionalCR, o.BD] : [optionalCR],
    toBase: (x) => ({ BO: bo, BI: (x['CR'] ?? 0) * 4 + bit, ...bd(x) }),
    fromBase: printed.has(cond)
      ? (x) => (hintedBO(x, bo) && ((x['BI'] ?? 0) & 3) === bit ? { CR: (x['BI'] ?? 0) >> 2, ...bd(x) } : undefined)
      : undefined,
    hint: target.hint,
  };
}

/** bdnzt/bdnzf/bdzt/bdzf: decrement CTR and test a CR bit given as an operand. */
function ctrConditionForm(name: string, bo: number, target: Target): SyntaxForm {
  return {
    name: `${name}${target.suffix}`,
    base: baseEntry(target.base),
    operands: hasDisplacement(target) ? [o.BI, o.BD] : [o.BI],
    toBase: (x) => ({ BO: bo, BI: x['BI'] ?? 0, ...bd(x) }),
    fromBase: (x) => (hintedBO(x, bo) ? { BI: x['BI'] ?? 0, ...bd(x) } : undefined),
    hint: target.hint,
  };
}

/** Forms with a fixed BO and BI = 0: bdnz/bdz (no hint: BO 17/19 are reserved in v2) and blr/bctr. */
function fixedForm(name: string, bo: number, target: Target): SyntaxForm {
  return {
    name: `${name}${target.suffix}`,
    base: baseEntry(target.base),
    operands: hasDisplacement(target) ? [o.BD] : [],
    toBase: (x) => ({ BO: bo, BI: 0, ...bd(x) }),
    fromBase: (x) => (x['BO'] === bo && x['BI'] === 0 ? bd(x) : undefined),
    hint: undefined,
  };
}

const ctrTargets = targets.filter((target) => target.base !== 'bcctr' && target.base !== 'bcctrl');

export const branchSimplifiedMnemonics: readonly SyntaxForm[] = [
  fixedForm('b', 20, targets[4]),
  fixedForm('b', 20, targets[5]),
  fixedForm('b', 20, targets[6]),
  fixedForm('b', 20, targets[7]),
  ...ctrTargets.map((target) => fixedForm('bdnz', 16, target)),
  ...ctrTargets.map((target) => fixedForm('bdz', 18, target)),
  ...ctrTargets.flatMap((target) => [
    ctrConditionForm('bdnzt', 8, target),
    ctrConditionForm('bdnzf', 0, target),
    ctrConditionForm('bdzt', 10, target),
    ctrConditionForm('bdzf', 2, target),
  ]),
  ...conditions.flatMap((condition) => targets.map((target) => conditionForm(condition, target))),
];
