import { AtomicNeuronOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag } from '../field-engine/rows.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §2.2 (the analog switches of one neuron circuit, haldls v3). Bit positions from haldls
// src/haldls/vx/v3/neuron.cpp NeuronConfigBitfield; its comment column numbers the words 2..7 because the
// first two words of each 8-word SRAM slot are unused, so layout word 0 here is slot word 2.

/** Stride of one neuron's slot in the neuron SRAM (haldls v3/neuron.cpp `neuron_coord * 8`). */
const slotWords = 8;
const unusedSlotWords = 2;

/** Switches of one neuron circuit: synaptic inputs, leak/reset, adaptation, readout, multi-compartment. */
export const NeuronConfig = defineContainer({
  name: 'NeuronConfig',
  coord: AtomicNeuronOnDLS,
  words: 6,
  kind: 'config',
  // Unreadable in simulation only (haldls v3/neuron.h unsupported_read_targets = {simulation}).
  readable: true,
  base: (n) =>
    baseOf('neuronSram', AtomicNeuronOnDLS.toNeuronConfigBlockOnDLS(n)) +
    AtomicNeuronOnDLS.toNeuronConfigOnNeuronConfigBlock(n) * slotWords +
    unusedSlotWords,
  addressing: 'neuronSram[quadrant] + 8 · (column % 128) + 2',
  ref: '§2.2',
  source: 'haldls src/haldls/vx/v3/neuron.cpp',
  doc: 'Analog configuration of one atomic neuron (6 words).',
  fields: [
    flag('enResetDeg', 0, 0, 'Reset degeneration'),
    flag('enResetDiv', 0, 1, 'Divide the reset conductance by 8'),
    flag('enResetMul', 0, 2, 'Multiply the reset conductance by 8'),
    flag('enLeakDeg', 0, 3, 'Leak degeneration'),
    flag('enLeakDiv', 0, 4, 'Divide the leak conductance by 8'),
    flag('enLeakMul', 0, 5, 'Multiply the leak conductance by 8'),
    flag('enStrongFire', 0, 6, 'Strong fire signal'),
    flag('enExp', 1, 1, 'Exponential term of AdEx'),
    flag('enUnbufAccess', 1, 3, 'Unbuffered membrane access'),
    flag('enReadoutAmp', 1, 4, 'Readout amplifier'),
    {
      name: 'readoutSelect',
      word: 1,
      lsb: 5,
      width: 2,
      enum: { membrane: 0, exc_synin: 1, inh_synin: 2, adaptation: 3 },
      access: 'rw',
      reset: 'membrane',
      doc: 'Signal routed to the readout',
    },
    flag('enReadout', 1, 7, 'Connect the readout'),
    flag('invertAdaptB', 2, 0, 'Sign of adaptation b'),
    flag('invertAdaptA', 2, 1, 'Sign of adaptation a'),
    flag('enAdapt', 2, 2, 'Adaptation'),
    flag('enSyninInhSmallCap', 2, 4, 'Small capacitor of the inhibitory synaptic input', true),
    flag('enSyninExcSmallCap', 2, 5, 'Small capacitor of the excitatory synaptic input', true),
    flag('enSyninInhHighRes', 2, 6, 'High-resistance mode of the inhibitory synaptic input'),
    flag('enSyninExcHighRes', 2, 7, 'High-resistance mode of the excitatory synaptic input'),
    flag('enMemOff', 3, 0, 'Membrane offset current'),
    { name: 'memCapSize', word: 3, lsb: 2, width: 6, access: 'rw', reset: 0, doc: 'Membrane capacitance, 0..63 (max ~2.3 pF)' },
    flag('invertCurrent', 4, 0, 'Sign of the membrane offset current'),
    flag('enFire', 4, 2, 'Fire output'),
    flag('enThreshComp', 4, 3, 'Threshold comparator'),
    flag('enSyninInh', 4, 4, 'Inhibitory synaptic input'),
    flag('enSyninExc', 4, 5, 'Excitatory synaptic input'),
    flag('enBypInh', 4, 6, 'Inhibitory bypass (MAC mode)'),
    flag('enBypExc', 4, 7, 'Excitatory bypass (MAC mode)'),
    flag('connectSomata', 5, 0, 'Connect soma to the right neighbour'),
    flag('connectBottom', 5, 1, 'Connect to the neuron in the other hemisphere'),
    flag('enCompCond', 5, 2, 'Inter-compartment conductance'),
    flag('connectMembraneRight', 5, 3, 'Connect membrane to the right neighbour'),
    flag('connectSoma', 5, 4, 'Connect membrane to the soma line'),
    flag('enCompCondMul', 5, 5, 'Multiply the inter-compartment conductance by 4'),
    flag('enCompCondDiv', 5, 6, 'Divide the inter-compartment conductance by 4'),
    flag('enPause', 5, 7, 'Pause (suspend the neuron)'),
  ],
});
