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

  /**
   * Word `word` of instance `instance`, raw. `instance` is the coordinate value and `word` the transfer-order
   * index, as `addressToContainer(address)` reports them, so the twin's register file can serve an omnibus
   * read without decoding.
   */
  word(type: AnyContainer, instance: number, word: number): number {
    const words = this.wordsOf(type);
    return words[checkInstance(type, instance) * type.words + checkWord(type, word)] as number;
  }

  /**
   * Stores one omnibus write as it arrives: word `word` of instance `instance` (indices as for `word`). The
   * word is kept as written, reserved bits included, and not validated: a multi-word container is legal
   * only once all its words are written, and `get` rejects a pattern that no value encodes to.
   */
  setWord(type: AnyContainer, instance: number, word: number, value: number): void {
    const words = this.wordsOf(type);
    const at = checkInstance(type, instance) * type.words + checkWord(type, word);
    if (!Number.isInteger(value) || value < 0 || value > 0xffff_ffff) {
      const code = Number.isInteger(value) ? 'out-of-range' : 'not-integer';
      throw new RegsError(code, type.name, undefined, value, { min: 0, max: 0xffff_ffff }, `${type.name}: word ${word} of instance ${instance} must be a 32-bit unsigned integer 0..${0xffff_ffff}, got ${value}`);
    }
    words[at] = value;
  }

  /**
   * The words of instance `instance` in transfer order, as a view into this chip (no copy, for fast decoding
   * on hot paths): it changes with later writes, and writing to it changes the chip.
   */
  instanceWords(type: AnyContainer, instance: number): Uint32Array {
    const words = this.wordsOf(type);
    const at = checkInstance(type, instance) * type.words;
    return words.subarray(at, at + type.words);
  }

  /**
   * Every word of a container type, instance after instance in transfer order, as a view into this chip (the
   * twin's PPU reads and writes its internal memory through it).
   */
  typeWords(type: AnyContainer): Uint32Array {
    return this.wordsOf(type);
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

function checkInstance(type: AnyContainer, instance: number): number {
  const max = type.coord.size - 1;
  if (!Number.isInteger(instance) || instance < 0 || instance > max) {
    throw new RegsError('instance-out-of-range', type.name, undefined, instance, { min: 0, max }, `${type.name} has instances 0..${max}, got ${instance}`);
  }
  return instance;
}

function checkWord(type: AnyContainer, word: number): number {
  const max = type.words - 1;
  if (!Number.isInteger(word) || word < 0 || word > max) {
    throw new RegsError('word-out-of-range', type.name, undefined, word, { min: 0, max }, `${type.name} has words 0..${max}, got ${word}`);
  }
  return word;
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
