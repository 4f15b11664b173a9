import fc from 'fast-check';
import type { AnyContainer, FieldDoc } from '../src/index.js';

// Random legal values of any container, generated from its table (the docs rows carry each field's range),
// shared by the contract suite and the Chip tests.

function scalarArbitrary(f: FieldDoc): fc.Arbitrary<unknown> {
  if (f.kind === 'bool') return fc.boolean();
  if ('names' in f.legal) return fc.constantFrom(...f.legal.names);
  return fc.integer({ min: f.legal.min, max: f.legal.max });
}

/** Any legal value of `type`, every field drawn from its full range. */
export function valueArbitrary(type: AnyContainer): fc.Arbitrary<Record<string, unknown>> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const f of type.describe()) {
    const scalar = scalarArbitrary(f);
    const isArray = type.fields.find((x) => x.name === f.name)?.count !== undefined;
    record[f.name] = isArray ? fc.array(scalar, { minLength: f.count, maxLength: f.count }) : scalar;
  }
  return fc.record(record);
}
