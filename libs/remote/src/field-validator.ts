import type { FieldSpec } from './protocol.js';
import { RemoteError } from './remote-error.js';

/** A msgpack map decoded to a plain object (anything else fails `isPlainMap`). */
export type WireMap = Readonly<Record<string, unknown>>;

export function isPlainMap(value: unknown): value is WireMap {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || ArrayBuffer.isView(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** How a value that failed a check is named in an error: small values as they are, others by type and size. */
export function describeValue(value: unknown): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string') return value.length <= 64 ? value : `string of ${value.length} characters`;
  if (ArrayBuffer.isView(value)) return `${value.constructor.name} of ${value.byteLength} bytes`;
  if (Array.isArray(value)) return `array of ${value.length}`;
  if (value === undefined) return 'missing';
  return typeof value;
}

function typeError(where: string, field: FieldSpec, value: unknown): RemoteError {
  const range = field.min !== undefined && field.max !== undefined ? { min: field.min, max: field.max } : undefined;
  const bounds = range === undefined ? '' : field.type === 'string' ? ` of ${range.min}..${range.max} characters` : ` in ${range.min}..${range.max}`;
  const expected = field.values ? `one of ${field.values.join(', ')}` : `a ${field.type}${bounds}`;
  return new RemoteError('invalid-field', `${where}.${field.name} must be ${expected}, got ${JSON.stringify(describeValue(value))}`, {
    field: `${where}.${field.name}`,
    value: describeValue(value),
    ...(range && { range }),
  });
}

function fits(field: FieldSpec, value: unknown): boolean {
  switch (field.type) {
    case 'string':
      return typeof value === 'string' && (field.min === undefined || value.length >= field.min) && (field.max === undefined || value.length <= field.max) && (field.values === undefined || field.values.includes(value));
    case 'uint':
      return typeof value === 'number' && Number.isInteger(value) && value >= (field.min ?? 0) && value <= (field.max ?? Number.MAX_SAFE_INTEGER);
    case 'bool':
      return typeof value === 'boolean';
    case 'map':
      return isPlainMap(value);
    case 'array':
      return Array.isArray(value);
  }
}

/**
 * Checks a decoded map against a field table (protocol.ts): required fields present, every known field of its
 * type and range. Unknown keys are ignored (both sides ignore unknown fields, STYLE item 14). Returns the
 * first violation as an `invalid-field` error, or undefined.
 */
export function checkFields(where: string, map: WireMap, fields: readonly FieldSpec[]): RemoteError | undefined {
  for (const field of fields) {
    const value = map[field.name];
    if (value === undefined && !field.required) continue;
    if (!fits(field, value)) return typeError(where, field, value);
  }
  return undefined;
}

/** The subset of `map` whose known fields are valid: what a reply may safely echo back as its parent header. */
export function validFields(map: WireMap, fields: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of fields) if (map[field.name] !== undefined && fits(field, map[field.name])) out[field.name] = map[field.name];
  return out;
}
