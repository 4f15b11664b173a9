import { defineCoord, type Coord } from '../ranged.js';
import { NeuronEventOutputOnDLS } from '../neuron/neuron-event-output.js';
import { BackgroundSpikeSourceOnDLS } from '../background/background-spike-source.js';
import { SPL1Address } from '../event/spike-label-fields.js';

// Reference §1.2: 20 crossbar inputs: 0..7 the neuron event outputs (0..3 left of the analog core, 4..7
// right), 8..11 the L2 (FPGA) channels, 12..19 the 8 background spike sources (halco routing_crossbar.cpp,
// background.cpp).

const neuronInputs = 8;
const l2Inputs = 4;
const firstBackground = neuronInputs + l2Inputs;

/** Where the events entering a crossbar input come from. */
export type CrossbarInputKind = 'neuron' | 'l2' | 'background';

/** Crossbar input 0..19. */
const input = defineCoord('CrossbarInputOnDLS', 19);
export const CrossbarInputOnDLS = Object.assign(input, {
  kind: (i: CrossbarInputOnDLS): CrossbarInputKind =>
    input(i) < neuronInputs ? 'neuron' : i < firstBackground ? 'l2' : 'background',
  fromNeuronEventOutputOnDLS: (e: NeuronEventOutputOnDLS): CrossbarInputOnDLS => input(NeuronEventOutputOnDLS(e)),
  fromSPL1Address: (a: SPL1Address): CrossbarInputOnDLS => input(neuronInputs + SPL1Address(a)),
  fromBackgroundSpikeSourceOnDLS: (b: BackgroundSpikeSourceOnDLS): CrossbarInputOnDLS =>
    input(firstBackground + BackgroundSpikeSourceOnDLS(b)),
  /** The neuron event output of inputs 0..7, else `undefined`. */
  toNeuronEventOutputOnDLS: (i: CrossbarInputOnDLS): NeuronEventOutputOnDLS | undefined =>
    CrossbarInputOnDLS.kind(i) === 'neuron' ? NeuronEventOutputOnDLS(i) : undefined,
  /** The L2 channel of inputs 8..11, else `undefined` (halco CrossbarInputOnDLS::toSPL1Address). */
  toSPL1Address: (i: CrossbarInputOnDLS): SPL1Address | undefined =>
    CrossbarInputOnDLS.kind(i) === 'l2' ? SPL1Address(i - neuronInputs) : undefined,
  /** The background source of inputs 12..19, else `undefined`. */
  toBackgroundSpikeSourceOnDLS: (i: CrossbarInputOnDLS): BackgroundSpikeSourceOnDLS | undefined =>
    CrossbarInputOnDLS.kind(i) === 'background' ? BackgroundSpikeSourceOnDLS(i - firstBackground) : undefined,
});
export type CrossbarInputOnDLS = Coord<'CrossbarInputOnDLS'>;
