import { MESSAGE_LIMBS, packFields } from './field-engine.js';
import { LinkError } from './link-error.js';
import { PHYWORD_BYTES, storeLimbs, type CompiledDictionary, type CompiledMessage } from './ut-framing.js';

const INITIAL_BYTES = 1 << 16;

/**
 * Appends UT messages of one direction to a growable byte buffer: the shared core of `ToFpgaWriter` and
 * `FromFpgaWriter`. Messages are packed back to back into the bit stream exactly as hxcomm's `Encoder`
 * does [hxcomm:include/hxcomm/common/encoder.tcc]; `finish()` pads a partly filled last phyword like
 * `Encoder::flush()`: one comma bit (1) right after the last message, zeros after it.
 * Values are range-checked (typed `LinkError`) before anything is written; nothing is allocated per message.
 */
export class StreamWriter {
  private bytes: Uint8Array;
  protected view: DataView;
  protected length = 0;
  protected count = 0;
  private readonly limbs = new Uint32Array(MESSAGE_LIMBS);

  constructor(
    private readonly dictionary: CompiledDictionary,
    initialBytes = INITIAL_BYTES,
  ) {
    this.bytes = new Uint8Array(Math.max(PHYWORD_BYTES * 2, initialBytes));
    this.view = new DataView(this.bytes.buffer);
  }

  /** Bytes written so far (before end-of-stream padding). */
  get byteLength(): number {
    return this.length;
  }

  /** Messages written since the last `finish()` / `reset()`. */
  get messageCount(): number {
    return this.count;
  }

  /**
   * Ends the stream: pads to a whole phyword and returns a copy of the bytes. The writer keeps its buffer
   * (already grown and paged in) for the next stream, which measured faster than handing the buffer over.
   */
  finish(): Uint8Array {
    const tail = this.length % PHYWORD_BYTES;
    if (tail !== 0) {
      if (this.length + PHYWORD_BYTES - tail > this.bytes.length) this.grow(PHYWORD_BYTES);
      // The comma marks "no further message in this phyword" for the decoder [hxcomm common/decoder.tcc].
      this.bytes.fill(0, this.length, this.length + PHYWORD_BYTES - tail);
      this.bytes[this.length] = 0x80;
      this.length += PHYWORD_BYTES - tail;
    }
    const out = this.bytes.slice(0, this.length);
    this.reset();
    return out;
  }

  /** Drops everything written so far. */
  reset(): void {
    this.length = 0;
    this.count = 0;
  }

  /**
   * Appends one message, its field values in table order (unused trailing arguments are ignored). Every value
   * is checked before the message is written, so a rejected message leaves the stream unchanged.
   */
  protected emit(m: CompiledMessage, a: number, b: number, c: number, d: number, e: number, f: number): void {
    const limbs = this.limbs;
    packFields(m, a, b, c, d, e, f, limbs);
    const size = m.byteLength;
    if (this.length + size > this.bytes.length) this.grow(size);
    storeLimbs(this.view, this.length, size, limbs);
    this.length += size;
    this.count++;
  }

  /** Appends a message object `{ type, ...fields }`; used by the object codecs. */
  protected emitObject(message: { readonly type: string }): void {
    if (typeof message !== 'object' || message === null) {
      throw new LinkError('unknown-type', `${this.dictionary.framing.name}: a message must be an object { type, ...fields }, got ${JSON.stringify(message)}`, {
        value: message,
      });
    }
    const m = this.dictionary.byName.get(message.type);
    if (m === undefined) {
      const names = [...this.dictionary.byName.keys()].join(', ');
      throw new LinkError('unknown-type', `${this.dictionary.framing.name}: unknown message type ${JSON.stringify(message.type)}; expected one of ${names}`, {
        messageType: String(message.type),
        value: message.type,
      });
    }
    const record = message as unknown as Readonly<Record<string, number>>;
    const value = (i: number): number => (i < m.fields.length ? record[m.fields[i]!.name]! : 0);
    this.emit(m, value(0), value(1), value(2), value(3), value(4), value(5));
  }

  /** Makes room for `bytes` more bytes at `this.length` (for bulk writers in subclasses). */
  protected reserve(bytes: number): void {
    if (this.length + bytes > this.bytes.length) this.grow(bytes);
  }

  private grow(needed: number): void {
    const next = new Uint8Array(Math.max(this.bytes.length * 2, this.length + needed + PHYWORD_BYTES));
    next.set(this.bytes.subarray(0, this.length));
    this.bytes = next;
    this.view = new DataView(next.buffer);
  }
}

