/** What was wrong with a coordinate. */
export type CoordErrorCode = 'out-of-range' | 'not-integer' | 'no-such-node' | 'unknown-name' | 'conflicting-fields';

/**
 * The one error class of `@bss2/coords`. It names the coordinate type, the offending value and the legal
 * range, so a caller can show the user exactly what to change.
 */
export class CoordError extends Error {
  override readonly name = 'CoordError';
  constructor(
    readonly code: CoordErrorCode,
    /** The coordinate type that rejected the value, e.g. `NeuronColumnOnDLS`. */
    readonly coordinate: string,
    readonly value: unknown,
    readonly range: { readonly min: number; readonly max: number } | undefined,
    message: string,
  ) {
    super(message);
  }
}

/** The `unknown-name` error of a name table (CapMem cells, neuron parameters): lists the legal names. */
export function unknownNameError(table: string, name: unknown, names: readonly string[]): CoordError {
  return new CoordError(
    'unknown-name',
    table,
    name,
    { min: 0, max: names.length - 1 },
    `${table}: unknown name ${JSON.stringify(name)}; expected one of ${names.join(', ')}`,
  );
}
