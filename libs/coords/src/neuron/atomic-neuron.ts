import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';
import { NeuronConfigBlockOnDLS, NeuronConfigOnNeuronConfigBlock, NeuronConfigOnDLS } from './neuron-config.js';
import {
  NeuronBackendConfigBlockOnDLS,
  NeuronBackendConfigOnDLS,
  NeuronBackendConfigOnNeuronBackendConfigBlock,
} from './neuron-backend.js';
import { NeuronEventOutputOnDLS } from './neuron-event-output.js';
import { NeuronRowOnDLS } from './neuron-row.js';
import { NeuronColumnOnDLS } from './neuron-column.js';
import { SynramOnDLS } from '../synapse/synram.js';
import { CapMemBlockOnDLS } from '../capmem/capmem-block.js';
import { CapMemColumnOnCapMemBlock } from '../capmem/capmem-cell-on-block.js';

// Reference §1.1: 512 atomic neurons in 2 rows (one per hemisphere) of 256 columns, split into 4 quadrants of
// 128 (NeuronConfigBlockOnDLS) and 2 backend blocks (west/east) of 2 × 128.

const columns = 256;
const perQuadrant = 128;

/** One neuron circuit; enumerated row-major: `row · 256 + column` (halco AtomicNeuronOnDLS grid). */
const atomicNeuron = defineCoord('AtomicNeuronOnDLS', 511);
export const AtomicNeuronOnDLS = Object.assign(atomicNeuron, {
  of: (row: NeuronRowOnDLS, column: NeuronColumnOnDLS): AtomicNeuronOnDLS =>
    atomicNeuron(NeuronRowOnDLS(row) * columns + NeuronColumnOnDLS(column)),
  toNeuronRowOnDLS: (n: AtomicNeuronOnDLS): NeuronRowOnDLS => NeuronRowOnDLS(Math.floor(atomicNeuron(n) / columns)),
  toNeuronColumnOnDLS: (n: AtomicNeuronOnDLS): NeuronColumnOnDLS => NeuronColumnOnDLS(atomicNeuron(n) % columns),
  /** The top row is the top hemisphere (§1.1). */
  toHemisphereOnDLS: (n: AtomicNeuronOnDLS): HemisphereOnDLS => HemisphereOnDLS(Math.floor(atomicNeuron(n) / columns)),
  /** A neuron sits below the synram of its hemisphere (halco AtomicNeuronOnDLS::toSynramOnDLS). */
  toSynramOnDLS: (n: AtomicNeuronOnDLS): SynramOnDLS => SynramOnDLS(Math.floor(atomicNeuron(n) / columns)),
  /**
   * Quadrant: 0 top-west, 1 top-east, 2 bottom-west, 3 bottom-east, i.e. `row · 2 + column / 128`
   * (halco neuron.cpp: NeuronConfigOnDLS enum = AtomicNeuronOnDLS enum = block · 128 + neuron).
   */
  toNeuronConfigBlockOnDLS: (n: AtomicNeuronOnDLS): NeuronConfigBlockOnDLS =>
    NeuronConfigBlockOnDLS(Math.floor(atomicNeuron(n) / perQuadrant)),
  toNeuronConfigOnNeuronConfigBlock: (n: AtomicNeuronOnDLS): NeuronConfigOnNeuronConfigBlock =>
    NeuronConfigOnNeuronConfigBlock(atomicNeuron(n) % perQuadrant),
  /** Same enumeration as the neuron (halco AtomicNeuronOnDLS::toNeuronConfigOnDLS). */
  toNeuronConfigOnDLS: (n: AtomicNeuronOnDLS): NeuronConfigOnDLS => NeuronConfigOnDLS(atomicNeuron(n)),
  fromNeuronConfig: (block: NeuronConfigBlockOnDLS, onBlock: NeuronConfigOnNeuronConfigBlock): AtomicNeuronOnDLS =>
    atomicNeuron(NeuronConfigBlockOnDLS(block) * perQuadrant + NeuronConfigOnNeuronConfigBlock(onBlock)),
  fromNeuronConfigOnDLS: (config: NeuronConfigOnDLS): AtomicNeuronOnDLS => atomicNeuron(NeuronConfigOnDLS(config)),
  /** West (0) for columns 0..127, east (1) for 128..255, both rows (halco neuron.cpp). */
  toNeuronBackendConfigBlockOnDLS: (n: AtomicNeuronOnDLS): NeuronBackendConfigBlockOnDLS =>
    NeuronBackendConfigBlockOnDLS(Math.floor((atomicNeuron(n) % columns) / perQuadrant)),
  /** Inside a backend block: `row · 128 + column % 128` (halco NeuronBackendConfigOnDLS::toNeuronColumnOnDLS). */
  toNeuronBackendConfigOnNeuronBackendConfigBlock: (n: AtomicNeuronOnDLS): NeuronBackendConfigOnNeuronBackendConfigBlock =>
    NeuronBackendConfigOnNeuronBackendConfigBlock(
      AtomicNeuronOnDLS.toNeuronRowOnDLS(n) * perQuadrant + AtomicNeuronOnDLS.toNeuronConfigOnNeuronConfigBlock(n),
    ),
  toNeuronBackendConfigOnDLS: (n: AtomicNeuronOnDLS): NeuronBackendConfigOnDLS =>
    NeuronBackendConfigOnDLS.of(
      AtomicNeuronOnDLS.toNeuronBackendConfigBlockOnDLS(n),
      AtomicNeuronOnDLS.toNeuronBackendConfigOnNeuronBackendConfigBlock(n),
    ),
  fromNeuronBackendConfigOnDLS: (b: NeuronBackendConfigOnDLS): AtomicNeuronOnDLS =>
    AtomicNeuronOnDLS.of(NeuronBackendConfigOnDLS.toNeuronRowOnDLS(b), NeuronBackendConfigOnDLS.toNeuronColumnOnDLS(b)),
  /** The CapMem block of the neuron's quadrant (halco neuron.cpp AtomicNeuronOnDLS::toCapMemBlockOnDLS). */
  toCapMemBlockOnDLS: (n: AtomicNeuronOnDLS): CapMemBlockOnDLS => CapMemBlockOnDLS(Math.floor(atomicNeuron(n) / perQuadrant)),
  /** Its per-neuron CapMem column, `column % 128` (halco neuron.cpp). */
  toCapMemColumnOnCapMemBlock: (n: AtomicNeuronOnDLS): CapMemColumnOnCapMemBlock =>
    CapMemColumnOnCapMemBlock(atomicNeuron(n) % perQuadrant),
  /** The top and bottom neuron of a column share the column's event output (§1.1). */
  toNeuronEventOutputOnDLS: (n: AtomicNeuronOnDLS): NeuronEventOutputOnDLS =>
    NeuronColumnOnDLS.toNeuronEventOutputOnDLS(AtomicNeuronOnDLS.toNeuronColumnOnDLS(n)),
});
export type AtomicNeuronOnDLS = Coord<'AtomicNeuronOnDLS'>;
