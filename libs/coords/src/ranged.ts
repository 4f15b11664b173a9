import { CoordError } from './coord-error.js';

/**
 * A coordinate value: a plain integer 0..max, branded with the name of its type so that a
 * `NeuronColumnOnDLS` cannot be passed where a `SynapseDriverOnDLS` is expected (halco's RantWrapper).
 * Compound coordinates (row and column, hemisphere and driver, …) are branded integers too: their value is
 * the enumeration index, so every coordinate can index a typed array directly.
 */
export type Coord<Name extends string> = number & { readonly __coord: Name };

/** Outcome of a `try…` constructor for callers that routinely handle bad input. */
export type CoordResult<C> = { readonly ok: true; readonly value: C } | { readonly ok: false; readonly error: CoordError };

/** A coordinate type: call it to construct a checked value; it also knows its range and enumerates itself. */
export interface CoordType<Name extends string> {
  (value: number): Coord<Name>;
  readonly coordName: Name;
  readonly min: 0;
  readonly max: number;
  /** Number of instances, `max + 1`. */
  readonly size: number;
  /** True when `value` is an integer inside the range (a legal coordinate of this type). */
  is(value: unknown): value is Coord<Name>;
  /** Like calling the type, but returns the error instead of throwing it. */
  tryOf(value: number): CoordResult<Coord<Name>>;
  /** Every instance, in enumeration order. The array is shared: do not mutate it. */
  all(): readonly Coord<Name>[];
}

/** Checks that `value` is an integer in 0..max and brands it; throws `CoordError` naming the range otherwise. */
export function checkCoord<Name extends string>(name: Name, max: number, value: number): Coord<Name> {
  if (!Number.isInteger(value)) {
    throw new CoordError('not-integer', name, value, { min: 0, max }, `${name} must be an integer in 0..${max}, got ${String(value)}`);
  }
  if (value < 0 || value > max) {
    throw new CoordError('out-of-range', name, value, { min: 0, max }, `${name} ${value} is out of range 0..${max}`);
  }
  return value as Coord<Name>;
}

/**
 * Declares a coordinate type with instances 0..max. Extra members (conversions, constants, `of(...)`
 * constructors for compound coordinates) are attached with `Object.assign` by the module that declares it.
 */
export function defineCoord<Name extends string>(coordName: Name, max: number): CoordType<Name> {
  let cache: readonly Coord<Name>[] | undefined;
  const make = (value: number): Coord<Name> => checkCoord(coordName, max, value);
  return Object.assign(make, {
    coordName,
    min: 0 as const,
    max,
    size: max + 1,
    is: (value: unknown): value is Coord<Name> =>
      typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max,
    tryOf: (value: number): CoordResult<Coord<Name>> => {
      try {
        return { ok: true, value: make(value) };
      } catch (error) {
        return { ok: false, error: error as CoordError };
      }
    },
    all: (): readonly Coord<Name>[] =>
      (cache ??= Object.freeze(Array.from({ length: max + 1 }, (_, i) => i as Coord<Name>))),
  });
}

/** The coordinate value type of a coordinate type: `CoordOf<typeof NeuronColumnOnDLS>`. */
export type CoordOf<T> = T extends CoordType<infer N> ? Coord<N> : never;
