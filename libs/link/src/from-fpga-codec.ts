import { FROM_FPGA_COMPILED, type FromFpgaMessage, type FromFpgaVisitor } from './from-fpga-dictionary.js';
import { FromFpgaWriter } from './from-fpga-writer.js';
import { tryLink, type LinkResult } from './link-error.js';
import { messageCollector } from './message-collector.js';
import { decodeStream } from './stream-decoder.js';
import { PHYWORD_BYTES } from './ut-framing.js';

/**
 * The object API from the FPGA: message objects ↔ bytes, built on `FromFpgaWriter` and the shared stream
 * decoder. Messages are packed back to back (8-bit subwords, ≥ one phyword each); see `ut-framing.ts`.
 */

/** Encodes messages into the from-FPGA byte stream, padding the last phyword with a comma. */
export function encodeFromFpga(messages: readonly FromFpgaMessage[]): Uint8Array {
  const writer = new FromFpgaWriter((messages.length + 1) * PHYWORD_BYTES);
  for (const message of messages) writer.message(message);
  return writer.finish();
}

/** Decodes a from-FPGA byte stream into message objects; throws `LinkError` on malformed input. */
export function decodeFromFpga(bytes: Uint8Array): FromFpgaMessage[] {
  const out: FromFpgaMessage[] = [];
  decodeStream(FROM_FPGA_COMPILED, bytes, messageCollector(FROM_FPGA_COMPILED, out));
  return out;
}

/** `decodeFromFpga` for untrusted input: the messages, or the `LinkError` saying what is wrong and where. */
export function tryDecodeFromFpga(bytes: Uint8Array): LinkResult<FromFpgaMessage[]> {
  return tryLink(() => decodeFromFpga(bytes));
}

/**
 * The fast decoder: calls `visitor['<row name>'](...fields)` for each message, allocating no message objects.
 * Throws `LinkError` on malformed input, after the visitor has seen the messages before the fault.
 */
export function decodeFromFpgaInto(bytes: Uint8Array, visitor: FromFpgaVisitor): void {
  decodeStream(FROM_FPGA_COMPILED, bytes, visitor);
}
