import { AtomicNeuronOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag } from '../field-engine/rows.js';
import { backendSlotAddress, backendSlotAddressing } from './backend-slot.js';

// Reference §1.8 spike counters. Addresses and the read layout from haldls src/haldls/vx/neuron.cpp
// (SpikeCounterRead, SpikeCounterReset): each counter block (left = west, right = east) has one backend slot
// per neuron (backend-slot.ts). NeuronReset and BlockPostPulse, from the same haldls file, are in
// neuron-reset.ts.

/** The 8-bit spike counter of a neuron, read-only. */
export const SpikeCounterRead = defineContainer({
  name: 'SpikeCounterRead',
  coord: AtomicNeuronOnDLS,
  words: 1,
  kind: 'status',
  readable: true,
  base: (n) => backendSlotAddress('spikeCounterRead', n),
  addressing: backendSlotAddressing('spikeCounterRead'),
  ref: '§1.8',
  source: 'haldls src/haldls/vx/neuron.cpp',
  doc: 'Spikes counted since the last reset; overflow latches when the 8-bit count wraps.',
  fields: [
    { name: 'count', word: 0, lsb: 0, width: 8, access: 'ro', reset: 0, doc: 'Spike count, 0..255' },
    flag('overflow', 0, 8, 'The counter overflowed', false, 'ro'),
  ],
});

/** Writing any value resets the neuron's spike counter (haldls: "value does not matter"). */
export const SpikeCounterReset = defineContainer({
  name: 'SpikeCounterReset',
  coord: AtomicNeuronOnDLS,
  words: 1,
  kind: 'trigger',
  readable: false,
  base: (n) => backendSlotAddress('spikeCounterReset', n),
  addressing: backendSlotAddressing('spikeCounterReset'),
  ref: '§1.8',
  source: 'haldls src/haldls/vx/neuron.cpp',
  doc: 'Write-only trigger: resets the spike counter of one neuron.',
  fields: [],
});
