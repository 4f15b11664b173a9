import { CrossbarNodeOnDLS, CrossbarOutputConfigOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §1.2: the crossbar routes events from 20 inputs to 12 outputs through 76 nodes; a node passes an
// event when (label & mask) == target. Layouts from haldls src/haldls/vx/routing_crossbar.cpp.

/** One crossbar node (§1.2 table: mask 0–13, target 16–29, enable_drop_counter 31). */
export const CrossbarNode = defineContainer({
  name: 'CrossbarNode',
  coord: CrossbarNodeOnDLS,
  words: 1,
  kind: 'config',
  // §5.6 / haldls lola Crossbar: unsupported_read_targets = {hardware}.
  readable: false,
  base: (node) => baseOf('crossbarNodes') + node,
  addressing: 'crossbarNodes + node',
  ref: '§1.2',
  source: 'haldls src/haldls/vx/routing_crossbar.cpp',
  doc: 'Routing node: an event passes when (NeuronLabel & mask) == target.',
  fields: [
    { name: 'mask', word: 0, lsb: 0, width: 14, access: 'rw', reset: 0, doc: 'Label bits compared with target' },
    { name: 'target', word: 0, lsb: 16, width: 14, access: 'rw', reset: 0, doc: 'Required value of the masked label bits' },
    { name: 'enableDropCounter', word: 0, lsb: 31, width: 1, type: 'bool', access: 'rw', reset: false, doc: 'Count events this node drops in the input drop counter' },
  ],
});

/** Output side of the crossbar: slow mode of the L2 outputs and per-output event counters. */
export const CrossbarOutputConfig = defineContainer({
  name: 'CrossbarOutputConfig',
  coord: CrossbarOutputConfigOnDLS,
  words: 1,
  kind: 'config',
  readable: true,
  base: () => baseOf('crossbarOutMux'),
  addressing: 'crossbarOutMux',
  ref: '§1.2',
  source: 'haldls src/haldls/vx/routing_crossbar.cpp',
  doc: 'Crossbar out-mux: enable_slow per L2 output, enable_event_counter per output.',
  fields: [
    { name: 'enableSlow', word: 0, lsb: 0, width: 1, count: 4, stride: 1, type: 'bool', access: 'rw', reset: false, doc: 'Slow mode of L2 output i (CrossbarL2OutputOnDLS)' },
    { name: 'enableEventCounter', word: 0, lsb: 4, width: 1, count: 12, stride: 1, type: 'bool', access: 'rw', reset: false, doc: 'Event counter of crossbar output i' },
  ],
});
