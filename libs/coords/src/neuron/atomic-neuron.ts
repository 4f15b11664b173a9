import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';

// Reference §1.1: 512 atomic neurons in 2 rows (one per hemisphere) of 256 columns.

export const NeuronRowOnDLS = defineCoord('NeuronRowOnDLS', 1);
export type NeuronRowOnDLS = Coord<'NeuronRowOnDLS'>;

export const NeuronColumnOnDLS = defineCoord('NeuronColumnOnDLS', 255);
export type NeuronColumnOnDLS = Coord<'NeuronColumnOnDLS'>;

const columns = NeuronColumnOnDLS.size;

/** One neuron circuit; enumerated row-major: `row · 256 + column`. */
const atomicNeuron = defineCoord('AtomicNeuronOnDLS', 511);
export const AtomicNeuronOnDLS = Object.assign(atomicNeuron, {
  of: (row: NeuronRowOnDLS, column: NeuronColumnOnDLS): AtomicNeuronOnDLS => atomicNeuron(row * columns + column),
  toNeuronRowOnDLS: (n: AtomicNeuronOnDLS): NeuronRowOnDLS => NeuronRowOnDLS(Math.floor(n / columns)),
  toNeuronColumnOnDLS: (n: AtomicNeuronOnDLS): NeuronColumnOnDLS => NeuronColumnOnDLS(n % columns),
  /** The top row is the top hemisphere (§1.1). */
  toHemisphereOnDLS: (n: AtomicNeuronOnDLS): HemisphereOnDLS => HemisphereOnDLS(Math.floor(n / columns)),
});
export type AtomicNeuronOnDLS = Coord<'AtomicNeuronOnDLS'>;
