/**
 * @bss2/link — UT messages to and from the FPGA (hxcomm / fisch counterpart), bss2-reference §5.
 * Table of contents, grouped by file.
 */

// Errors: one class, codes as a string union, try-forms return results.
export { LinkError, LINK_ERROR_CODES, tryLink, type LinkErrorCode, type LinkErrorDetails, type LinkRange, type LinkResult } from './link-error.js';

// The two dictionaries (data), and the message / visitor types derived from them.
export type { FieldSpec, MessageSpec, MessageOf, MessageUnion, VisitorOf, FieldTuple } from './message-spec.js';
export { TO_FPGA_DICTIONARY, type ToFpgaType, type ToFpgaMessage, type ToFpgaVisitor } from './to-fpga-dictionary.js';
export { FROM_FPGA_DICTIONARY, type FromFpgaType, type FromFpgaMessage, type FromFpgaVisitor } from './from-fpga-dictionary.js';

// Framing: UT message widths, phyword size.
export { PHYWORD_BYTES, TO_FPGA_FRAMING, FROM_FPGA_FRAMING, type Framing } from './ut-framing.js';

// Object API: message objects <-> bytes, both directions.
export { encodeToFpga, decodeToFpga, tryDecodeToFpga, decodeToFpgaInto, toFpgaSpikePack } from './to-fpga-codec.js';
export { encodeFromFpga, decodeFromFpga, tryDecodeFromFpga, decodeFromFpgaInto } from './from-fpga-codec.js';

// Fast API: allocation-free writers (the visitor decoders are above).
export { ToFpgaWriter, ALL_BYTES } from './to-fpga-writer.js';
export { FromFpgaWriter } from './from-fpga-writer.js';

// Time: the host clock rule, absolute event times, and the twin's inverse.
export { FPGA_TIME_MAX, TIMESTAMP_PERIOD_CYCLES, advanceHostClock, eventCycles, eventTimestamp } from './host-clock.js';
export { FromFpgaTimeline, readFromFpgaEvents, type TimedSpike, type TimedMadcSample } from './from-fpga-timeline.js';
export { writeTimedSpikes, writeTimedMadcSamples } from './from-fpga-event-emitter.js';

// Constants.
export { FPGA_CYCLES_PER_US, INSTRUCTION_MEMORY_WORDS, BARRIER_MASK, LOOPBACK_TICK, JTAG_INSTRUCTION } from './constants.js';

// Docs generated from the tables.
export { describeDictionaries } from './describe-dictionaries.js';
