import { defineCoord, type Coord } from '../ranged.js';
import { NeuronRowOnDLS } from './neuron-row.js';
import { NeuronColumnOnDLS } from './neuron-column.js';

// Reference §1.8 and halco neuron.h/neuron.cpp: the digital neuron backend is split into a west block
// (columns 0..127) and an east block (columns 128..255); each block serves both neuron rows, so it holds
// 256 NeuronBackendConfigs, and has one CommonNeuronBackendConfig.

const perRow = 128;

/** Backend block: 0 west (columns 0..127), 1 east (columns 128..255). */
const backendBlock = defineCoord('NeuronBackendConfigBlockOnDLS', 1);
export const NeuronBackendConfigBlockOnDLS = Object.assign(backendBlock, {
  west: backendBlock(0),
  east: backendBlock(1),
  /** One common config per block, same index (halco neuron.cpp). */
  toCommonNeuronBackendConfigOnDLS: (b: NeuronBackendConfigBlockOnDLS): CommonNeuronBackendConfigOnDLS =>
    CommonNeuronBackendConfigOnDLS(backendBlock(b)),
});
export type NeuronBackendConfigBlockOnDLS = Coord<'NeuronBackendConfigBlockOnDLS'>;

/** The shared backend settings (clocks, waits, §1.8) of one backend block. */
const commonBackend = defineCoord('CommonNeuronBackendConfigOnDLS', 1);
export const CommonNeuronBackendConfigOnDLS = Object.assign(commonBackend, {
  toNeuronBackendConfigBlockOnDLS: (c: CommonNeuronBackendConfigOnDLS): NeuronBackendConfigBlockOnDLS =>
    backendBlock(commonBackend(c)),
});
export type CommonNeuronBackendConfigOnDLS = Coord<'CommonNeuronBackendConfigOnDLS'>;

/** Neuron inside a backend block: `row · 128 + column % 128` (halco NeuronBackendConfigOnDLS::toNeuronColumnOnDLS). */
export const NeuronBackendConfigOnNeuronBackendConfigBlock = defineCoord(
  'NeuronBackendConfigOnNeuronBackendConfigBlock',
  2 * perRow - 1,
);
export type NeuronBackendConfigOnNeuronBackendConfigBlock = Coord<'NeuronBackendConfigOnNeuronBackendConfigBlock'>;

/** One NeuronBackendConfig register set: `block · 256 + onBlock` (halco NeuronBackendConfigMixin). */
const backendConfig = defineCoord('NeuronBackendConfigOnDLS', 4 * perRow - 1);
export const NeuronBackendConfigOnDLS = Object.assign(backendConfig, {
  of: (block: NeuronBackendConfigBlockOnDLS, onBlock: NeuronBackendConfigOnNeuronBackendConfigBlock): NeuronBackendConfigOnDLS =>
    backendConfig(backendBlock(block) * 2 * perRow + NeuronBackendConfigOnNeuronBackendConfigBlock(onBlock)),
  toNeuronBackendConfigBlockOnDLS: (b: NeuronBackendConfigOnDLS): NeuronBackendConfigBlockOnDLS =>
    backendBlock(Math.floor(backendConfig(b) / (2 * perRow))),
  toNeuronBackendConfigOnNeuronBackendConfigBlock: (b: NeuronBackendConfigOnDLS): NeuronBackendConfigOnNeuronBackendConfigBlock =>
    NeuronBackendConfigOnNeuronBackendConfigBlock(backendConfig(b) % (2 * perRow)),
  toNeuronRowOnDLS: (b: NeuronBackendConfigOnDLS): NeuronRowOnDLS =>
    NeuronRowOnDLS(Math.floor((backendConfig(b) % (2 * perRow)) / perRow)),
  toNeuronColumnOnDLS: (b: NeuronBackendConfigOnDLS): NeuronColumnOnDLS =>
    NeuronColumnOnDLS(
      NeuronBackendConfigOnDLS.toNeuronBackendConfigBlockOnDLS(b) * perRow +
        (NeuronBackendConfigOnDLS.toNeuronBackendConfigOnNeuronBackendConfigBlock(b) % perRow),
    ),
});
export type NeuronBackendConfigOnDLS = Coord<'NeuronBackendConfigOnDLS'>;
