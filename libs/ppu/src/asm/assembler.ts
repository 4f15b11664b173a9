import { entryByMnemonic } from '../isa/instruction-table.js';
import { encodeInstruction } from '../isa/encode.js';
import { AsmError, type AsmDiagnostic, type AsmErrorCode } from './asm-error.js';
import { assignmentDirectives, dataDirectives, dataRange, globalDirectives, spaceDirectives } from './directives.js';
import { evaluate, ExpressionError, parseExpression, type SymbolScope } from './expression.js';
import { assembleInstruction } from './instruction-operands.js';
import { parseSource, type OperandText, type Statement } from './source-statements.js';
import { StatementError } from './statement-error.js';

// The two-pass assembler. Pass 1 lays out both sections and defines every label; pass 2 evaluates operands
// (forward references are resolved by then) and writes the big-endian image. Layout (reference §4.8: the
// program is loaded at address 0): `.text` starts at 0, `.data` follows the end of `.text`, aligned to the
// largest `.align` used in `.data` (at least 4). `.org` is relative to the start of its section.

export type SectionName = 'text' | 'data';

/** A symbol of the assembled program. */
export interface AsmSymbol {
  readonly name: string;
  /** Address for labels, the value for `.equ`/`.set` symbols. */
  readonly value: number;
  readonly section: SectionName | 'absolute';
  readonly global: boolean;
}

/** The source line of each instruction word, for listings and the simulator's debugger. */
export interface SourceLine {
  readonly address: number;
  readonly line: number;
}

export interface AssembledProgram {
  /** Flat big-endian image: `.text` at address 0, then `.data`. */
  readonly image: Uint8Array;
  readonly textSize: number;
  readonly dataAddress: number;
  readonly dataSize: number;
  readonly symbols: ReadonlyMap<string, AsmSymbol>;
  readonly sourceLines: readonly SourceLine[];
}

export interface AssembleOptions {
  /** The name diagnostics carry (default `<source>`). */
  readonly file?: string;
  /** Stop collecting diagnostics after this many (default 50). */
  readonly maxErrors?: number;
}

export type AssembleResult =
  | { readonly ok: true; readonly value: AssembledProgram }
  | { readonly ok: false; readonly errors: readonly AsmDiagnostic[] };

/** Where a statement starts, as pass 1 laid it out. */
interface Placement {
  readonly section: SectionName;
  readonly offset: number;
}

/** Padding pass 1 decided on (`.align`, `.space`, `.org`); pass 2 writes it. */
interface Fill extends Placement {
  readonly length: number;
  /** `undefined` (alignment): zero bytes in .data, `nop` words in aligned .text (what gas writes). */
  readonly value: number | undefined;
}

const nopWord = encodeInstruction(entryByMnemonic('ori')!, { RA: 0, RS: 0, UI: 0 });

class Assembly {
  readonly diagnostics: AsmDiagnostic[] = [];
  private readonly labels = new Map<string, Placement>();
  private readonly locals = new Map<string, { index: number; at: Placement }[]>();
  private readonly values = new Map<string, number>();
  private readonly pendingAssignments: { name: string; operand: OperandText; line: number }[] = [];
  private readonly globals = new Map<string, { line: number; column: number }>();
  private readonly placements: Placement[] = [];
  /** Statements pass 1 rejected; pass 2 skips them (their size is unknown). */
  private readonly rejected = new Set<number>();
  private readonly fills: Fill[] = [];
  private readonly size: Record<SectionName, number> = { text: 0, data: 0 };
  private dataAlignment = 4;
  private dataAddress = 0;

  constructor(
    private readonly file: string,
    private readonly maxErrors: number,
  ) {}

  report(code: AsmErrorCode, line: number, column: number, message: string): void {
    if (this.diagnostics.length < this.maxErrors) this.diagnostics.push({ code, file: this.file, line, column, message });
  }

  /** Runs `step`, turning a statement or expression error into a diagnostic of `line`; false if it failed. */
  private guard(line: number, step: () => void): boolean {
    try {
      step();
      return true;
    } catch (error) {
      if (error instanceof StatementError || error instanceof ExpressionError) {
        const code = error instanceof StatementError ? error.code : error.kind;
        this.report(code, line, error.column, error.message);
        return false;
      } else {
        throw error;
      }
    }
  }

  private address(at: Placement): number {
    return (at.section === 'text' ? 0 : this.dataAddress) + at.offset;
  }

  private scope(index: number, at: Placement | undefined): SymbolScope {
    return {
      symbol: (name) => {
        if (name === '.' && at !== undefined) return this.address(at);
        const label = this.labels.get(name);
        return label !== undefined ? this.address(label) : this.values.get(name);
      },
      localLabel: (label, forward) => {
        const definitions = this.locals.get(label) ?? [];
        const found = forward ? definitions.find((d) => d.index > index) : definitions.findLast((d) => d.index <= index);
        return found === undefined ? undefined : this.address(found.at);
      },
    };
  }

  /** Evaluates a first-pass argument: only numbers and symbols assigned earlier count. */
  private absolute(operand: OperandText): number {
    const firstPassScope: SymbolScope = { symbol: (name) => this.values.get(name), localLabel: () => undefined };
    try {
      return evaluate(parseExpression(operand.tokens, operand.endColumn), firstPassScope).value;
    } catch (error) {
      if (error instanceof ExpressionError && error.kind === 'undefined-symbol') {
        throw new StatementError('not-absolute', error.column, `${error.message}: this argument must be known in the first pass`);
      }
      throw error;
    }
  }

  layout(statements: readonly Statement[]): void {
    let section: SectionName = 'text';
    statements.forEach((statement, index) => {
      const at = (): Placement => ({ section, offset: this.size[section] });
      for (const label of statement.labels) {
        if (label.local) {
          this.locals.set(label.name, [...(this.locals.get(label.name) ?? []), { index, at: at() }]);
        } else if (this.labels.has(label.name) || this.values.has(label.name)) {
          this.report('duplicate-symbol', statement.line, label.column, `symbol '${label.name}' is already defined`);
        } else {
          this.labels.set(label.name, at());
        }
      }
      this.placements.push(at());
      const body = statement.body;
      if (body === undefined) return;
      const laidOut = this.guard(statement.line, () => {
        if (body.kind === 'instruction') {
          if (this.size[section] % 4 !== 0) {
            throw new StatementError('misaligned', body.column, `instruction at offset ${this.size[section]} of .${section} is not word aligned`);
          }
          this.size[section] += 4;
        } else if (body.kind === 'assignment') {
          this.assign(body.name, body.operands[0]!, statement.line, body.column);
        } else {
          section = this.directive(body.name, body.operands, section, statement.line, body.column);
        }
      });
      if (!laidOut) this.rejected.add(index);
    });
    this.dataAddress = Math.ceil(this.size.text / this.dataAlignment) * this.dataAlignment;
    this.resolveAssignments();
  }

  private assign(name: string, operand: OperandText, line: number, column: number): void {
    if (this.labels.has(name) || this.values.has(name)) {
      throw new StatementError('duplicate-symbol', column, `symbol '${name}' is already defined`);
    }
    try {
      this.values.set(name, this.absolute(operand));
    } catch (error) {
      // A value that needs labels waits until the layout is done.
      if (!(error instanceof StatementError && error.code === 'not-absolute')) throw error;
      this.pendingAssignments.push({ name, operand, line });
    }
  }

  /** Handles a directive in pass 1; returns the section that is current afterwards. */
  private directive(name: string, operands: readonly OperandText[], section: SectionName, line: number, column: number): SectionName {
    const count = (min: number, max: number): void => {
      if (operands.length < min || operands.length > max) {
        const expected = min === max ? String(min) : `${min} to ${max}`;
        throw new StatementError('operand-count', column, `'${name}' takes ${expected} operands, got ${operands.length}`);
      }
    };
    const fillValue = (): number | undefined => (operands[1] === undefined ? undefined : this.absolute(operands[1]));
    /** `.align` pads with nops in .text unless given a fill byte; `.space` and `.org` pad with zeros. */
    const pad = (length: number, alignment = false): void => {
      const value = fillValue() ?? (alignment ? undefined : 0);
      this.fills.push({ section, offset: this.size[section], length, value });
      this.size[section] += length;
    };
    if (name === '.text' || name === '.data') {
      count(0, 0);
      return name === '.text' ? 'text' : 'data';
    }
    const size = dataDirectives[name];
    if (size !== undefined) {
      this.size[section] += size * operands.length;
    } else if (spaceDirectives.includes(name)) {
      count(1, 2);
      const length = this.absolute(operands[0]!);
      if (length < 0) throw new StatementError('out-of-range', operands[0]!.column, `'${name}' length ${length} is negative`);
      pad(length);
    } else if (name === '.align' || name === '.balign') {
      count(1, 2);
      const argument = this.absolute(operands[0]!);
      // gas for PowerPC reads `.align n` as 2^n bytes; `.balign` takes the byte count.
      const alignment = name === '.align' ? 2 ** argument : argument;
      if (!Number.isInteger(Math.log2(alignment)) || alignment > 2 ** 16) {
        throw new StatementError('out-of-range', operands[0]!.column, `'${name}' ${argument} is not a power-of-two alignment up to 65536 bytes`);
      }
      if (section === 'data') this.dataAlignment = Math.max(this.dataAlignment, alignment);
      pad((alignment - (this.size[section] % alignment)) % alignment, true);
    } else if (name === '.org') {
      count(1, 2);
      const target = this.absolute(operands[0]!);
      if (target < this.size[section]) {
        throw new StatementError('org-backwards', operands[0]!.column, `'.org ${target}' is below the current offset ${this.size[section]} of .${section}`);
      }
      pad(target - this.size[section]);
    } else if (assignmentDirectives.includes(name)) {
      count(2, 2);
      const symbol = operands[0]!.tokens;
      if (symbol.length !== 1 || symbol[0]!.kind !== 'ident') {
        throw new StatementError('syntax', operands[0]!.column, `'${name}' expects a symbol name first`);
      }
      this.assign(symbol[0]!.text, operands[1]!, line, operands[0]!.column);
    } else if (globalDirectives.includes(name)) {
      for (const operand of operands) {
        const symbol = operand.tokens[0];
        if (operand.tokens.length !== 1 || symbol?.kind !== 'ident') throw new StatementError('syntax', operand.column, `'${name}' expects symbol names`);
        this.globals.set(symbol.text, { line, column: operand.column });
      }
    } else {
      throw new StatementError('unknown-directive', column, `unknown directive '${name}'`);
    }
    return section;
  }

  /** `.equ` values that name labels: evaluated once every label has an address, in dependency order. */
  private resolveAssignments(): void {
    let pending = this.pendingAssignments;
    for (let progress = true; pending.length > 0 && progress; ) {
      const next: typeof pending = [];
      for (const assignment of pending) {
        try {
          this.values.set(assignment.name, evaluate(parseExpression(assignment.operand.tokens, assignment.operand.endColumn), this.scope(-1, undefined)).value);
        } catch (error) {
          if (!(error instanceof ExpressionError && error.kind === 'undefined-symbol')) throw error;
          next.push(assignment);
        }
      }
      progress = next.length < pending.length;
      pending = next;
    }
    for (const assignment of pending) {
      this.guard(assignment.line, () => {
        evaluate(parseExpression(assignment.operand.tokens, assignment.operand.endColumn), this.scope(-1, undefined));
      });
    }
  }

  emit(statements: readonly Statement[]): AssembledProgram {
    const image = new Uint8Array(this.dataAddress + this.size.data);
    const view = new DataView(image.buffer);
    const sourceLines: SourceLine[] = [];
    for (const fill of this.fills) {
      const start = this.address(fill);
      const nops = fill.value === undefined && fill.section === 'text' && start % 4 === 0 && fill.length % 4 === 0;
      for (let i = 0; i < fill.length; i += nops ? 4 : 1) {
        if (nops) view.setUint32(start + i, nopWord, false);
        else view.setUint8(start + i, (fill.value ?? 0) & 0xff);
      }
    }
    statements.forEach((statement, index) => {
      const body = statement.body;
      const at = this.placements[index]!;
      if (body === undefined || body.kind === 'assignment' || this.rejected.has(index)) return;
      const address = this.address(at);
      const scope = this.scope(index, at);
      this.guard(statement.line, () => {
        if (body.kind === 'instruction') {
          view.setUint32(address, assembleInstruction(body, address, scope), false);
          sourceLines.push({ address, line: statement.line });
          return;
        }
        const size = dataDirectives[body.name];
        if (size === undefined) return;
        body.operands.forEach((operand, i) => {
          const value = evaluate(parseExpression(operand.tokens, operand.endColumn), scope).value;
          const { min, max } = dataRange(size);
          if (!Number.isInteger(value) || value < min || value > max) {
            throw new StatementError('out-of-range', operand.column, `'${body.name}' value ${value} is out of range (legal: ${min}..${max})`);
          }
          const offset = address + i * size;
          if (size === 1) view.setUint8(offset, value & 0xff);
          else if (size === 2) view.setUint16(offset, value & 0xffff, false);
          else view.setUint32(offset, value >>> 0, false);
        });
      });
    });
    return {
      image,
      textSize: this.size.text,
      dataAddress: this.dataAddress,
      dataSize: this.size.data,
      symbols: this.symbolMap(),
      sourceLines,
    };
  }

  private symbolMap(): Map<string, AsmSymbol> {
    const symbols = new Map<string, AsmSymbol>();
    for (const [name, at] of this.labels) {
      symbols.set(name, { name, value: this.address(at), section: at.section, global: this.globals.has(name) });
    }
    for (const [name, value] of this.values) symbols.set(name, { name, value, section: 'absolute', global: this.globals.has(name) });
    for (const [name, { line, column }] of this.globals) {
      if (!symbols.has(name)) this.report('undefined-symbol', line, column, `global symbol '${name}' is never defined`);
    }
    return symbols;
  }
}

/** Assembles a source; returns every diagnostic (up to `maxErrors`) instead of throwing. */
export function tryAssemble(source: string, options: AssembleOptions = {}): AssembleResult {
  const file = options.file ?? '<source>';
  const assembly = new Assembly(file, options.maxErrors ?? 50);
  const { statements, diagnostics } = parseSource(source, file);
  for (const diagnostic of diagnostics) assembly.report(diagnostic.code, diagnostic.line, diagnostic.column, diagnostic.message);
  assembly.layout(statements);
  const program = assembly.emit(statements);
  const errors = [...assembly.diagnostics].sort((a, b) => a.line - b.line || a.column - b.column);
  return errors.length === 0 ? { ok: true, value: program } : { ok: false, errors };
}

/** Assembles a source; throws `AsmError` carrying every diagnostic when there is any. */
export function assemble(source: string, options: AssembleOptions = {}): AssembledProgram {
  const result = tryAssemble(source, options);
  if (result.ok) return result.value;
  const [first, ...rest] = result.errors;
  throw new AsmError([first!, ...rest]);
}
