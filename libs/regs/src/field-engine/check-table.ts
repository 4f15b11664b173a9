import type { ContainerSpec, FieldSpec } from './field-spec.js';
import { compileField, type CompiledField } from './field-codec.js';

// A table is checked when it loads (STYLE item 5, qemu decodetree): a malformed row is a bug in this library,
// so it fails loudly at import time instead of producing wrong words later.

function invariant(condition: boolean, container: string, message: string): asserts condition {
  if (!condition) throw new Error(`register table ${container}: ${message}`);
}

const isPermutation = (order: readonly number[], n: number): boolean =>
  order.length === n && [...order].sort((a, b) => a - b).every((v, i) => v === i);

function checkShape(container: string, f: FieldSpec): void {
  const single = f.word !== undefined || f.lsb !== undefined || f.width !== undefined;
  invariant(single !== (f.bits !== undefined), container, `field ${f.name} needs either word/lsb/width or bits`);
  invariant(f.type !== 'bool' || f.enum === undefined, container, `field ${f.name} cannot be bool and enum`);
  invariant(f.count === undefined || (Number.isInteger(f.count) && f.count >= 1), container, `field ${f.name}: bad count`);
  invariant(f.count !== undefined || (f.stride === undefined && f.wordStride === undefined), container, `field ${f.name}: stride without count`);
}

function checkCompiled(container: string, words: number, c: CompiledField): void {
  const f = c.spec;
  invariant(c.width >= 1 && c.width <= 32, container, `field ${f.name} is ${c.width} bits wide`);
  invariant(f.type !== 'bool' || c.width === 1, container, `bool field ${f.name} must be 1 bit`);
  for (const slices of c.entries) {
    for (const s of slices) {
      invariant(Number.isInteger(s.word) && s.word >= 0 && s.word < words, container, `field ${f.name}: word ${s.word} outside 0..${words - 1}`);
      invariant(s.lsb >= 0 && s.width >= 1 && s.lsb + s.width <= 32, container, `field ${f.name}: bits ${s.lsb}+${s.width} outside the word`);
    }
  }
  if (f.permutation !== undefined) {
    invariant(isPermutation(f.permutation, c.width), container, `field ${f.name}: permutation must reorder 0..${c.width - 1}`);
  }
  if (f.enum !== undefined) {
    const codes = Object.values(f.enum);
    invariant(new Set(codes).size === codes.length, container, `field ${f.name}: duplicate enum codes`);
    invariant(codes.every((v) => Number.isInteger(v) && v >= 0 && v < 2 ** c.width), container, `field ${f.name}: enum code does not fit`);
  }
  c.check(container, f.reset, f.name);
  const fits = (v: boolean | number | string): boolean => {
    const stored = c.toStored(v);
    return stored >= 0 && stored < 2 ** c.width && c.fromStored(stored) === v;
  };
  const extremes = c.kind === 'int' && 'min' in c.range ? [c.range.min, c.range.max] : [];
  for (const v of [f.reset, ...extremes]) invariant(fits(v), container, `field ${f.name}: ${String(v)} not representable in ${c.width} bits`);
}

/** Checks a container table and returns its compiled fields. */
export function checkTable(spec: Pick<ContainerSpec, 'name' | 'words' | 'fields' | 'wordOffsets' | 'writeOrder'>): readonly CompiledField[] {
  const { name, words } = spec;
  invariant(Number.isInteger(words) && words >= 1, name, 'needs at least one word');
  invariant(spec.wordOffsets === undefined || spec.wordOffsets.length === words, name, 'wordOffsets must list every word');
  invariant(spec.writeOrder === undefined || isPermutation(spec.writeOrder, words), name, 'writeOrder must list every word once');
  const names = spec.fields.map((f) => f.name);
  invariant(new Set(names).size === names.length, name, 'duplicate field names');
  spec.fields.forEach((f) => checkShape(name, f));
  const compiled = spec.fields.map(compileField);
  compiled.forEach((c) => checkCompiled(name, words, c));
  const owner = new Map<string, string>();
  for (const c of compiled) {
    for (const slices of c.entries) {
      for (const s of slices) {
        for (let b = s.lsb; b < s.lsb + s.width; b++) {
          const key = `${s.word}:${b}`;
          invariant(!owner.has(key), name, `bit ${b} of word ${s.word} claimed by ${owner.get(key)} and ${c.name}`);
          owner.set(key, c.name);
        }
      }
    }
  }
  return compiled;
}
