import { PADIBusBlockOnDLS, PADIEventOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §1.5 (PADIEvent) and §1.7 (PADI base addresses). Layouts and addresses from haldls
// src/haldls/vx/padi.cpp: the event trigger at PADI base + 0, the common bus config at + 1.

/**
 * Writing fires one event on the selected busses of a hemisphere. The HAGEN view of the same bits is
 * hagen_address = eventAddress bit 5 and hagen_activation = eventAddress bits 0–4.
 */
export const PADIEvent = defineContainer({
  name: 'PADIEvent',
  coord: PADIEventOnDLS,
  words: 1,
  kind: 'trigger',
  readable: false,
  base: (e) => baseOf('padi', e),
  addressing: 'padi[hemisphere]',
  ref: '§1.5',
  source: 'haldls src/haldls/vx/padi.cpp',
  doc: 'Write-only trigger: injects an event on up to 4 PADI busses.',
  fields: [
    { name: 'fireBus', word: 0, lsb: 0, width: 1, count: 4, stride: 1, type: 'bool', access: 'wo', reset: false, doc: 'Fire on bus i of the block' },
    { name: 'eventAddress', word: 0, lsb: 16, width: 6, access: 'wo', reset: 0, doc: 'Address sent to the synapses (SynapseLabel)' },
    { name: 'rowSelectAddress', word: 0, lsb: 22, width: 5, access: 'wo', reset: 0, doc: 'Selects the driver on the bus (0..31)' },
  ],
});

/** Per-bus settings of a PADI bus block. */
export const CommonPADIBusConfig = defineContainer({
  name: 'CommonPADIBusConfig',
  coord: PADIBusBlockOnDLS,
  words: 1,
  kind: 'config',
  readable: true,
  base: (b) => baseOf('padi', b) + 1,
  addressing: 'padi[block] + 1',
  ref: '§1.5',
  source: 'haldls src/haldls/vx/padi.cpp',
  doc: 'Enables of the SPL1 (crossbar) input, timing extension and DAC pulse extension per bus.',
  fields: [
    { name: 'enableSpl1', word: 0, lsb: 0, width: 1, count: 4, stride: 1, type: 'bool', access: 'rw', reset: false, doc: 'Accept crossbar (SPL1) events on bus i' },
    { name: 'enableExtendedTiming', word: 0, lsb: 4, width: 1, count: 4, stride: 1, type: 'bool', access: 'rw', reset: false, doc: 'Extended timing of bus i' },
    { name: 'dacenPulseExtension', word: 0, lsb: 16, width: 4, count: 4, stride: 4, access: 'rw', reset: 0, doc: 'DAC-enable pulse extension of bus i' },
  ],
});
