import { AtomicNeuronOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag } from '../field-engine/rows.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §1.8 spike counters and the neuron reset SRAM of §1.7. Addresses and the read layout from haldls
// src/haldls/vx/neuron.cpp (SpikeCounterRead, SpikeCounterReset, NeuronReset, BlockPostPulse): each block
// (left = west, right = east) holds its 256 neurons at a 4-word stride, ordered like the backend configs
// (`row · 128 + column % 128`, halco neuron.cpp NeuronResetOnDLS).

const stride = 4;
const block = (n: AtomicNeuronOnDLS): number => AtomicNeuronOnDLS.toNeuronBackendConfigBlockOnDLS(n);
const slot = (n: AtomicNeuronOnDLS): number => AtomicNeuronOnDLS.toNeuronBackendConfigOnNeuronBackendConfigBlock(n) * stride;

/** The 8-bit spike counter of a neuron, read-only. */
export const SpikeCounterRead = defineContainer({
  name: 'SpikeCounterRead',
  coord: AtomicNeuronOnDLS,
  words: 1,
  kind: 'status',
  readable: true,
  base: (n) => baseOf('spikeCounterRead', block(n)) + slot(n),
  addressing: 'spikeCounterRead[column / 128] + 4 · (row · 128 + column % 128)',
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
  base: (n) => baseOf('spikeCounterReset', block(n)) + slot(n),
  addressing: 'spikeCounterReset[column / 128] + 4 · (row · 128 + column % 128)',
  ref: '§1.8',
  source: 'haldls src/haldls/vx/neuron.cpp',
  doc: 'Write-only trigger: resets the spike counter of one neuron.',
  fields: [],
});
