import { SynapseQuadOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §1.5 "SynapseQuad SRAM encoding on the omnibus"; layout from haldls src/haldls/vx/synapse.cpp
// (SynapseQuadBitfield with EXPAND_WORD: on the host the first listed entry, entry 3, is the least
// significant byte, so entry e sits in byte 3 − e) and its `addresses()`.

const quadColumns = 64;
const wordsPerQuad = 2;

/** The synapse DAC is wired with the lower five weight bits reversed: stored[5] = w[5], stored[4..0] = w[0..4]. */
const weightWiring = [4, 3, 2, 1, 0, 5] as const;

/** Four adjacent synapses of one row: 6-bit weights and labels, 2-bit correlation calibration. */
export const SynapseQuad = defineContainer({
  name: 'SynapseQuad',
  coord: SynapseQuadOnDLS,
  words: wordsPerQuad,
  kind: 'config',
  readable: true,
  base: (q) =>
    baseOf('synapseRaw', SynapseQuadOnDLS.toSynramOnDLS(q)) +
    SynapseQuadOnDLS.toSynapseRowOnSynram(q) * quadColumns * wordsPerQuad +
    SynapseQuadOnDLS.toSynapseQuadColumnOnDLS(q),
  addressing: 'synapseRaw[synram] + 128 · row + quadColumn; word 1 at +64',
  wordOffsets: [0, quadColumns],
  ref: '§1.5',
  source: 'haldls src/haldls/vx/synapse.cpp',
  doc: 'Word 0: 4 × (weight 6 bit | time_calib 2 bit); word 1: 4 × (label 6 bit | amp_calib 2 bit); entry e in byte 3 − e.',
  fields: [
    { name: 'weights', word: 0, lsb: 24, width: 6, count: 4, stride: -8, permutation: weightWiring, access: 'rw', reset: 0, doc: 'Weight of entry e, 0..63 (stored bit-permuted)' },
    { name: 'timeCalibs', word: 0, lsb: 30, width: 2, count: 4, stride: -8, access: 'rw', reset: 0, doc: 'Correlation sensor time-constant calibration' },
    { name: 'labels', word: 1, lsb: 24, width: 6, count: 4, stride: -8, access: 'rw', reset: 0, doc: 'SynapseLabel compared with the event address' },
    { name: 'ampCalibs', word: 1, lsb: 30, width: 2, count: 4, stride: -8, access: 'rw', reset: 0, doc: 'Correlation sensor amplitude calibration' },
  ],
});
