import type { Coord, CoordType } from './ranged.js';

/**
 * A collection with exactly one value per instance of a coordinate type, indexed by that coordinate
 * (halco's typed arrays), so indices can never be mixed up or fall outside the resource.
 */
export class CoordArray<Name extends string, V> {
  private readonly values: V[];

  /** Every slot holds `value`. Any value is stored as is, functions included; use `from` to compute slots. */
  constructor(
    readonly type: CoordType<Name>,
    value: V,
  ) {
    this.values = type.all().map(() => value);
  }

  /** One value per instance, `fn(coord)`, called once per coordinate in enumeration order. */
  static from<Name extends string, V>(type: CoordType<Name>, fn: (coord: Coord<Name>) => V): CoordArray<Name, V> {
    // The placeholder never escapes: the loop overwrites every slot before the array is returned.
    const array = new CoordArray<Name, V>(type, undefined as V);
    for (const c of type.all()) array.values[c] = fn(c);
    return array;
  }

  get size(): number {
    return this.values.length;
  }

  /** The value at `coord`; a value outside the type's range throws `CoordError` instead of reading `undefined`. */
  get(coord: Coord<Name>): V {
    return this.values[this.type(coord)] as V;
  }

  /** Replaces the value at `coord`; a value outside the type's range throws `CoordError` instead of growing the array. */
  set(coord: Coord<Name>, value: V): void {
    this.values[this.type(coord)] = value;
  }

  *entries(): IterableIterator<[Coord<Name>, V]> {
    for (let i = 0; i < this.values.length; i++) yield [i as Coord<Name>, this.values[i] as V];
  }

  map<W>(fn: (value: V, coord: Coord<Name>) => W): CoordArray<Name, W> {
    return CoordArray.from(this.type, (c) => fn(this.values[c] as V, c));
  }

  toArray(): readonly V[] {
    return this.values;
  }
}
