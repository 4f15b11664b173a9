import { FROM_FPGA_COMPILED, type FromFpgaMessage } from './from-fpga-dictionary.js';
import { advanceHostClock } from './host-clock.js';
import { StreamWriter } from './stream-writer.js';
import { messageNamed, type CompiledMessage } from './ut-framing.js';

const row = (name: string) => messageNamed(FROM_FPGA_COMPILED, name);
const JTAG_DATA = row('jtag.data');
const OMNIBUS_DATA = row('omnibus.data');
const LOOPBACK = row('loopback');
const HIGHSPEED_LINK_NOTIFICATION = row('highspeedLinkNotification');
const TIMEOUT_NOTIFICATION = row('timeoutNotification');
const SYSTIME = row('systime');
const SYSDELTA = row('sysdelta');
const MADC_SAMPLE_PACK_1 = row('madcSamplePack1');
const MADC_SAMPLE_PACK_2 = row('madcSamplePack2');
const MADC_SAMPLE_PACK_3 = row('madcSamplePack3');
const SPIKE_PACK_1 = row('spikePack1');
const SPIKE_PACK_2 = row('spikePack2');
const SPIKE_PACK_3 = row('spikePack3');

/**
 * Fast encoder of the from-FPGA stream, used by the twin to answer a program. One method per dictionary row,
 * fields in table order (the mirror image of `FromFpgaVisitor`). Messages are packed back to back in the bit
 * stream (8-bit subwords, each message at least one 64-bit phyword long, the 80-bit 3-packs spanning two);
 * `finish()` pads the last phyword with a comma. Same field engine and checks as every other codec here.
 *
 * The writer also tracks `hostClock`, the FPGA time a host decoding this stream will have reconstructed after
 * the last message (the fisch rule, `host-clock.ts`), so that `writeTimedSpikes` can place events exactly.
 */
export class FromFpgaWriter extends StreamWriter {
  private clock = 0;

  constructor(initialBytes?: number) {
    super(FROM_FPGA_COMPILED, initialBytes);
  }

  /** Host clock (FPGA cycles) after the messages written so far; 0 for an empty stream. */
  get hostClock(): number {
    return this.clock;
  }

  override reset(): void {
    super.reset();
    this.clock = 0;
  }

  protected override emit(m: CompiledMessage, a: number, b: number, c: number, d: number, e: number, f: number): void {
    const next = advanceHostClock(this.clock, m.index, a);
    super.emit(m, a, b, c, d, e, f);
    this.clock = next;
  }

  /** Appends a message object (the object API's path; same engine as the methods below). */
  message(message: FromFpgaMessage): this {
    this.emitObject(message);
    return this;
  }

  jtagData(data: number): this {
    this.emit(JTAG_DATA, data, 0, 0, 0, 0, 0);
    return this;
  }

  /** The answer to an omnibus read. */
  omnibusData(data: number): this {
    this.emit(OMNIBUS_DATA, data, 0, 0, 0, 0, 0);
    return this;
  }

  loopback(tick: number): this {
    this.emit(LOOPBACK, tick, 0, 0, 0, 0, 0);
    return this;
  }

  highspeedLinkNotification(value: number): this {
    this.emit(HIGHSPEED_LINK_NOTIFICATION, value, 0, 0, 0, 0, 0);
    return this;
  }

  timeoutNotification(value: number): this {
    this.emit(TIMEOUT_NOTIFICATION, value, 0, 0, 0, 0, 0);
    return this;
  }

  systime(cycles: number): this {
    this.emit(SYSTIME, cycles, 0, 0, 0, 0, 0);
    return this;
  }

  sysdelta(cycles: number): this {
    this.emit(SYSDELTA, cycles, 0, 0, 0, 0, 0);
    return this;
  }

  madcSamplePack1(value0: number, timestamp0: number): this {
    this.emit(MADC_SAMPLE_PACK_1, value0, timestamp0, 0, 0, 0, 0);
    return this;
  }

  madcSamplePack2(value0: number, timestamp0: number, value1: number, timestamp1: number): this {
    this.emit(MADC_SAMPLE_PACK_2, value0, timestamp0, value1, timestamp1, 0, 0);
    return this;
  }

  madcSamplePack3(value0: number, timestamp0: number, value1: number, timestamp1: number, value2: number, timestamp2: number): this {
    this.emit(MADC_SAMPLE_PACK_3, value0, timestamp0, value1, timestamp1, value2, timestamp2);
    return this;
  }

  spikePack1(label0: number, timestamp0: number): this {
    this.emit(SPIKE_PACK_1, label0, timestamp0, 0, 0, 0, 0);
    return this;
  }

  spikePack2(label0: number, timestamp0: number, label1: number, timestamp1: number): this {
    this.emit(SPIKE_PACK_2, label0, timestamp0, label1, timestamp1, 0, 0);
    return this;
  }

  spikePack3(label0: number, timestamp0: number, label1: number, timestamp1: number, label2: number, timestamp2: number): this {
    this.emit(SPIKE_PACK_3, label0, timestamp0, label1, timestamp1, label2, timestamp2);
    return this;
  }
}
