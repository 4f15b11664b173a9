export { CoordError, type CoordErrorCode } from './coord-error.js';
export { defineCoord, checkCoord, type Coord, type CoordType, type CoordOf, type CoordResult } from './ranged.js';
export { CoordArray } from './coord-array.js';
export { HemisphereOnDLS } from './hemisphere.js';
export { NeuronRowOnDLS, NeuronColumnOnDLS, AtomicNeuronOnDLS } from './neuron/atomic-neuron.js';
