import { BARRIER_MASK, PHYWORD_BYTES, TO_FPGA_DICTIONARY, ToFpgaWriter, type ToFpgaType } from '@bss2/link';
import type { Chip, ContainerType, Writes } from '@bss2/regs';
import { ContainerTicket } from './container-ticket.js';
import { PlaybackError } from './playback-error.js';
import { PlaybackProgram, type PendingRead } from './playback-program.js';

/** The largest value a to-FPGA message field carries, read from the link dictionary (reference §5.2). */
function linkFieldMax(type: ToFpgaType, field: string): number {
  const spec = TO_FPGA_DICTIONARY.find((row) => row.name === type)?.fields.find((f) => f.name === field) as
    | { readonly width: number; readonly max?: number }
    | undefined;
  if (spec === undefined) throw new Error(`the link dictionary has no field ${type}.${field}`);
  return spec.max ?? 2 ** spec.width - 1;
}

/** Timer values are 32 bit, spike labels 16 bit (§1.3), barrier masks 5 bit. */
const WAIT_UNTIL_MAX = linkFieldMax('timing.waitUntil', 'cycles');
const SPIKE_LABEL_MAX = linkFieldMax('event.spikePack1', 'label0');
const BARRIER_MASK_MAX = linkFieldMax('timing.barrier', 'mask');

/**
 * Encode buffers of finished builders, kept for the next ones: a fresh multi-megabyte buffer costs more to
 * page in than encoding a full-chip reconfiguration into a warm one (measured in `npm run bench:link`).
 * `finish()` copies the stream out, so a released writer owns nothing a program still uses.
 */
const idleWriters: ToFpgaWriter[] = [];
const IDLE_WRITERS_MAX = 2;

/**
 * Builds a playback program (stadls PlaybackProgramBuilder, reference §5.7): register writes and reads by
 * coordinate and container, timer reset, waits, timed spike injection and barriers, encoded straight into
 * to-FPGA link words. Nothing reaches the chip except through these words (ARCHITECTURE.md, the one rule).
 *
 * Each method validates its input first and throws a typed error naming the value and its legal range, so a
 * rejected call leaves the program unchanged.
 */
export class PlaybackProgramBuilder {
  private readonly writer = idleWriters.pop() ?? new ToFpgaWriter();
  /** Finished stretches of the stream; `merge` appends another builder's stretches after ours. */
  private readonly segments: Uint8Array[] = [];
  private readonly reads: PendingRead[] = [];
  private finished = false;

  /** Writes a container value to its instance `coord` (one omnibus write per container word). */
  write<V, C extends number>(container: ContainerType<V, C>, coord: C, value: V): this {
    this.checkOpen();
    container.coord(coord);
    const words = container.encode(value);
    const addresses = container.addresses(coord);
    for (let i = 0; i < words.length; i++) this.writer.omnibusWrite(addresses[i] as number, words[i] as number);
    return this;
  }

  /** Raw omnibus writes, e.g. the diff `chip.writesSince(previous)`. */
  writeWords(writes: Writes): this {
    this.checkOpen();
    this.writer.omnibusWrites(writes.addresses, writes.words);
    return this;
  }

  /** Writes a whole static configuration, or only what changed since `previous` (fast reconfiguration). */
  writeChip(chip: Chip, previous?: Chip): this {
    return this.writeWords(previous === undefined ? chip.allWrites() : chip.writesSince(previous));
  }

  /** Reads a container instance back; the ticket is filled when the program has run. */
  read<V, C extends number>(container: ContainerType<V, C>, coord: C): ContainerTicket<V> {
    this.checkOpen();
    if (!container.readable) {
      throw new PlaybackError('unreadable', `${container.name} cannot be read back (reference §5.6); keep the value you wrote instead`, container.name);
    }
    container.coord(coord);
    const addresses = Uint32Array.from(container.addresses(coord));
    const ticket = new ContainerTicket<V>(container.name, coord, addresses, (words) => container.decode(words));
    for (const address of addresses) this.writer.omnibusRead(address);
    this.reads.push({ ticket: ticket as ContainerTicket<unknown>, words: addresses.length });
    return ticket;
  }

  /** Resets the FPGA timer to 0 (`timing.setup`); waits and spike times count from here. */
  timerReset(): this {
    this.checkOpen();
    this.writer.timerSetup();
    return this;
  }

  /** Blocks the executor until the timer reaches `cycles` (125 MHz FPGA cycles since the last timer reset). */
  waitUntil(cycles: number): this {
    this.checkOpen();
    checkInteger('waitUntil cycles', cycles, WAIT_UNTIL_MAX);
    this.writer.waitUntil(cycles);
    return this;
  }

  /**
   * Injects spike `labels[i]` at timer value `atCycles[i]`: the spikes are sent in time order, each group of
   * equal times after one `waitUntil`, packed three to a message (SpikePack3/2/1, reference §5.2). Times need
   * not be sorted; equal times keep their given order.
   */
  injectSpikes(labels: ArrayLike<number>, atCycles: ArrayLike<number>): this {
    this.checkOpen();
    if (labels.length !== atCycles.length) {
      throw new PlaybackError('out-of-range', `injectSpikes got ${labels.length} labels but ${atCycles.length} times`, atCycles.length, {
        min: labels.length,
        max: labels.length,
      });
    }
    for (let i = 0; i < labels.length; i++) {
      checkInteger(`spike label [${i}]`, labels[i] as number, SPIKE_LABEL_MAX);
      checkInteger(`spike time [${i}] in cycles`, atCycles[i] as number, WAIT_UNTIL_MAX);
    }
    const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => (atCycles[a] as number) - (atCycles[b] as number) || a - b);
    const sorted = Uint32Array.from(order, (i) => labels[i] as number);
    for (let start = 0; start < order.length; ) {
      const time = atCycles[order[start] as number] as number;
      let end = start + 1;
      while (end < order.length && atCycles[order[end] as number] === time) end++;
      this.writer.waitUntil(time).spikes(sorted, start, end);
      start = end;
    }
    return this;
  }

  /** Waits until earlier instructions have completed (`timing.barrier`, default: omnibus, reference §5.2). */
  barrier(mask: number = BARRIER_MASK.omnibus): this {
    this.checkOpen();
    checkInteger('barrier mask', mask, BARRIER_MASK_MAX);
    this.writer.barrier(mask);
    return this;
  }

  /** Appends everything `other` holds after this program's instructions (stadls merge_back); empties `other`. */
  merge(other: PlaybackProgramBuilder): this {
    this.checkOpen();
    if (other === this) throw new PlaybackError('invalid-program', 'a builder cannot be merged into itself; merge a second builder');
    other.checkOpen();
    this.flush();
    other.flush();
    this.segments.push(...other.segments);
    this.reads.push(...other.reads);
    other.segments.length = 0;
    other.reads.length = 0;
    return this;
  }

  /** True when nothing has been added. */
  get empty(): boolean {
    return this.writer.messageCount === 0 && this.segments.every((s) => s.length === 0);
  }

  /** Number of to-FPGA messages so far (stadls size_to_fpga); at most the FPGA's playback memory. */
  get sizeToFpga(): number {
    return this.writer.messageCount + this.segments.reduce((n, s) => n + s.length / PHYWORD_BYTES, 0);
  }

  /** Ends the program; the builder cannot be used afterwards (start a new one). */
  done(): PlaybackProgram {
    this.checkOpen();
    this.flush();
    this.finished = true;
    if (idleWriters.length < IDLE_WRITERS_MAX) idleWriters.push(this.writer);
    if (this.segments.length === 1) return new PlaybackProgram(this.segments[0] as Uint8Array, this.reads);
    const total = this.segments.reduce((n, s) => n + s.length, 0);
    const bytes = new Uint8Array(total);
    let offset = 0;
    for (const s of this.segments) {
      bytes.set(s, offset);
      offset += s.length;
    }
    return new PlaybackProgram(bytes, this.reads);
  }

  private flush(): void {
    if (this.writer.messageCount > 0) this.segments.push(this.writer.finish());
  }

  private checkOpen(): void {
    if (this.finished) throw new PlaybackError('already-done', 'this builder already produced its program with done(); start a new PlaybackProgramBuilder');
  }
}

function checkInteger(what: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max) {
    throw new PlaybackError('out-of-range', `${what} ${String(value)} is out of range 0..${max}`, value, { min: 0, max });
  }
}
