// The synapse columns a source's weights occupy in one hemisphere, interned: sources of one population share
// their column set, so a network has only a few distinct sets, and whether two of them overlap (whether their
// sources may share a row pair, route-allocator.ts) is computed once per pair.

const columns = 256;

export class ColumnSets {
  private readonly sets: Uint8Array[] = [];
  private readonly ids = new Map<string, number>();
  private readonly disjointCache = new Map<number, boolean>();

  /** The id of the set with `columns[c] !== 0`; equal sets get equal ids. */
  intern(set: Uint8Array): number {
    const key = set.join('');
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.sets.length;
      this.sets.push(Uint8Array.from(set));
      this.ids.set(key, id);
    }
    return id;
  }

  columnsOf(id: number): Uint8Array {
    return this.sets[id] as Uint8Array;
  }

  disjoint(a: number, b: number): boolean {
    const key = a < b ? a * 65536 + b : b * 65536 + a;
    let result = this.disjointCache.get(key);
    if (result === undefined) {
      const x = this.sets[a] as Uint8Array;
      const y = this.sets[b] as Uint8Array;
      result = true;
      for (let c = 0; c < columns; c++) if (x[c] !== 0 && y[c] !== 0) result = false;
      this.disjointCache.set(key, result);
    }
    return result;
  }
}

/** An empty column set, to fill. */
export function emptyColumns(): Uint8Array {
  return new Uint8Array(columns);
}
