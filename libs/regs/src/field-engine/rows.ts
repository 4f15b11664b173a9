import type { Access } from './field-spec.js';

// Shorthand for the most common table row, a single-bit flag, so tables with dozens of switches stay readable.
// The result is an ordinary field row; the name stays a literal type so the container's value type keeps it.

/** A one-bit boolean field at bit `lsb` of layout word `word`. */
export function flag<const N extends string>(name: N, word: number, lsb: number, doc: string, reset = false, access: Access = 'rw') {
  return { name, word, lsb, width: 1, type: 'bool', access, reset, doc } as const;
}

/** An unsigned integer field of `width` bits at bit `lsb` of layout word `word`. */
export function uint<const N extends string>(name: N, word: number, lsb: number, width: number, reset: number, doc: string) {
  return { name, word, lsb, width, access: 'rw', reset, doc } as const;
}
