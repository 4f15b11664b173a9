import type { Token } from './lexer.js';

// Expressions of GNU as: integers, symbols, `.` (the current address), local label references, unary - ~ !,
// and binary operators with gas's precedence (highest first: * / % << >>, then | & ^, then + -). A relocation
// suffix `@l`, `@h` or `@ha` (or the functions lo(), hi(), ha()) takes 16 bits of the value, as
// `lis r3, sym@ha; addi r3, r3, sym@l` needs.

/** The 16-bit parts GNU as's PowerPC relocation operators select. */
export type HalfSelector = 'l' | 'h' | 'ha';

export type Expression =
  | { readonly type: 'number'; readonly value: number; readonly column: number }
  | { readonly type: 'symbol'; readonly name: string; readonly column: number }
  | { readonly type: 'localRef'; readonly label: string; readonly forward: boolean; readonly column: number }
  | { readonly type: 'unary'; readonly op: string; readonly operand: Expression; readonly column: number }
  | { readonly type: 'binary'; readonly op: string; readonly left: Expression; readonly right: Expression; readonly column: number }
  | { readonly type: 'half'; readonly selector: HalfSelector; readonly operand: Expression; readonly column: number };

/** A malformed expression or one that cannot be evaluated, at a 1-based column. */
export class ExpressionError extends Error {
  constructor(
    readonly kind: 'syntax' | 'undefined-symbol' | 'division-by-zero',
    readonly column: number,
    message: string,
  ) {
    super(message);
  }
}

const precedence: Readonly<Record<string, number>> = {
  '*': 3, '/': 3, '%': 3, '<<': 3, '>>': 3,
  '|': 2, '&': 2, '^': 2,
  '+': 1, '-': 1,
};

const halfSelectors: readonly string[] = ['l', 'h', 'ha'];

/** Parses a whole token list as one expression (with an optional trailing `@l`/`@h`/`@ha`). */
export function parseExpression(tokens: readonly Token[], endColumn: number): Expression {
  let position = 0;
  const peek = (): Token | undefined => tokens[position];
  const fail = (message: string): never => {
    throw new ExpressionError('syntax', peek()?.column ?? endColumn, message);
  };

  const primary = (): Expression => {
    const token = peek();
    if (token === undefined) return fail('expected an expression');
    position++;
    if (token.kind === 'number') return { type: 'number', value: token.value!, column: token.column };
    if (token.kind === 'localRef') {
      return { type: 'localRef', label: token.text.slice(0, -1), forward: token.text.endsWith('f'), column: token.column };
    }
    if (token.kind === 'ident') {
      if (halfSelectors.includes(selectorOfFunction(token.text)) && peek()?.text === '(') {
        const inner = primary();
        return { type: 'half', selector: selectorOfFunction(token.text) as HalfSelector, operand: inner, column: token.column };
      }
      return { type: 'symbol', name: token.text, column: token.column };
    }
    if (token.text === '(') {
      const inner = binary(0);
      if (peek()?.text !== ')') fail("expected ')'");
      position++;
      return inner;
    }
    if (token.text === '-' || token.text === '~' || token.text === '!' || token.text === '+') {
      return { type: 'unary', op: token.text, operand: primary(), column: token.column };
    }
    position--;
    return fail(`unexpected '${token.text}'`);
  };

  const binary = (minPrecedence: number): Expression => {
    let left = primary();
    for (;;) {
      const token = peek();
      const level = token === undefined ? undefined : precedence[token.text];
      if (token === undefined || token.kind !== 'punct' || level === undefined || level < minPrecedence) {
        return left;
      }
      position++;
      left = { type: 'binary', op: token.text, left, right: binary(level + 1), column: token.column };
    }
  };

  let expression = binary(0);
  if (peek()?.text === '@') {
    const at = peek()!;
    position++;
    const selector = peek();
    if (selector === undefined || !halfSelectors.includes(selector.text)) fail('expected @l, @h or @ha');
    position++;
    expression = { type: 'half', selector: selector!.text as HalfSelector, operand: expression, column: at.column };
  }
  if (position < tokens.length) fail(`unexpected '${peek()!.text}'`);
  return expression;
}

/** `lo(x)`, `hi(x)`, `ha(x)` name the same selections as `x@l`, `x@h`, `x@ha`. */
function selectorOfFunction(name: string): string {
  return name === 'lo' ? 'l' : name === 'hi' ? 'h' : name;
}

/** How an expression's names resolve; `undefined` means the symbol is not (yet) defined. */
export interface SymbolScope {
  readonly symbol: (name: string) => number | undefined;
  readonly localLabel: (label: string, forward: boolean) => number | undefined;
}

/** An evaluated expression; `half` marks a 16-bit relocation selection, which fits any 16-bit field. */
export interface ExpressionValue {
  readonly value: number;
  readonly half: boolean;
}

/** Evaluates with 32-bit two's complement wrap-around for the bitwise operators, like gas on a 32-bit target. */
export function evaluate(expression: Expression, scope: SymbolScope): ExpressionValue {
  const value = (e: Expression): number => {
    switch (e.type) {
      case 'number':
        return e.value;
      case 'symbol': {
        const resolved = scope.symbol(e.name);
        if (resolved === undefined) throw new ExpressionError('undefined-symbol', e.column, `undefined symbol '${e.name}'`);
        return resolved;
      }
      case 'localRef': {
        const resolved = scope.localLabel(e.label, e.forward);
        const direction = e.forward ? 'forward' : 'backward';
        if (resolved === undefined) {
          throw new ExpressionError('undefined-symbol', e.column, `no ${direction} local label '${e.label}'`);
        }
        return resolved;
      }
      case 'unary': {
        const operand = value(e.operand);
        return e.op === '-' ? -operand : e.op === '~' ? ~operand : e.op === '!' ? Number(operand === 0) : operand;
      }
      case 'binary':
        return applyBinary(e.op, value(e.left), value(e.right), e.column);
      case 'half':
        return selectHalf(e.selector, value(e.operand));
    }
  };
  return { value: value(expression), half: expression.type === 'half' };
}

function applyBinary(op: string, a: number, b: number, column: number): number {
  switch (op) {
    case '+':
      return a + b;
    case '-':
      return a - b;
    case '*':
      return a * b;
    case '/':
    case '%':
      if (b === 0) throw new ExpressionError('division-by-zero', column, 'division by zero');
      return op === '/' ? Math.trunc(a / b) : a % b;
    case '<<':
      return a << b;
    case '>>':
      return a >> b;
    case '&':
      return a & b;
    case '|':
      return a | b;
    default:
      return a ^ b;
  }
}

/** The 16-bit selections of the PowerPC ELF ABI: low half, high half, high half adjusted for a signed low half. */
function selectHalf(selector: HalfSelector, value: number): number {
  const word = value >>> 0;
  if (selector === 'l') return word & 0xffff;
  if (selector === 'h') return word >>> 16;
  return ((word + 0x8000) >>> 16) & 0xffff;
}
