import { ColumnCorrelationQuadOnDLS, ColumnCurrentQuadOnDLS, SynapseQuadColumnOnDLS, SynapseQuadOnSynram } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf } from '../omnibus-address-map.js';

// Per-column switches below the synapse array (reference §3.1, §3.3: the CADC reads the neuron or the
// correlation accumulators through them; the synaptic current of a column reaches its neuron only when
// enabled). Layouts and addresses from haldls src/haldls/vx/synapse.cpp (ColumnCurrentQuad,
// ColumnCorrelationQuad): they sit in the synapse SRAM views just past the 16,384 quads of a synram, and, like
// SynapseQuad, entry e lives in byte 3 − e of each word.

const quadsPerSynram = SynapseQuadOnSynram.size;
const quadColumns = SynapseQuadColumnOnDLS.size;

const entrySwitch = <const N extends string>(name: N, word: number, bit: number, doc: string) =>
  ({ name, word, lsb: 24 + bit, width: 1, count: 4, stride: -8, type: 'bool', access: 'rw', reset: false, doc }) as const;

/** Connects the synaptic currents of 4 columns to their neurons (or to the debug lines). */
export const ColumnCurrentQuad = defineContainer({
  name: 'ColumnCurrentQuad',
  coord: ColumnCurrentQuadOnDLS,
  words: 2,
  kind: 'config',
  readable: true,
  base: (q) =>
    baseOf('synapseEvenConfigs', ColumnCurrentQuadOnDLS.toSynramOnDLS(q)) + quadsPerSynram + ColumnCurrentQuadOnDLS.toSynapseQuadColumnOnDLS(q),
  addressing: 'synapseEvenConfigs[synram] + 16384 + quadColumn; word 1 in synapseOddConfigs',
  wordOffsets: [0, baseOf('synapseOddConfigs') - baseOf('synapseEvenConfigs')],
  ref: '§1.5',
  source: 'haldls src/haldls/vx/synapse.cpp',
  doc: 'Synaptic input switches of 4 columns; entry e in byte 3 − e.',
  fields: [
    entrySwitch('enableSynapticCurrentExcitatory', 0, 0, 'Excitatory column current to the neuron'),
    entrySwitch('enableSynapticCurrentInhibitory', 0, 1, 'Inhibitory column current to the neuron'),
    entrySwitch('enableDebugExcitatory', 1, 0, 'Excitatory column current to the debug line'),
    entrySwitch('enableDebugInhibitory', 1, 1, 'Inhibitory column current to the debug line'),
  ],
});

// ColumnCorrelationQuad word 0 follows the raw quads and the raw view of the current quads; words 2 and 3
// sit in the weight and label views (haldls synapse.cpp ColumnCorrelationQuad::addresses).
const correlationRaw = 2 * quadsPerSynram + 2 * quadColumns;
const weightsFromRaw = baseOf('synapseWeights') - baseOf('synapseRaw') + quadsPerSynram - correlationRaw;
const labelsFromRaw = baseOf('synapseLabels') - baseOf('synapseRaw') + quadsPerSynram - correlationRaw;

/** Routes 4 columns' correlation sensors and neuron readout to the CADC. */
export const ColumnCorrelationQuad = defineContainer({
  name: 'ColumnCorrelationQuad',
  coord: ColumnCorrelationQuadOnDLS,
  words: 4,
  kind: 'config',
  readable: true,
  base: (q) => baseOf('synapseRaw', ColumnCorrelationQuadOnDLS.toSynramOnDLS(q)) + correlationRaw + ColumnCorrelationQuadOnDLS.toSynapseQuadColumnOnDLS(q),
  addressing: 'synapseRaw[synram] + 32896 + quadColumn; word 1 at +64; words 2, 3 at synapseWeights/Labels + 16384 + quadColumn',
  wordOffsets: [0, quadColumns, weightsFromRaw, labelsFromRaw],
  ref: '§3.1',
  source: 'haldls src/haldls/vx/synapse.cpp',
  doc: 'Correlation and CADC neuron-readout switches of 4 columns; entry e in byte 3 − e.',
  fields: [
    entrySwitch('enableInternalCausal', 0, 6, 'Causal correlation accumulator to the CADC'),
    entrySwitch('enableInternalAcausal', 0, 7, 'Acausal correlation accumulator to the CADC'),
    entrySwitch('enableDebugCausal', 1, 6, 'Causal correlation to the debug line'),
    entrySwitch('enableDebugAcausal', 1, 7, 'Acausal correlation to the debug line'),
    entrySwitch('enableCadcNeuronReadoutCausal', 2, 5, 'Neuron readout to the causal CADC channel'),
    entrySwitch('enableCadcNeuronReadoutAcausal', 3, 5, 'Neuron readout to the acausal CADC channel'),
  ],
});
