import type { AnyContainer } from './field-engine/define-container.js';

// Every word address of every instance of a container, computed once from its `addresses()` and shared by
// `Chip` (diffs index it directly) and the reverse lookup.

const cache = new WeakMap<object, Uint32Array>();

/** Addresses of all instances, instance-major, each instance's words in transfer order. */
export function addressTable(type: AnyContainer): Uint32Array {
  let table = cache.get(type);
  if (table === undefined) {
    table = new Uint32Array(type.coord.size * type.words);
    for (const coord of type.coord.all()) table.set(type.addresses(coord), coord * type.words);
    cache.set(type, table);
  }
  return table;
}
