import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';
import { SynramOnDLS } from '../synapse/synram.js';

// Reference §1.1: 2 neuron rows, one per hemisphere.

/** Neuron row; row 0 is the top hemisphere, row 1 the bottom one (§1.1). */
const neuronRow = defineCoord('NeuronRowOnDLS', 1);
export const NeuronRowOnDLS = Object.assign(neuronRow, {
  top: neuronRow(0),
  bottom: neuronRow(1),
  toHemisphereOnDLS: (r: NeuronRowOnDLS): HemisphereOnDLS => HemisphereOnDLS(neuronRow(r)),
  fromHemisphereOnDLS: (h: HemisphereOnDLS): NeuronRowOnDLS => neuronRow(HemisphereOnDLS(h)),
  toSynramOnDLS: (r: NeuronRowOnDLS): SynramOnDLS => SynramOnDLS(neuronRow(r)),
});
export type NeuronRowOnDLS = Coord<'NeuronRowOnDLS'>;
