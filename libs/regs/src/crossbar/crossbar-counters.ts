import { CrossbarInputOnDLS, CrossbarOutputOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §1.2 "Counters: input drop counter 16 bit; output event counter 24 bit". Addresses and layouts from
// haldls src/haldls/vx/routing_crossbar.cpp (CrossbarInputDropCounter, CrossbarOutputEventCounter): one word
// per input / output after the crossbar nodes, the count in the low bits. haldls gives both counters read
// addresses only (write_config_size_in_words = 0) and documents no way to clear them over the omnibus, so
// they are read-only status registers here and a write has no defined effect.

/** Events dropped at one crossbar input, summed over its nodes that have `enableDropCounter` set. */
export const CrossbarInputDropCounter = defineContainer({
  name: 'CrossbarInputDropCounter',
  coord: CrossbarInputOnDLS,
  words: 1,
  kind: 'status',
  readable: true,
  base: (input) => baseOf('crossbarInputDropCounters') + input,
  addressing: 'crossbarInputDropCounters + input',
  ref: '§1.2',
  source: 'haldls src/haldls/vx/routing_crossbar.cpp',
  doc: 'Read-only drop count of one input (nodes with enableDropCounter); haldls has no write address for it, so no write resets it.',
  fields: [{ name: 'value', word: 0, lsb: 0, width: 16, access: 'ro', reset: 0, doc: 'Dropped events, 0..65535' }],
});

/** Events routed to one crossbar output while its `enableEventCounter` is set (CrossbarOutputConfig). */
export const CrossbarOutputEventCounter = defineContainer({
  name: 'CrossbarOutputEventCounter',
  coord: CrossbarOutputOnDLS,
  words: 1,
  kind: 'status',
  readable: true,
  base: (output) => baseOf('crossbarOutputEventCounters') + output,
  addressing: 'crossbarOutputEventCounters + output',
  ref: '§1.2',
  source: 'haldls src/haldls/vx/routing_crossbar.cpp',
  doc: 'Read-only event count of one output (CrossbarOutputConfig.enableEventCounter); haldls has no write address for it, so no write resets it.',
  fields: [{ name: 'value', word: 0, lsb: 0, width: 24, access: 'ro', reset: 0, doc: 'Routed events, 0..16777215' }],
});
