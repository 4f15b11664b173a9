import { addressTable } from './address-table.js';
import { containers, type RegisteredContainer } from './containers.js';

// Reverse lookup from an omnibus address to the container word it belongs to (what the twin's register file
// needs to decode a write). All ~260k word addresses of the registry are packed once into one sorted key array
// (key = address · 2^20 + entry, exact in a float64 for 32-bit addresses), so a lookup is a binary search;
// entries record container, coordinate and word.

/** The container word an address belongs to; `word` indexes `addresses(coord)` and `encode(value)`. */
export interface AddressOwner {
  readonly container: RegisteredContainer;
  readonly coord: number;
  readonly word: number;
}

const entryBits = 2 ** 20;

interface Index {
  readonly keys: Float64Array;
  readonly container: Uint8Array;
  readonly coord: Uint32Array;
  readonly word: Uint8Array;
}

let index: Index | undefined;

function buildIndex(): Index {
  const total = containers.reduce((n, c) => n + c.coord.size * c.words, 0);
  if (total > entryBits) throw new Error(`address index: ${total} words exceed the key layout`);
  const keys = new Float64Array(total);
  const container = new Uint8Array(total);
  const coord = new Uint32Array(total);
  const word = new Uint8Array(total);
  let e = 0;
  containers.forEach((c, ci) => {
    const table = addressTable(c);
    for (let i = 0; i < table.length; i++, e++) {
      keys[e] = (table[i] as number) * entryBits + e;
      container[e] = ci;
      coord[e] = Math.floor(i / c.words);
      word[e] = i % c.words;
    }
  });
  keys.sort();
  return { keys, container, coord, word };
}

/** Every registered word address in ascending order (for overlap checks and tooling). */
export function allAddresses(): Float64Array {
  index ??= buildIndex();
  return index.keys.map((k) => Math.floor(k / entryBits));
}

/** The container, instance and word at `address`, or `undefined` if no registered container lives there. */
export function addressToContainer(address: number): AddressOwner | undefined {
  index ??= buildIndex();
  const { keys } = index;
  const target = address * entryBits;
  let lo = 0;
  let hi = keys.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((keys[mid] as number) < target) lo = mid + 1;
    else hi = mid;
  }
  const key = keys[lo];
  if (key === undefined || Math.floor(key / entryBits) !== address) return undefined;
  const e = key - target;
  return {
    container: containers[index.container[e] as number] as RegisteredContainer,
    coord: index.coord[e] as number,
    word: index.word[e] as number,
  };
}
