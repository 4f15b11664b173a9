import { addressTable } from './address-table.js';
import { containers } from './containers.js';
import type { AnyContainer, ContainerType } from './field-engine/define-container.js';
import { RegsError } from './regs-error.js';

// The whole static configuration of one chip as encoded words (reference §5.7, lola `Chip`): one Uint32Array
// per `config` container type, `instances × words`, in transfer order. Because the state is words, a
// reconfiguration is a typed-array diff against the previous Chip, which is what makes it fast.

/** Omnibus writes: `words[i]` goes to `addresses[i]`, in order. */
export interface Writes {
  readonly addresses: Uint32Array;
  readonly words: Uint32Array;
}

/** The container types a Chip holds, in write order (status registers, triggers and run control excluded). */
export const chipContainers: readonly AnyContainer[] = containers.filter((c) => c.kind === 'config');

function resetWords(type: AnyContainer): Uint32Array {
  const one = type.encode(type.defaults());
  const all = new Uint32Array(type.coord.size * type.words);
  for (let i = 0; i < type.coord.size; i++) all.set(one, i * type.words);
  return all;
}

export class Chip {
  private readonly data: ReadonlyMap<object, Uint32Array>;

  /** A chip in its reset state (every container at its reset value), or a copy of `source`. */
  constructor(source?: Chip) {
    this.data = new Map(chipContainers.map((c) => [c, source === undefined ? resetWords(c) : source.wordsOf(c).slice()]));
  }

  private wordsOf(type: AnyContainer): Uint32Array {
    const words = this.data.get(type);
    if (words === undefined) {
      throw new RegsError('not-in-chip', type.name, undefined, type.kind, undefined, `${type.name} (${type.kind}) is not part of the static Chip configuration`);
    }
    return words;
  }

  /** The value of one instance. */
  get<V, C extends number, W>(type: ContainerType<V, C, W>, coord: C): V {
    const words = this.wordsOf(type);
    const at = type.coord(coord) * type.words;
    return type.decode(words.subarray(at, at + type.words));
  }

  /** Replaces the value of one instance (validated; nothing is written on error). */
  set<V, C extends number, W>(type: ContainerType<V, C, W>, coord: C, value: V): void {
    const words = this.wordsOf(type);
    const encoded = type.encode(value);
    words.set(encoded, type.coord(coord) * type.words);
  }

  /** Changes some fields of one instance, keeping the others. */
  modify<V, C extends number, W>(type: ContainerType<V, C, W>, coord: C, changes: W): void {
    this.set(type, coord, type.modify(this.get(type, coord), changes));
  }

  /** The raw words of one instance, in transfer order (a copy). */
  rawWords<V, C extends number, W>(type: ContainerType<V, C, W>, coord: C): Uint32Array {
    const at = type.coord(coord) * type.words;
    return this.wordsOf(type).slice(at, at + type.words);
  }

  clone(): Chip {
    return new Chip(this);
  }

  /** The words that differ from `previous`, in write order (registry order, instance order, transfer order). */
  writesSince(previous: Chip): Writes {
    const pairs = chipContainers.map((type) => [this.wordsOf(type), previous.wordsOf(type)] as const);
    const count = pairs.reduce((n, [now, before]) => n + countChanged(now, before), 0);
    const writes = { addresses: new Uint32Array(count), words: new Uint32Array(count) };
    pairs.reduce((at, [now, before], i) => collectChanged(now, before, addressTable(chipContainers[i] as AnyContainer), writes, at), 0);
    return writes;
  }

  /** Every word of the configuration, in write order (the first full configuration of a chip). */
  allWrites(): Writes {
    const tables = chipContainers.map((type) => addressTable(type));
    const addresses = new Uint32Array(tables.reduce((n, t) => n + t.length, 0));
    const words = new Uint32Array(addresses.length);
    let at = 0;
    chipContainers.forEach((type, i) => {
      addresses.set(tables[i] as Uint32Array, at);
      words.set(this.wordsOf(type), at);
      at += this.wordsOf(type).length;
    });
    return { addresses, words };
  }
}

// The diff kernels: plain loops over typed arrays, kept monomorphic so a full-chip diff stays in milliseconds.
function countChanged(now: Uint32Array, before: Uint32Array): number {
  let n = 0;
  for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) n++;
  return n;
}

function collectChanged(now: Uint32Array, before: Uint32Array, table: Uint32Array, out: Writes, at: number): number {
  let n = at;
  for (let i = 0; i < now.length; i++) {
    if (now[i] !== before[i]) {
      out.addresses[n] = table[i] as number;
      out.words[n++] = now[i] as number;
    }
  }
  return n;
}
