import { BackgroundSpikeSourceOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §1.6; layout and write order from haldls src/haldls/vx/background.cpp.

const words = 3;

/** A background spike source: regular or Poisson spike train with a fixed or randomised label. */
export const BackgroundSpikeSource = defineContainer({
  name: 'BackgroundSpikeSource',
  coord: BackgroundSpikeSourceOnDLS,
  words,
  kind: 'config',
  readable: true,
  base: (source) => baseOf('backgroundSpikeSources') + source * words,
  addressing: 'backgroundSpikeSources + 3 · source',
  // haldls writes word 0 (enable) last, so that on the enable edge the seed and the rest are already present:
  // the seed is loaded at that edge (§1.6).
  writeOrder: [1, 2, 0],
  ref: '§1.6',
  source: 'haldls src/haldls/vx/background.cpp',
  doc: 'Spike generator feeding crossbar input 12 + source; seed loaded on the enable edge.',
  fields: [
    { name: 'enable', word: 0, lsb: 0, width: 1, type: 'bool', access: 'rw', reset: false, doc: 'Generate spikes' },
    { name: 'enableRandom', word: 0, lsb: 1, width: 1, type: 'bool', access: 'rw', reset: false, doc: 'Poisson mode (else regular)' },
    { name: 'period', word: 0, lsb: 16, width: 16, access: 'rw', reset: 0, doc: 'Inter-spike interval (regular) or bin length (Poisson), clock cycles' },
    { name: 'seed', word: 1, lsb: 0, width: 32, access: 'rw', reset: 0, doc: 'Random generator seed' },
    { name: 'mask', word: 2, lsb: 0, width: 8, access: 'rw', reset: 0, doc: 'Label bits 0–7 replaced by random bits on each spike' },
    { name: 'rate', word: 2, lsb: 8, width: 8, access: 'rw', reset: 0, doc: 'Poisson: spike when a random 8-bit r ≤ rate' },
    { name: 'neuronLabel', word: 2, lsb: 16, width: 14, access: 'rw', reset: 0, doc: 'NeuronLabel of the emitted spikes' },
  ],
});
