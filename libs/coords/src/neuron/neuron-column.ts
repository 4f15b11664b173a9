import { defineCoord, type Coord } from '../ranged.js';
import { NeuronEventOutputOnDLS } from './neuron-event-output.js';
import { SynapseOnSynapseRow } from '../synapse/synapse.js';

// Reference §1.1: 256 neuron columns; neuron column c collects the synapses of synapse column c.

/** Neuron column, 0 (west) .. 255 (east). */
const neuronColumn = defineCoord('NeuronColumnOnDLS', 255);
export const NeuronColumnOnDLS = Object.assign(neuronColumn, {
  /** 32 columns share one event output: column / 32 (§1.1; halco neuron.cpp). */
  toNeuronEventOutputOnDLS: (c: NeuronColumnOnDLS): NeuronEventOutputOnDLS =>
    NeuronEventOutputOnDLS(Math.floor(neuronColumn(c) / 32)),
  /** The synapse column above the neuron (halco NeuronColumnOnDLS::toSynapseOnSynapseRow, the identity). */
  toSynapseOnSynapseRow: (c: NeuronColumnOnDLS): SynapseOnSynapseRow => SynapseOnSynapseRow(neuronColumn(c)),
  fromSynapseOnSynapseRow: (s: SynapseOnSynapseRow): NeuronColumnOnDLS => neuronColumn(SynapseOnSynapseRow(s)),
});
export type NeuronColumnOnDLS = Coord<'NeuronColumnOnDLS'>;
