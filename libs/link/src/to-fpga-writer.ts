import { fieldAccepts, fieldError, MESSAGE_LIMBS, packFields } from './field-engine.js';
import { assert, LinkError, MAX_EVENTS_PER_PACK, packSizeError } from './link-error.js';
import { StreamWriter } from './stream-writer.js';
import { TO_FPGA_COMPILED, type ToFpgaMessage } from './to-fpga-dictionary.js';
import { messageNamed, PHYWORD_BYTES, type CompiledMessage } from './ut-framing.js';

const row = (name: string) => messageNamed(TO_FPGA_COMPILED, name);
const JTAG_INIT = row('jtag.init');
const JTAG_SCALER = row('jtag.scaler');
const JTAG_INS = row('jtag.ins');
const JTAG_DATA = row('jtag.data');
const TIMING_SETUP = row('timing.setup');
const WAIT_UNTIL = row('timing.waitUntil');
const SYSTIME_INIT = row('timing.systimeInit');
const BARRIER = row('timing.barrier');
const POLLING_OMNIBUS_BLOCK = row('timing.pollingOmnibusBlock');
const SYSTEM_RESET = row('system.reset');
const LOOPBACK = row('system.loopback');
const OMNIBUS_ADDRESS = row('omnibus.address');
const OMNIBUS_DATA = row('omnibus.data');
const SPIKE_PACK_1 = row('event.spikePack1');
const SPIKE_PACK_2 = row('event.spikePack2');
const SPIKE_PACK_3 = row('event.spikePack3');

/** All four bytes of an omnibus word (hxcomm `omnibus_to_fpga::Address` default byte enables). */
export const ALL_BYTES = 0xf;

/**
 * The upper 32 bits of a one-word message whose first field is a 32-bit value at payload bit 0, with the
 * other fields fixed to `others`: the bulk path then stores (template, value) per message. Packed by the
 * field engine from the table and checked against it, so the bulk path cannot drift from the dictionary.
 */
function upperTemplate(m: CompiledMessage, others: readonly number[]): number {
  const first = m.fields[0];
  assert(first !== undefined && first.lsb === 0 && first.width === 32 && m.byteLength === PHYWORD_BYTES, `${m.name}: first field is not 32 bits at payload bit 0`);
  const limbs = new Uint32Array(MESSAGE_LIMBS);
  packFields(m, 0, others[0] ?? 0, others[1] ?? 0, 0, 0, 0, limbs);
  return limbs[1]!;
}

// omnibus.address fields are (address, byteEnables, isRead); omnibus.data is (data).
const WRITE_ADDRESS_UPPER = upperTemplate(OMNIBUS_ADDRESS, [ALL_BYTES, 0]);
const DATA_UPPER = upperTemplate(OMNIBUS_DATA, []);

/**
 * Fast encoder of a to-FPGA program (the hot loop: a full-chip reconfiguration is ~131,072 omnibus writes
 * plus timed spikes). One method per dictionary row, with the row's fields as arguments in table order —
 * the mirror image of `ToFpgaVisitor` — plus the composites `omnibusWrite`, `omnibusRead` and `spikes`.
 * Each message is one 64-bit big-endian word appended to a growable buffer, built by the shared field engine;
 * every value is range-checked (`LinkError` naming field and range) and nothing is allocated per message.
 */
export class ToFpgaWriter extends StreamWriter {
  constructor(initialBytes?: number) {
    super(TO_FPGA_COMPILED, initialBytes);
  }

  /** Appends a message object (the object API's path; same engine as the methods below). */
  message(message: ToFpgaMessage): this {
    this.emitObject(message);
    return this;
  }

  jtagInit(): this {
    this.emit(JTAG_INIT, 0, 0, 0, 0, 0, 0);
    return this;
  }

  jtagScaler(scaler: number): this {
    this.emit(JTAG_SCALER, scaler, 0, 0, 0, 0, 0);
    return this;
  }

  jtagIns(instruction: number): this {
    this.emit(JTAG_INS, instruction, 0, 0, 0, 0, 0);
    return this;
  }

  jtagData(payload: number, numBits: number, keepResponse: number): this {
    this.emit(JTAG_DATA, payload, numBits, keepResponse, 0, 0, 0);
    return this;
  }

  /** `timing.setup`: reset the playback timer to 0. */
  timerSetup(): this {
    this.emit(TIMING_SETUP, 0, 0, 0, 0, 0, 0);
    return this;
  }

  /** `timing.waitUntil`: block until the timer reaches `cycles` (32 bit, FPGA cycles). */
  waitUntil(cycles: number): this {
    this.emit(WAIT_UNTIL, cycles, 0, 0, 0, 0, 0);
    return this;
  }

  systimeInit(sync: number): this {
    this.emit(SYSTIME_INIT, sync, 0, 0, 0, 0, 0);
    return this;
  }

  /** `timing.barrier`: block until the channels in `mask` (OR of `BARRIER_MASK` bits) are idle. */
  barrier(mask: number): this {
    this.emit(BARRIER, mask, 0, 0, 0, 0, 0);
    return this;
  }

  pollingOmnibusBlock(whenEqual: number): this {
    this.emit(POLLING_OMNIBUS_BLOCK, whenEqual, 0, 0, 0, 0, 0);
    return this;
  }

  /** `system.reset` (named so because `reset()` clears the writer). */
  systemReset(enable: number): this {
    this.emit(SYSTEM_RESET, enable, 0, 0, 0, 0, 0);
    return this;
  }

  /**
   * `system.loopback`: `LOOPBACK_TICK.halt` (0, the default) ends a program — the FPGA echoes it after all
   * earlier responses; `LOOPBACK_TICK.tick` (1) is a trace marker.
   */
  loopback(tick = 0): this {
    this.emit(LOOPBACK, tick, 0, 0, 0, 0, 0);
    return this;
  }

  omnibusAddress(address: number, byteEnables: number, isRead: number): this {
    this.emit(OMNIBUS_ADDRESS, address, byteEnables, isRead, 0, 0, 0);
    return this;
  }

  omnibusData(data: number): this {
    this.emit(OMNIBUS_DATA, data, 0, 0, 0, 0, 0);
    return this;
  }

  /** An omnibus write (bss2-reference §5.4): `omnibus.address` with isRead 0, then `omnibus.data`. */
  omnibusWrite(address: number, data: number, byteEnables: number = ALL_BYTES): this {
    // Check the data first, so a rejected write leaves no orphan address message in the stream.
    const dataField = OMNIBUS_DATA.fields[0]!;
    if (!fieldAccepts(dataField, data)) throw fieldError(dataField, data, OMNIBUS_DATA.name);
    this.emit(OMNIBUS_ADDRESS, address, byteEnables, 0, 0, 0, 0);
    this.emit(OMNIBUS_DATA, data, 0, 0, 0, 0, 0);
    return this;
  }

  /**
   * Many omnibus writes at once (`words[i]` to `addresses[i]`, all byte lanes): the hot path of a
   * reconfiguration (`Chip.writesSince`). Uint32Array inputs are in range by construction, so no per-word
   * check is needed; each write is stored as two precomputed-header words.
   */
  omnibusWrites(addresses: Uint32Array, words: Uint32Array): this {
    const n = addresses.length;
    if (words.length !== n) throw new LinkError('length-mismatch', `omnibusWrites got ${n} addresses but ${words.length} words`, { value: words.length, range: { min: n, max: n } });
    this.reserve(n * 2 * PHYWORD_BYTES);
    const view = this.view;
    let p = this.length;
    for (let i = 0; i < n; i++, p += 2 * PHYWORD_BYTES) {
      view.setUint32(p, WRITE_ADDRESS_UPPER);
      view.setUint32(p + 4, addresses[i]!);
      view.setUint32(p + 8, DATA_UPPER);
      view.setUint32(p + 12, words[i]!);
    }
    this.length = p;
    this.count += 2 * n;
    return this;
  }

  /** An omnibus read (§5.4): `omnibus.address` with isRead 1; the FPGA answers with from-FPGA `omnibus.data`. */
  omnibusRead(address: number, byteEnables: number = ALL_BYTES): this {
    this.emit(OMNIBUS_ADDRESS, address, byteEnables, 1, 0, 0, 0);
    return this;
  }

  spikePack1(label0: number): this {
    this.emit(SPIKE_PACK_1, label0, 0, 0, 0, 0, 0);
    return this;
  }

  spikePack2(label0: number, label1: number): this {
    this.emit(SPIKE_PACK_2, label0, label1, 0, 0, 0, 0);
    return this;
  }

  spikePack3(label0: number, label1: number, label2: number): this {
    this.emit(SPIKE_PACK_3, label0, label1, label2, 0, 0, 0);
    return this;
  }

  /** One spike pack holding exactly `labels` (1..3 labels, first most significant). */
  spikePack(labels: ArrayLike<number>): this {
    const n = labels.length;
    if (n < 1 || n > MAX_EVENTS_PER_PACK) throw packSizeError('event.spikePack', n);
    if (n === 1) return this.spikePack1(labels[0]!);
    if (n === 2) return this.spikePack2(labels[0]!, labels[1]!);
    return this.spikePack3(labels[0]!, labels[1]!, labels[2]!);
  }

  /** Spikes injected in the same cycle: `labels[start..end)` in packs of 3, the remainder in one pack of 2 or 1. */
  spikes(labels: ArrayLike<number>, start = 0, end = labels.length): this {
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || start > end || end > labels.length) {
      throw new LinkError('out-of-range', `spikes: range [${start}, ${end}) is not a slice of ${labels.length} labels`, {
        field: 'end',
        value: end,
        range: { min: Number.isInteger(start) && start >= 0 ? start : 0, max: labels.length },
      });
    }
    let i = start;
    for (; i + MAX_EVENTS_PER_PACK <= end; i += MAX_EVENTS_PER_PACK) {
      this.emit(SPIKE_PACK_3, labels[i]!, labels[i + 1]!, labels[i + 2]!, 0, 0, 0);
    }
    if (end - i === 2) this.emit(SPIKE_PACK_2, labels[i]!, labels[i + 1]!, 0, 0, 0, 0);
    if (end - i === 1) this.emit(SPIKE_PACK_1, labels[i]!, 0, 0, 0, 0, 0);
    return this;
  }
}
