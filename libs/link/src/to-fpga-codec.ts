import { MAX_EVENTS_PER_PACK, packSizeError, tryLink, type LinkResult } from './link-error.js';
import { messageCollector } from './message-collector.js';
import { decodeStream } from './stream-decoder.js';
import { TO_FPGA_COMPILED, type ToFpgaMessage, type ToFpgaVisitor } from './to-fpga-dictionary.js';
import { ToFpgaWriter } from './to-fpga-writer.js';
import { PHYWORD_BYTES } from './ut-framing.js';

/**
 * The object API to the FPGA: message objects ↔ bytes. Built on `ToFpgaWriter` and the shared stream
 * decoder, so it is bit-identical to the fast path by construction (and tested against it).
 */

/** Encodes messages into the to-FPGA byte stream: one 64-bit big-endian word per message. */
export function encodeToFpga(messages: readonly ToFpgaMessage[]): Uint8Array {
  const writer = new ToFpgaWriter(messages.length * PHYWORD_BYTES);
  for (const message of messages) writer.message(message);
  return writer.finish();
}

/** Decodes a to-FPGA byte stream into message objects; throws `LinkError` on malformed input. */
export function decodeToFpga(bytes: Uint8Array): ToFpgaMessage[] {
  const out: ToFpgaMessage[] = [];
  decodeStream(TO_FPGA_COMPILED, bytes, messageCollector(TO_FPGA_COMPILED, out));
  return out;
}

/** `decodeToFpga` for untrusted input: the messages, or the `LinkError` saying what is wrong and where. */
export function tryDecodeToFpga(bytes: Uint8Array): LinkResult<ToFpgaMessage[]> {
  return tryLink(() => decodeToFpga(bytes));
}

/**
 * The fast decoder: calls `visitor['<row name>'](...fields)` for each message, allocating no message objects.
 * Throws `LinkError` on malformed input, after the visitor has seen the messages before the fault.
 */
export function decodeToFpgaInto(bytes: Uint8Array, visitor: ToFpgaVisitor): void {
  decodeStream(TO_FPGA_COMPILED, bytes, visitor);
}

/** The spike-pack message carrying exactly `labels` (1..3, first most significant). */
export function toFpgaSpikePack(labels: readonly number[]): ToFpgaMessage {
  const [label0 = 0, label1 = 0, label2 = 0] = labels;
  switch (labels.length) {
    case 1:
      return { type: 'event.spikePack1', label0 };
    case 2:
      return { type: 'event.spikePack2', label0, label1 };
    case MAX_EVENTS_PER_PACK:
      return { type: 'event.spikePack3', label0, label1, label2 };
    default:
      throw packSizeError('event.spikePack', labels.length);
  }
}
