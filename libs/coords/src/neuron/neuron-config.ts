import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';
import { NeuronBackendConfigBlockOnDLS } from './neuron-backend.js';
import { CapMemBlockOnDLS } from '../capmem/capmem-block.js';
import { CapMemColumnOnCapMemBlock } from '../capmem/capmem-cell-on-block.js';

// Reference §1.1: the 512 neurons form 4 NeuronConfigBlocks (quadrants) of 128; one NeuronConfig (6 words,
// §2.2) per neuron.

const perBlock = 128;

/**
 * Quadrant of the neuron array: 0 top-west, 1 top-east, 2 bottom-west, 3 bottom-east, i.e.
 * `hemisphere · 2 + (column ≥ 128)` (halco synapse.cpp SynapseQuadOnDLS::toNeuronConfigBlockOnDLS).
 */
const neuronConfigBlock = defineCoord('NeuronConfigBlockOnDLS', 3);
export const NeuronConfigBlockOnDLS = Object.assign(neuronConfigBlock, {
  of: (hemisphere: HemisphereOnDLS, backendBlock: NeuronBackendConfigBlockOnDLS): NeuronConfigBlockOnDLS =>
    neuronConfigBlock(HemisphereOnDLS(hemisphere) * 2 + NeuronBackendConfigBlockOnDLS(backendBlock)),
  toHemisphereOnDLS: (b: NeuronConfigBlockOnDLS): HemisphereOnDLS => HemisphereOnDLS(Math.floor(neuronConfigBlock(b) / 2)),
  /** West (0) or east (1) half (halco neuron.cpp, NeuronResetBlockOnDLS = block % 2). */
  toNeuronBackendConfigBlockOnDLS: (b: NeuronConfigBlockOnDLS): NeuronBackendConfigBlockOnDLS =>
    NeuronBackendConfigBlockOnDLS(neuronConfigBlock(b) % 2),
  /** Each quadrant has its own CapMem block, same index (halco NeuronConfigBlockOnDLS::toCapMemBlockOnDLS). */
  toCapMemBlockOnDLS: (b: NeuronConfigBlockOnDLS): CapMemBlockOnDLS => CapMemBlockOnDLS(neuronConfigBlock(b)),
  fromCapMemBlockOnDLS: (b: CapMemBlockOnDLS): NeuronConfigBlockOnDLS => neuronConfigBlock(CapMemBlockOnDLS(b)),
});
export type NeuronConfigBlockOnDLS = Coord<'NeuronConfigBlockOnDLS'>;

/** Neuron inside its quadrant: `column % 128`, counted west to east. */
const neuronConfigOnBlock = defineCoord('NeuronConfigOnNeuronConfigBlock', perBlock - 1);
export const NeuronConfigOnNeuronConfigBlock = Object.assign(neuronConfigOnBlock, {
  /** Its per-neuron CapMem column (halco NeuronConfigOnNeuronConfigBlock::toCapMemColumnOnCapMemBlock). */
  toCapMemColumnOnCapMemBlock: (n: NeuronConfigOnNeuronConfigBlock): CapMemColumnOnCapMemBlock =>
    CapMemColumnOnCapMemBlock(neuronConfigOnBlock(n)),
});
export type NeuronConfigOnNeuronConfigBlock = Coord<'NeuronConfigOnNeuronConfigBlock'>;

/**
 * One NeuronConfig register set: `block · 128 + neuron`. This equals the AtomicNeuronOnDLS enumeration
 * (halco neuron.cpp AtomicNeuronOnDLS::toNeuronConfigOnDLS).
 */
const neuronConfig = defineCoord('NeuronConfigOnDLS', 4 * perBlock - 1);
export const NeuronConfigOnDLS = Object.assign(neuronConfig, {
  of: (block: NeuronConfigBlockOnDLS, onBlock: NeuronConfigOnNeuronConfigBlock): NeuronConfigOnDLS =>
    neuronConfig(neuronConfigBlock(block) * perBlock + neuronConfigOnBlock(onBlock)),
  toNeuronConfigBlockOnDLS: (n: NeuronConfigOnDLS): NeuronConfigBlockOnDLS =>
    neuronConfigBlock(Math.floor(neuronConfig(n) / perBlock)),
  toNeuronConfigOnNeuronConfigBlock: (n: NeuronConfigOnDLS): NeuronConfigOnNeuronConfigBlock =>
    neuronConfigOnBlock(neuronConfig(n) % perBlock),
});
export type NeuronConfigOnDLS = Coord<'NeuronConfigOnDLS'>;
