import { AtomicNeuronOnDLS, CommonNeuronBackendConfigOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag } from '../field-engine/rows.js';
import { baseOf } from '../omnibus-address-map.js';
import { backendSlotAddress, backendSlotAddressing, backendSlotStride } from './backend-slot.js';

// Reference §1.8, the digital neuron backend. Layouts from haldls include/haldls/vx/neuron.tcc
// (NeuronBackendConfigBitfield) and src/haldls/vx/neuron.cpp (CommonNeuronBackendConfigBitfield); defaults
// from include/haldls/vx/neuron.h.

/**
 * Per-neuron backend: spike label, refractory counter, fire connections. The chip stores `address_out` and
 * `refractory_time` inverted and splits them (and `reset_holdoff`) over two words; the table says so and
 * the engine does the rest.
 */
export const NeuronBackendConfig = defineContainer({
  name: 'NeuronBackendConfig',
  coord: AtomicNeuronOnDLS,
  words: backendSlotStride,
  kind: 'config',
  readable: true,
  base: (n) => backendSlotAddress('neuronBackendSram', n),
  addressing: backendSlotAddressing('neuronBackendSram'),
  ref: '§1.8',
  source: 'haldls include/haldls/vx/neuron.tcc',
  doc: 'Digital backend of one neuron (4 words).',
  fields: [
    {
      name: 'addressOut',
      bits: [
        { word: 1, lsb: 4, width: 2 },
        { word: 0, lsb: 0, width: 6 },
      ],
      invert: true,
      access: 'rw',
      reset: 0,
      doc: 'NeuronBackendAddressOut: label bits 0–7 of the neuron’s spikes (§1.3)',
    },
    {
      name: 'resetHoldoff',
      bits: [
        { word: 0, lsb: 6, width: 2 },
        { word: 1, lsb: 6, width: 2 },
      ],
      access: 'rw',
      reset: 15,
      doc: 'Reset ends this many refractory-counter LSB steps before the refractory period (15 = no holdoff)',
    },
    {
      name: 'refractoryTime',
      bits: [
        { word: 2, lsb: 2, width: 4 },
        { word: 1, lsb: 0, width: 4 },
      ],
      invert: true,
      access: 'rw',
      reset: 0,
      doc: 'Refractory period in cycles of the selected backend clock',
    },
    flag('postOverwrite', 2, 0, 'Force post-pulses to the synapses (correlation)'),
    { name: 'selectInputClock', word: 2, lsb: 1, width: 1, access: 'rw', reset: 0, doc: 'Which of the two backend clocks drives the counters' },
    flag('enAdaptPulse', 2, 6, 'Adaptation pulse on spike'),
    flag('enBayesianExtension', 2, 7, 'Bayesian extension (logic between neurons)'),
    flag('enNeuronSlave', 3, 0, 'Follow a master neuron’s fire signal'),
    flag('connectFireBottom', 3, 1, 'Share fire with the other hemisphere'),
    flag('connectFireFromRight', 3, 2, 'Receive fire from the right neighbour'),
    flag('connectFireToRight', 3, 3, 'Send fire to the right neighbour'),
    flag('enSpikeOut', 3, 4, 'Emit spike events to the crossbar'),
    flag('enNeuronMaster', 3, 5, 'Process the fire signal (needed for spikes and post-pulses)', true),
    flag('enBayesian0', 3, 6, 'Bayesian extension input 0'),
    flag('enBayesian1', 3, 7, 'Bayesian extension input 1'),
  ],
});

/** Settings shared by a backend block: clock dividers (f = 250 MHz / 2^(scale+1)) and pulse timings. */
export const CommonNeuronBackendConfig = defineContainer({
  name: 'CommonNeuronBackendConfig',
  coord: CommonNeuronBackendConfigOnDLS,
  words: 2,
  kind: 'config',
  readable: true,
  base: (c) => baseOf('neuronBackendRegisters', c),
  addressing: 'neuronBackendRegisters[block]',
  ref: '§1.8',
  source: 'haldls src/haldls/vx/neuron.cpp',
  doc: 'Clocks and timing of one neuron backend block (west/east).',
  fields: [
    flag('enEventRegs', 0, 0, 'Event registers'),
    flag('forceReset', 0, 1, 'Hold all neurons of the block in reset'),
    flag('enClocks', 0, 2, 'Backend clocks', true),
    { name: 'clockScaleSlow', word: 0, lsb: 4, width: 4, access: 'rw', reset: 0, doc: 'Slow clock: 250 MHz / 2^(scale+1)' },
    { name: 'clockScaleFast', word: 0, lsb: 8, width: 4, access: 'rw', reset: 0, doc: 'Fast clock: 250 MHz / 2^(scale+1)' },
    { name: 'samplePosEdge', word: 0, lsb: 12, width: 1, count: 4, stride: 1, type: 'bool', access: 'rw', reset: true, doc: 'Sample event output i on the positive edge' },
    { name: 'clockScaleAdaptPulse', word: 0, lsb: 16, width: 4, access: 'rw', reset: 0, doc: 'Adaptation pulse clock scale' },
    { name: 'clockScalePostPulse', word: 0, lsb: 20, width: 4, access: 'rw', reset: 0, doc: 'Post-pulse clock scale' },
    { name: 'waitGlobalPostPulse', word: 1, lsb: 0, width: 8, access: 'rw', reset: 128, doc: 'Duration of the global post-pulse trigger' },
    { name: 'waitSpikeCounterReset', word: 1, lsb: 8, width: 8, access: 'rw', reset: 4, doc: 'Duration of the spike counter reset pulse' },
    { name: 'waitSpikeCounterRead', word: 1, lsb: 16, width: 8, access: 'rw', reset: 112, doc: 'Wait before a spike counter read is valid' },
    { name: 'waitFireNeuron', word: 1, lsb: 24, width: 8, access: 'rw', reset: 4, doc: 'Duration of an artificial fire pulse' },
  ],
});
