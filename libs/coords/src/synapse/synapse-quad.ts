import { defineCoord, type Coord } from '../ranged.js';
import { SynramOnDLS } from './synram.js';
import { SynapseRowOnDLS, SynapseRowOnSynram } from './synapse-row.js';
import { NeuronConfigBlockOnDLS } from '../neuron/neuron-config.js';

// Reference §1.1 and §1.5: synapses are accessed in quads of 4 adjacent columns (one 32-bit word of weights,
// one of labels); 64 quad columns per row.

const quadColumns = 64;
const quadsPerSynram = 256 * quadColumns;

/** Quad column: synapse columns 4q..4q+3 (halco synapse.h). */
const quadColumn = defineCoord('SynapseQuadColumnOnDLS', quadColumns - 1);
export const SynapseQuadColumnOnDLS = Object.assign(quadColumn, {
  /** True for the east half, quad columns 32..63 = columns 128..255 (halco synapse.cpp). */
  isEast: (q: SynapseQuadColumnOnDLS): boolean => quadColumn(q) >= quadColumns / 2,
});
export type SynapseQuadColumnOnDLS = Coord<'SynapseQuadColumnOnDLS'>;

/**
 * Position inside a quad: entry e is synapse column `4 · quadColumn + e` (halco synapse.h:
 * SynapseOnSynapseRow = SynapseQuadColumnMixin<EntryOnQuad>). The host bitfield order of §1.5 (entry 3 in the
 * least significant byte) is an encoding detail of the register words, not of this geometry.
 */
export const EntryOnQuad = defineCoord('EntryOnQuad', 3);
export type EntryOnQuad = Coord<'EntryOnQuad'>;

/** Quad inside a synram: `row · 64 + quadColumn` (halco SynapseQuadOnSynram grid, x = quad column). */
const quadOnSynram = defineCoord('SynapseQuadOnSynram', quadsPerSynram - 1);
export const SynapseQuadOnSynram = Object.assign(quadOnSynram, {
  of: (row: SynapseRowOnSynram, column: SynapseQuadColumnOnDLS): SynapseQuadOnSynram =>
    quadOnSynram(SynapseRowOnSynram(row) * quadColumns + quadColumn(column)),
  toSynapseRowOnSynram: (q: SynapseQuadOnSynram): SynapseRowOnSynram =>
    SynapseRowOnSynram(Math.floor(quadOnSynram(q) / quadColumns)),
  toSynapseQuadColumnOnDLS: (q: SynapseQuadOnSynram): SynapseQuadColumnOnDLS => quadColumn(quadOnSynram(q) % quadColumns),
});
export type SynapseQuadOnSynram = Coord<'SynapseQuadOnSynram'>;

/** Quad on the chip: `synram · 16384 + quadOnSynram` (halco SynramMixin). */
const quadOnDLS = defineCoord('SynapseQuadOnDLS', 2 * quadsPerSynram - 1);
export const SynapseQuadOnDLS = Object.assign(quadOnDLS, {
  of: (synram: SynramOnDLS, row: SynapseRowOnSynram, column: SynapseQuadColumnOnDLS): SynapseQuadOnDLS =>
    quadOnDLS(SynramOnDLS(synram) * quadsPerSynram + SynapseQuadOnSynram.of(row, column)),
  ofQuadOnSynram: (synram: SynramOnDLS, quad: SynapseQuadOnSynram): SynapseQuadOnDLS =>
    quadOnDLS(SynramOnDLS(synram) * quadsPerSynram + quadOnSynram(quad)),
  toSynramOnDLS: (q: SynapseQuadOnDLS): SynramOnDLS => SynramOnDLS(Math.floor(quadOnDLS(q) / quadsPerSynram)),
  toSynapseQuadOnSynram: (q: SynapseQuadOnDLS): SynapseQuadOnSynram => quadOnSynram(quadOnDLS(q) % quadsPerSynram),
  toSynapseRowOnSynram: (q: SynapseQuadOnDLS): SynapseRowOnSynram =>
    SynapseRowOnSynram(Math.floor((quadOnDLS(q) % quadsPerSynram) / quadColumns)),
  toSynapseRowOnDLS: (q: SynapseQuadOnDLS): SynapseRowOnDLS => SynapseRowOnDLS(Math.floor(quadOnDLS(q) / quadColumns)),
  toSynapseQuadColumnOnDLS: (q: SynapseQuadOnDLS): SynapseQuadColumnOnDLS => quadColumn(quadOnDLS(q) % quadColumns),
  /**
   * The neuron quadrant below the quad, `synram · 2 + (east half ? 1 : 0)` (halco synapse.cpp
   * SynapseQuadOnDLS::toNeuronConfigBlockOnDLS).
   */
  toNeuronConfigBlockOnDLS: (q: SynapseQuadOnDLS): NeuronConfigBlockOnDLS => {
    const east = SynapseQuadColumnOnDLS.isEast(SynapseQuadOnDLS.toSynapseQuadColumnOnDLS(q));
    return NeuronConfigBlockOnDLS(SynapseQuadOnDLS.toSynramOnDLS(q) * 2 + (east ? 1 : 0));
  },
});
export type SynapseQuadOnDLS = Coord<'SynapseQuadOnDLS'>;
