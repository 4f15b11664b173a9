import type { RegsRange } from '../regs-error.js';
import type { Slice } from './field-spec.js';
import type { CompiledField } from './field-codec.js';

/** One docs row of a field, derived from its table row (for `describeRegisters` and the app's inspector). */
export interface FieldDoc {
  readonly name: string;
  /** Entries of a per-entry field, 1 for scalars. */
  readonly count: number;
  /** Where the bits are, e.g. `w0[13:0]`; split fields list their parts from the value's LSB up. */
  readonly location: string;
  readonly width: number;
  readonly kind: 'bool' | 'enum' | 'int';
  /** `bool`, `enum`, or the integer encoding (`unsigned`, `twos`, `excess`, `one-hot`), plus modifiers. */
  readonly encoding: string;
  /** Legal values of one entry, as data. */
  readonly legal: RegsRange;
  /** Legal values of one entry, as text. */
  readonly range: string;
  readonly access: string;
  readonly reset: string;
  readonly doc: string;
}

const sliceText = (s: Slice): string => (s.width === 1 ? `w${s.word}[${s.lsb}]` : `w${s.word}[${s.lsb + s.width - 1}:${s.lsb}]`);
const entryText = (slices: readonly Slice[]): string => slices.map(sliceText).join(' + ');

function location(c: CompiledField): string {
  if (c.entries.length <= 4) return c.entries.map(entryText).join(', ');
  const last = c.entries.length - 1;
  return `[0] ${entryText(c.entries[0] ?? [])} … [${last}] ${entryText(c.entries[last] ?? [])}`;
}

function encoding(c: CompiledField): string {
  const base = c.kind === 'int' ? c.encoding : c.kind;
  const perm = c.spec.permutation;
  const reversed = perm !== undefined && perm.every((from, i) => from === perm.length - 1 - i);
  const wiring = perm === undefined ? '' : reversed ? 'bits reversed' : `bits [${perm.join(',')}]`;
  const modifiers = [c.spec.invert === true ? 'inverted' : '', wiring];
  return [base, ...modifiers.filter((m) => m !== '')].join(', ');
}

function range(c: CompiledField): string {
  if ('names' in c.range) return c.range.names.map((n) => `${n} = ${String(c.spec.enum?.[n])}`).join(', ');
  return c.kind === 'bool' ? 'false, true' : `${c.range.min}..${c.range.max}`;
}

/** The docs rows of a compiled table. */
export function describeFields(compiled: readonly CompiledField[]): readonly FieldDoc[] {
  return compiled.map((c) => ({
    name: c.name,
    count: c.count ?? 1,
    location: location(c),
    width: c.width,
    kind: c.kind,
    encoding: encoding(c),
    legal: c.range,
    range: range(c),
    access: c.spec.access,
    reset: String(c.spec.reset),
    doc: c.spec.doc,
  }));
}
