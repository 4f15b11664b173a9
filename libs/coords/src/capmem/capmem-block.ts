import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';
import { NeuronConfigBlockOnDLS } from '../neuron/neuron-config.js';

// Reference §2.3: 4 CapMem blocks, 2 per hemisphere, NW / NE / SW / SE (also the order of their SRAM bases in
// §1.7). halco capmem.h: CapMemBlockOnDLS = onHemisphere + 2 · hemisphere, onHemisphere 0 = left, 1 = right;
// block b serves neuron quadrant b (halco neuron.cpp NeuronConfigBlockOnDLS::toCapMemBlockOnDLS).

/** Block inside a hemisphere: 0 left (west, neuron columns 0..127), 1 right (east, 128..255). */
const onHemisphere = defineCoord('CapMemBlockOnHemisphere', 1);
export const CapMemBlockOnHemisphere = Object.assign(onHemisphere, {
  left: onHemisphere(0),
  right: onHemisphere(1),
});
export type CapMemBlockOnHemisphere = Coord<'CapMemBlockOnHemisphere'>;

/** CapMem block: 0 NW (top-west), 1 NE (top-east), 2 SW (bottom-west), 3 SE (bottom-east). */
const block = defineCoord('CapMemBlockOnDLS', 3);
export const CapMemBlockOnDLS = Object.assign(block, {
  northWest: block(0),
  northEast: block(1),
  southWest: block(2),
  southEast: block(3),
  of: (hemisphere: HemisphereOnDLS, side: CapMemBlockOnHemisphere): CapMemBlockOnDLS =>
    block(HemisphereOnDLS(hemisphere) * 2 + onHemisphere(side)),
  toHemisphereOnDLS: (b: CapMemBlockOnDLS): HemisphereOnDLS => HemisphereOnDLS(Math.floor(block(b) / 2)),
  toCapMemBlockOnHemisphere: (b: CapMemBlockOnDLS): CapMemBlockOnHemisphere => onHemisphere(block(b) % 2),
  /** The neuron quadrant whose 128 neurons own the block's per-neuron columns (same index). */
  toNeuronConfigBlockOnDLS: (b: CapMemBlockOnDLS): NeuronConfigBlockOnDLS => NeuronConfigBlockOnDLS.fromCapMemBlockOnDLS(b),
});
export type CapMemBlockOnDLS = Coord<'CapMemBlockOnDLS'>;
