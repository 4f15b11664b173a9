import { defineCoord, type Coord } from '../ranged.js';
import { NeuronBackendConfigBlockOnDLS } from './neuron-backend.js';
import { CrossbarInputOnDLS } from '../crossbar/crossbar-input.js';

// Reference §1.1: 8 neuron event outputs, 4 per backend block; output k collects the 64 neurons of columns
// 32k..32k+31 (both rows) and feeds crossbar input k (§1.2).

const perBlock = 4;

/** Event output inside a backend block (halco NeuronEventOutputOnNeuronBackendBlock). */
export const NeuronEventOutputOnNeuronBackendBlock = defineCoord('NeuronEventOutputOnNeuronBackendBlock', perBlock - 1);
export type NeuronEventOutputOnNeuronBackendBlock = Coord<'NeuronEventOutputOnNeuronBackendBlock'>;

/** Event output: `block · 4 + output` = column / 32 (halco neuron.h NeuronBackendConfigMixin). */
const eventOutput = defineCoord('NeuronEventOutputOnDLS', 2 * perBlock - 1);
export const NeuronEventOutputOnDLS = Object.assign(eventOutput, {
  of: (block: NeuronBackendConfigBlockOnDLS, onBlock: NeuronEventOutputOnNeuronBackendBlock): NeuronEventOutputOnDLS =>
    eventOutput(NeuronBackendConfigBlockOnDLS(block) * perBlock + NeuronEventOutputOnNeuronBackendBlock(onBlock)),
  toNeuronBackendConfigBlockOnDLS: (e: NeuronEventOutputOnDLS): NeuronBackendConfigBlockOnDLS =>
    NeuronBackendConfigBlockOnDLS(Math.floor(eventOutput(e) / perBlock)),
  toNeuronEventOutputOnNeuronBackendBlock: (e: NeuronEventOutputOnDLS): NeuronEventOutputOnNeuronBackendBlock =>
    NeuronEventOutputOnNeuronBackendBlock(eventOutput(e) % perBlock),
  /** Event output k feeds crossbar input k (§1.1, §1.2; halco neuron.cpp). */
  toCrossbarInputOnDLS: (e: NeuronEventOutputOnDLS): CrossbarInputOnDLS =>
    CrossbarInputOnDLS.fromNeuronEventOutputOnDLS(e),
});
export type NeuronEventOutputOnDLS = Coord<'NeuronEventOutputOnDLS'>;
