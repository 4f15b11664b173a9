import { encodeInstruction } from '../isa/encode.js';
import type { OperandValues } from '../isa/instruction-entry.js';
import { IsaError } from '../isa/isa-error.js';
import type { OperandSpec } from '../isa/operand-spec.js';
import { evaluate, ExpressionError, parseExpression, type SymbolScope } from './expression.js';
import type { Token } from './lexer.js';
import { syntaxFormByName } from './mnemonics.js';
import { isAbsoluteBranch, registerSymbolsOf } from './operand-syntax.js';
import type { OperandText } from './source-statements.js';
import { StatementError } from './statement-error.js';
import type { SyntaxForm } from './syntax-form.js';

// One instruction statement → one word: pick the syntax form, match the written operands to its operand list
// (an optional operand may be left out, `D(RA)` fills two), evaluate each expression with the register names
// of its kind, map to the row's operands and encode. Range errors come from the table's encoder.

/** An instruction statement as the source parser delivers it. */
export interface InstructionText {
  readonly name: string;
  readonly column: number;
  readonly hint: '+' | '-' | undefined;
  readonly operands: readonly OperandText[];
  readonly endColumn: number;
}

/** A slot of the written operand list: one operand, or the two of `D(RA)`. */
type Slot = readonly [OperandSpec] | readonly [OperandSpec, OperandSpec];

function slotsOf(form: SyntaxForm): Slot[] {
  const slots: Slot[] = [];
  for (let i = 0; i < form.operands.length; i++) {
    const spec = form.operands[i]!;
    slots.push(spec.kind === 'disp' ? [spec, form.operands[++i]!] : [spec]);
  }
  return slots;
}

/** Signed 16-bit view of a 16-bit pattern (for `@l`/`@ha` in a signed field). */
const signed16 = (value: number): number => ((value & 0xffff) ^ 0x8000) - 0x8000;

/** The instructions whose signed 16-bit immediate also accepts 0x8000..0xffff, as in GNU as (`lis r3,0xffff`). */
const signOptional = new Set(['addis', 'lis']);

function evaluateOperand(
  spec: OperandSpec,
  tokens: readonly Token[],
  endColumn: number,
  form: SyntaxForm,
  address: number,
  scope: SymbolScope,
): number {
  const registers = registerSymbolsOf(spec.kind);
  const kindScope: SymbolScope = {
    symbol: (name) => registers.get(name) ?? scope.symbol(name),
    localLabel: scope.localLabel,
  };
  const { value, half } = evaluate(parseExpression(tokens, endColumn), kindScope);
  if (spec.kind === 'branch') return isAbsoluteBranch(form.base) ? value | 0 : (value - address) | 0;
  const width = spec.bits.reduce((sum, range) => sum + range.width, 0);
  if (half && width === 16) return spec.signed ? signed16(value) : value & 0xffff;
  if (signOptional.has(form.name) && spec.name === 'SI' && value >= 0x8000 && value <= 0xffff) return value - 0x10000;
  return value;
}

/** Splits `D(RA)` into the displacement tokens and the register tokens. */
function splitDisplacement(operand: OperandText): [readonly Token[], readonly Token[]] {
  const tokens = operand.tokens;
  if (tokens[tokens.length - 1]?.text !== ')') {
    throw new StatementError('syntax', operand.column, 'expected a memory operand D(RA)');
  }
  let depth = 0;
  for (let i = tokens.length - 1; i >= 0; i--) {
    if (tokens[i]!.text === ')') depth++;
    if (tokens[i]!.text === '(' && --depth === 0) return [tokens.slice(0, i), tokens.slice(i + 1, -1)];
  }
  throw new StatementError('syntax', operand.column, "unbalanced '('");
}

/** Sets the y bit of BO from a `+`/`-` hint the way `as -mppc` does (pre-v2 static prediction). */
function applyHint(form: SyntaxForm, hint: '+' | '-', values: OperandValues): OperandValues {
  const bo = values['BO'] ?? 0;
  const taken = hint === '+';
  const y =
    form.hint === 'register' ? taken : taken === (values['BD'] ?? 0) >= 0;
  return { ...values, BO: y ? bo | 1 : bo };
}

function describeCount(slots: readonly Slot[]): string {
  const optional = slots.filter(([spec]) => spec.optionalDefault !== undefined).length;
  return optional === 0 ? String(slots.length) : `${slots.length - optional} or ${slots.length}`;
}

/** Encodes one instruction statement at `address`; throws `StatementError`. */
export function assembleInstruction(text: InstructionText, address: number, scope: SymbolScope): number {
  const form = syntaxFormByName(text.name);
  if (form === undefined) throw new StatementError('unknown-mnemonic', text.column, `unknown mnemonic '${text.name}'`);
  if (text.hint !== undefined && form.hint === undefined) {
    throw new StatementError('bad-hint', text.column, `'${text.name}' takes no '${text.hint}' prediction hint`);
  }
  const slots = slotsOf(form);
  const optionalSlots = slots.filter(([spec]) => spec.optionalDefault !== undefined);
  const written = text.operands.length === slots.length ? slots : slots.filter((slot) => !optionalSlots.includes(slot));
  if (written.length !== text.operands.length) {
    throw new StatementError(
      'operand-count',
      text.column,
      `'${text.name}' takes ${describeCount(slots)} operands, got ${text.operands.length}`,
    );
  }

  const values: Record<string, number> = {};
  const columns = new Map<string, number>();
  written.forEach((slot, index) => {
    const operand = text.operands[index]!;
    try {
      if (slot.length === 2) {
        const [displacement, register] = splitDisplacement(operand);
        values[slot[0].name] = displacement.length === 0 ? 0 : evaluateOperand(slot[0], displacement, operand.endColumn, form, address, scope);
        values[slot[1].name] = evaluateOperand(slot[1], register, operand.endColumn, form, address, scope);
        columns.set(slot[1].name, register[0]?.column ?? operand.column);
      } else {
        values[slot[0].name] = evaluateOperand(slot[0], operand.tokens, operand.endColumn, form, address, scope);
      }
      columns.set(slot[0].name, operand.column);
    } catch (error) {
      if (error instanceof ExpressionError) throw new StatementError(error.kind, error.column, error.message);
      throw error;
    }
  });
  for (const [spec] of optionalSlots) if (!(spec.name in values)) values[spec.name] = spec.optionalDefault!;

  const base = form.toBase(values);
  try {
    return encodeInstruction(form.base, text.hint === undefined ? base : applyHint(form, text.hint, base));
  } catch (error) {
    if (!(error instanceof IsaError)) throw error;
    const prefix = form.name === form.base.mnemonic ? '' : `${form.name}: `;
    const column = (error.operand === undefined ? undefined : columns.get(error.operand)) ?? text.column;
    const code = error.code === 'invalid-form' ? 'invalid-form' : 'out-of-range';
    throw new StatementError(code, column, prefix + error.message);
  }
}
