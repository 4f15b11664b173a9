import type { MessageSpec, MessageUnion, VisitorOf } from './message-spec.js';
import { compileDictionary, FROM_FPGA_FRAMING } from './ut-framing.js';

const HX = 'hxcomm:include/hxcomm/vx/instruction';
const EV = `${HX}/event_from_fpga.h`;

// Event packs (bss2-reference §5.3; hxcomm event_from_fpga.h): each event is 24 bit = 8-bit timestamp in bits
// 23..16 above a 16-bit label (spikes) or a 16-bit value slot of which bits 13..0 carry the MADC sample
// (`MADCSample::value_size = 16`, decoded as `bitset<14>`). Event k of an N-pack sits at bit (N-1-k)·24:
// the first event is the most significant (`SpikePackPayload::encode`).
const TS = 'event time: bits 7..1 = FPGA cycle mod 128, bit 0 = half cycle (host-clock rule)';
const LABEL = 'spike label (SPL1 address bits 15..14, neuron label 13..0)';
const MADC = 'MADC sample value (bits 15..14 of the 16-bit slot are reserved, 0)';

/**
 * The FromFPGA UT dictionary (bss2-reference §5.3): responses and events from the FPGA to the host.
 * Order = header index; hxcomm `FromFPGADictionary` = jtag_from_hicann, omnibus_from_fpga, from_fpga_system,
 * timing_from_fpga, event_from_fpga (MADC packs before spike packs) [hxcomm instruction/instruction.h].
 */
export const FROM_FPGA_DICTIONARY = [
  {
    index: 0,
    name: 'jtag.data',
    payloadWidth: 33,
    fields: [{ name: 'data', lsb: 0, width: 33, doc: 'bits shifted out of the JTAG register' }],
    doc: 'Response to a to-FPGA jtag.data with keepResponse = 1.',
    source: `${HX}/jtag_from_hicann.h (Data)`,
  },
  {
    index: 1,
    name: 'omnibus.data',
    payloadWidth: 32,
    fields: [{ name: 'data', lsb: 0, width: 32, doc: 'word read' }],
    doc: 'Response to a to-FPGA omnibus.address with isRead = 1.',
    source: `${HX}/omnibus_from_fpga.h (Data)`,
  },
  {
    index: 2,
    name: 'loopback',
    payloadWidth: 1,
    fields: [{ name: 'tick', lsb: 0, width: 1, values: { halt: 0, tick: 1 }, doc: 'echo of system.loopback' }],
    doc: 'Trace marker answering system.loopback; `halt` ends the responses of a program.',
    source: `${HX}/from_fpga_system.h (Loopback)`,
  },
  {
    index: 3,
    name: 'highspeedLinkNotification',
    payloadWidth: 8,
    fields: [{ name: 'value', lsb: 0, width: 8, doc: 'link status bits (opaque here)' }],
    doc: 'Highspeed-link status notification.',
    source: `${HX}/from_fpga_system.h (HighspeedLinkNotification)`,
  },
  {
    index: 4,
    name: 'timeoutNotification',
    payloadWidth: 45,
    fields: [{ name: 'value', lsb: 0, width: 45, doc: 'timeout information (opaque here)' }],
    doc: 'Instruction timeout notification.',
    source: `${HX}/from_fpga_system.h (TimeoutNotification, size 45)`,
  },
  {
    index: 5,
    name: 'systime',
    payloadWidth: 43,
    fields: [{ name: 'cycles', lsb: 0, width: 43, doc: 'full FPGA time in 125 MHz cycles' }],
    doc: 'Full systime update: sets the host clock.',
    source: `${HX}/timing_from_fpga.h (Systime)`,
  },
  {
    index: 6,
    name: 'sysdelta',
    payloadWidth: 8,
    fields: [{ name: 'cycles', lsb: 0, width: 8, doc: 'cycles to add to the host clock' }],
    doc: 'Delta time update.',
    source: `${HX}/timing_from_fpga.h (Sysdelta)`,
  },
  {
    index: 7,
    name: 'madcSamplePack1',
    payloadWidth: 24,
    fields: [
      { name: 'value0', lsb: 0, width: 14, doc: MADC },
      { name: 'timestamp0', lsb: 16, width: 8, doc: TS },
    ],
    doc: 'One MADC sample.',
    source: `${EV} (MADCSamplePack<1>)`,
  },
  {
    index: 8,
    name: 'madcSamplePack2',
    payloadWidth: 48,
    fields: [
      { name: 'value0', lsb: 24, width: 14, doc: MADC },
      { name: 'timestamp0', lsb: 40, width: 8, doc: TS },
      { name: 'value1', lsb: 0, width: 14, doc: MADC },
      { name: 'timestamp1', lsb: 16, width: 8, doc: TS },
    ],
    doc: 'Two MADC samples, first most significant.',
    source: `${EV} (MADCSamplePack<2>)`,
  },
  {
    index: 9,
    name: 'madcSamplePack3',
    payloadWidth: 72,
    fields: [
      { name: 'value0', lsb: 48, width: 14, doc: MADC },
      { name: 'timestamp0', lsb: 64, width: 8, doc: TS },
      { name: 'value1', lsb: 24, width: 14, doc: MADC },
      { name: 'timestamp1', lsb: 40, width: 8, doc: TS },
      { name: 'value2', lsb: 0, width: 14, doc: MADC },
      { name: 'timestamp2', lsb: 16, width: 8, doc: TS },
    ],
    doc: 'Three MADC samples, first most significant.',
    source: `${EV} (MADCSamplePack<3>)`,
  },
  {
    index: 10,
    name: 'spikePack1',
    payloadWidth: 24,
    fields: [
      { name: 'label0', lsb: 0, width: 16, doc: LABEL },
      { name: 'timestamp0', lsb: 16, width: 8, doc: TS },
    ],
    doc: 'One spike.',
    source: `${EV} (SpikePack<1>)`,
  },
  {
    index: 11,
    name: 'spikePack2',
    payloadWidth: 48,
    fields: [
      { name: 'label0', lsb: 24, width: 16, doc: LABEL },
      { name: 'timestamp0', lsb: 40, width: 8, doc: TS },
      { name: 'label1', lsb: 0, width: 16, doc: LABEL },
      { name: 'timestamp1', lsb: 16, width: 8, doc: TS },
    ],
    doc: 'Two spikes, first most significant.',
    source: `${EV} (SpikePack<2>)`,
  },
  {
    index: 12,
    name: 'spikePack3',
    payloadWidth: 72,
    fields: [
      { name: 'label0', lsb: 48, width: 16, doc: LABEL },
      { name: 'timestamp0', lsb: 64, width: 8, doc: TS },
      { name: 'label1', lsb: 24, width: 16, doc: LABEL },
      { name: 'timestamp1', lsb: 40, width: 8, doc: TS },
      { name: 'label2', lsb: 0, width: 16, doc: LABEL },
      { name: 'timestamp2', lsb: 16, width: 8, doc: TS },
    ],
    doc: 'Three spikes, first most significant.',
    source: `${EV} (SpikePack<3>)`,
  },
] as const satisfies readonly MessageSpec[];

/** Names of the from-FPGA messages. */
export type FromFpgaType = (typeof FROM_FPGA_DICTIONARY)[number]['name'];

/** A from-FPGA message object, e.g. `{ type: 'systime', cycles: 1000 }`. */
export type FromFpgaMessage = MessageUnion<typeof FROM_FPGA_DICTIONARY>;

/** Handlers for `decodeFromFpgaInto`: one optional method per message, called with its fields in table order. */
export type FromFpgaVisitor = VisitorOf<typeof FROM_FPGA_DICTIONARY>;

/** @internal The dictionary compiled for the field engine; compiling checks the table when this module loads. */
export const FROM_FPGA_COMPILED = compileDictionary(FROM_FPGA_DICTIONARY, FROM_FPGA_FRAMING);
