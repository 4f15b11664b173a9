import { AtomicNeuronOnDLS, NeuronBackendConfigBlockOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf } from '../omnibus-address-map.js';
import { backendSlotAddress, backendSlotAddressing } from './backend-slot.js';

// Reference §1.7 (neuron reset SRAM, post-pulse) and §3.3. Addresses from haldls src/haldls/vx/neuron.cpp
// (NeuronReset, BlockPostPulse); the reset SRAM has one backend slot per neuron (backend-slot.ts).

/** Writing any value resets the neuron's membrane (artificial reset). */
export const NeuronReset = defineContainer({
  name: 'NeuronReset',
  coord: AtomicNeuronOnDLS,
  words: 1,
  kind: 'trigger',
  readable: false,
  base: (n) => backendSlotAddress('neuronResetSram', n),
  addressing: backendSlotAddressing('neuronResetSram'),
  ref: '§1.7',
  source: 'haldls src/haldls/vx/neuron.cpp',
  doc: 'Write-only trigger: resets one neuron.',
  fields: [],
});

/** Writing any value sends a post-pulse to the synapses of every neuron of the block (correlation, §3.3). */
export const BlockPostPulse = defineContainer({
  name: 'BlockPostPulse',
  coord: NeuronBackendConfigBlockOnDLS,
  words: 1,
  kind: 'trigger',
  readable: false,
  base: (b) => baseOf('postPulse', b),
  addressing: 'postPulse[block]',
  ref: '§3.3',
  source: 'haldls src/haldls/vx/neuron.cpp',
  doc: 'Write-only trigger: global post-pulse of a backend block.',
  fields: [],
});
