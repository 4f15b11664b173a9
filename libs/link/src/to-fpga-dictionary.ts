import type { MessageSpec, MessageUnion, VisitorOf } from './message-spec.js';
import { compileDictionary, TO_FPGA_FRAMING } from './ut-framing.js';

const HX = 'hxcomm:include/hxcomm/vx/instruction';

/**
 * The ToFPGA UT dictionary (bss2-reference §5.2): instructions from the host to the FPGA playback executor.
 * Order = header index; the groups follow hxcomm `ToFPGADictionary` = to_fpga_jtag, timing, system,
 * omnibus_to_fpga, event_to_fpga [hxcomm:include/hxcomm/vx/instruction/instruction.h].
 * Every message is one 64-bit word (header 8 bit + payload ≤ 56 bit, see `ut-framing.ts`).
 */
export const TO_FPGA_DICTIONARY = [
  {
    index: 0,
    name: 'jtag.init',
    payloadWidth: 0,
    fields: [],
    doc: 'Reset the JTAG TAP state machine.',
    source: `${HX}/to_fpga_jtag.h (Init)`,
  },
  {
    index: 1,
    name: 'jtag.scaler',
    payloadWidth: 8,
    fields: [{ name: 'scaler', lsb: 0, width: 8, doc: 'slow-down factor of the JTAG clock' }],
    doc: 'Set the JTAG clock scaler.',
    source: `${HX}/to_fpga_jtag.h (Scaler)`,
  },
  {
    index: 2,
    name: 'jtag.ins',
    payloadWidth: 7,
    fields: [
      {
        name: 'instruction',
        lsb: 0,
        width: 7,
        values: {
          EXTEST: 0,
          IDCODE: 1,
          SAMPLE_PRELOAD: 2,
          PLL_TARGET_REG: 3,
          SHIFT_PLL: 4,
          OMNIBUS_ADDRESS: 5,
          OMNIBUS_DATA: 6,
          OMNIBUS_REQUEST: 7,
          BYPASS: 127,
        },
        doc: 'JTAG instruction register value',
      },
    ],
    doc: 'Select the chip JTAG instruction register.',
    source: `${HX}/to_fpga_jtag.h (Ins)`,
  },
  {
    index: 3,
    name: 'jtag.data',
    payloadWidth: 56,
    fields: [
      { name: 'payload', lsb: 0, width: 33, doc: 'data shifted into the selected register (bits 33..39 padding)' },
      { name: 'numBits', lsb: 40, width: 8, min: 3, max: 33, doc: 'number of payload bits to shift, 3..33' },
      { name: 'keepResponse', lsb: 48, width: 1, doc: '1 = send the shifted-out bits back as from-FPGA jtag.data' },
    ],
    doc: 'Shift data through the selected JTAG register (40-bit padded data, 8-bit num_bits, 8-bit keep_response).',
    source: `${HX}/to_fpga_jtag.h (Data::Payload::encode)`,
  },
  {
    index: 4,
    name: 'timing.setup',
    payloadWidth: 0,
    fields: [],
    doc: 'Reset the playback timer to 0.',
    source: `${HX}/timing.h (Setup)`,
  },
  {
    index: 5,
    name: 'timing.waitUntil',
    payloadWidth: 32,
    fields: [{ name: 'cycles', lsb: 0, width: 32, doc: 'timer value in FPGA cycles (8 ns) to wait for' }],
    doc: 'Block execution until the timer reaches the value.',
    source: `${HX}/timing.h (WaitUntil)`,
  },
  {
    index: 6,
    name: 'timing.systimeInit',
    payloadWidth: 1,
    fields: [{ name: 'sync', lsb: 0, width: 1, doc: '1 = synchronise chip systime to FPGA time; 0 = only emit a systime update' }],
    doc: 'Synchronise ASIC time with FPGA time.',
    source: `${HX}/timing.h (SystimeInit); fisch:include/fisch/vx/systime.h`,
  },
  {
    index: 7,
    name: 'timing.barrier',
    payloadWidth: 5,
    fields: [
      {
        name: 'mask',
        lsb: 0,
        width: 5,
        values: { omnibus: 1, jtag: 2, systime: 4, multiFpga: 8, systimeCorrection: 16 },
        doc: 'OR of the channels that must be idle',
      },
    ],
    doc: 'Block execution until the selected communication channels are idle.',
    source: `${HX}/timing.h (Barrier); fisch word_access/type/barrier.cpp (systime_correction)`,
  },
  {
    index: 8,
    name: 'timing.pollingOmnibusBlock',
    payloadWidth: 1,
    fields: [{ name: 'whenEqual', lsb: 0, width: 1, doc: '1 = resolve when (value & mask) == target, 0 = when !=' }],
    doc: 'Block until an omnibus register matches; address, mask and target are executor registers.',
    source: `${HX}/timing.h (PollingOmnibusBlock); fisch:include/fisch/vx/omnibus.h`,
  },
  {
    index: 9,
    name: 'system.reset',
    payloadWidth: 1,
    fields: [{ name: 'enable', lsb: 0, width: 1, doc: '1 = assert the chip reset' }],
    doc: 'Set the reset register.',
    source: `${HX}/system.h (Reset)`,
  },
  {
    index: 10,
    name: 'system.loopback',
    payloadWidth: 1,
    fields: [{ name: 'tick', lsb: 0, width: 1, values: { halt: 0, tick: 1 }, doc: 'echoed in the from-FPGA loopback' }],
    doc: 'Request a loopback response; `halt` (0) marks the end of a program.',
    source: `${HX}/system.h (Loopback)`,
  },
  {
    index: 11,
    name: 'omnibus.address',
    payloadWidth: 37,
    fields: [
      { name: 'address', lsb: 0, width: 32, doc: 'omnibus word address' },
      { name: 'byteEnables', lsb: 32, width: 4, doc: 'bytes of the word to write (0xF = all)' },
      { name: 'isRead', lsb: 36, width: 1, doc: '1 = read (the FPGA answers with omnibus.data), 0 = write' },
    ],
    doc: 'Set the omnibus address of the next access; a write is followed by omnibus.data.',
    source: `${HX}/omnibus_to_fpga.h (Address::Payload::encode)`,
  },
  {
    index: 12,
    name: 'omnibus.data',
    payloadWidth: 32,
    fields: [{ name: 'data', lsb: 0, width: 32, doc: 'word written to the preceding address' }],
    doc: 'Write data to the address set by the preceding omnibus.address.',
    source: `${HX}/omnibus_to_fpga.h (Data)`,
  },
  {
    index: 13,
    name: 'event.spikePack1',
    payloadWidth: 16,
    fields: [{ name: 'label0', lsb: 0, width: 16, doc: 'spike label (SPL1 address bits 15..14, neuron label 13..0)' }],
    doc: 'Inject one spike.',
    source: `${HX}/event_to_fpga.h (SpikePack<1>)`,
  },
  {
    index: 14,
    name: 'event.spikePack2',
    payloadWidth: 32,
    fields: [
      { name: 'label0', lsb: 16, width: 16, doc: 'first spike label (most significant)' },
      { name: 'label1', lsb: 0, width: 16, doc: 'second spike label' },
    ],
    doc: 'Inject two spikes in the same cycle.',
    source: `${HX}/event_to_fpga.h (SpikePack<2>::Payload::encode)`,
  },
  {
    index: 15,
    name: 'event.spikePack3',
    payloadWidth: 48,
    fields: [
      { name: 'label0', lsb: 32, width: 16, doc: 'first spike label (most significant)' },
      { name: 'label1', lsb: 16, width: 16, doc: 'second spike label' },
      { name: 'label2', lsb: 0, width: 16, doc: 'third spike label' },
    ],
    doc: 'Inject three spikes in the same cycle.',
    source: `${HX}/event_to_fpga.h (SpikePack<3>::Payload::encode)`,
  },
] as const satisfies readonly MessageSpec[];

/** Names of the to-FPGA instructions. */
export type ToFpgaType = (typeof TO_FPGA_DICTIONARY)[number]['name'];

/** A to-FPGA message object, e.g. `{ type: 'omnibus.data', data: 0xdeadbeef }`. */
export type ToFpgaMessage = MessageUnion<typeof TO_FPGA_DICTIONARY>;

/** Handlers for `decodeToFpgaInto`: one optional method per instruction, called with its fields in table order. */
export type ToFpgaVisitor = VisitorOf<typeof TO_FPGA_DICTIONARY>;

/** @internal The dictionary compiled for the field engine; compiling checks the table when this module loads. */
export const TO_FPGA_COMPILED = compileDictionary(TO_FPGA_DICTIONARY, TO_FPGA_FRAMING);
