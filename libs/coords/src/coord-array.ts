import type { Coord, CoordType } from './ranged.js';

/**
 * A collection with exactly one value per instance of a coordinate type, indexed by that coordinate
 * (halco's typed arrays), so indices can never be mixed up or fall outside the resource.
 */
export class CoordArray<Name extends string, V> {
  private readonly values: V[];

  constructor(
    readonly type: CoordType<Name>,
    init: V | ((coord: Coord<Name>) => V),
  ) {
    this.values = type.all().map((c) => (typeof init === 'function' ? (init as (coord: Coord<Name>) => V)(c) : init));
  }

  get size(): number {
    return this.values.length;
  }

  get(coord: Coord<Name>): V {
    return this.values[coord] as V;
  }

  set(coord: Coord<Name>, value: V): void {
    this.values[coord] = value;
  }

  *entries(): IterableIterator<[Coord<Name>, V]> {
    for (let i = 0; i < this.values.length; i++) yield [i as Coord<Name>, this.values[i] as V];
  }

  map<W>(fn: (value: V, coord: Coord<Name>) => W): CoordArray<Name, W> {
    return new CoordArray(this.type, (c) => fn(this.get(c), c));
  }

  toArray(): readonly V[] {
    return this.values;
  }
}
