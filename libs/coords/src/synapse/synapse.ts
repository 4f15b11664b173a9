import { defineCoord, type Coord } from '../ranged.js';
import { SynramOnDLS } from './synram.js';
import { SynapseRowOnDLS, SynapseRowOnSynram } from './synapse-row.js';
import { EntryOnQuad, SynapseQuadColumnOnDLS, SynapseQuadOnDLS } from './synapse-quad.js';

// Reference §1.1: 256 synapses per row, 65,536 per synram, 131,072 per chip.

const columns = 256;
const perSynram = 256 * columns;

/** Synapse column inside a row, `4 · quadColumn + entry` (halco synapse.h SynapseQuadColumnMixin). */
const synapseOnRow = defineCoord('SynapseOnSynapseRow', columns - 1);
export const SynapseOnSynapseRow = Object.assign(synapseOnRow, {
  of: (quadColumn: SynapseQuadColumnOnDLS, entry: EntryOnQuad): SynapseOnSynapseRow =>
    synapseOnRow(SynapseQuadColumnOnDLS(quadColumn) * 4 + EntryOnQuad(entry)),
  toSynapseQuadColumnOnDLS: (s: SynapseOnSynapseRow): SynapseQuadColumnOnDLS =>
    SynapseQuadColumnOnDLS(Math.floor(synapseOnRow(s) / 4)),
  toEntryOnQuad: (s: SynapseOnSynapseRow): EntryOnQuad => EntryOnQuad(synapseOnRow(s) % 4),
});
export type SynapseOnSynapseRow = Coord<'SynapseOnSynapseRow'>;

/**
 * One synapse: `synram · 65536 + row · 256 + column`. Because a column is `4 · quadColumn + entry`, this is
 * also `4 · SynapseQuadOnDLS + entry`.
 */
const synapseOnDLS = defineCoord('SynapseOnDLS', 2 * perSynram - 1);
export const SynapseOnDLS = Object.assign(synapseOnDLS, {
  of: (synram: SynramOnDLS, row: SynapseRowOnSynram, column: SynapseOnSynapseRow): SynapseOnDLS =>
    synapseOnDLS(SynramOnDLS(synram) * perSynram + SynapseRowOnSynram(row) * columns + synapseOnRow(column)),
  ofQuad: (quad: SynapseQuadOnDLS, entry: EntryOnQuad): SynapseOnDLS =>
    synapseOnDLS(SynapseQuadOnDLS(quad) * 4 + EntryOnQuad(entry)),
  toSynramOnDLS: (s: SynapseOnDLS): SynramOnDLS => SynramOnDLS(Math.floor(synapseOnDLS(s) / perSynram)),
  toSynapseRowOnSynram: (s: SynapseOnDLS): SynapseRowOnSynram =>
    SynapseRowOnSynram(Math.floor((synapseOnDLS(s) % perSynram) / columns)),
  toSynapseRowOnDLS: (s: SynapseOnDLS): SynapseRowOnDLS => SynapseRowOnDLS(Math.floor(synapseOnDLS(s) / columns)),
  toSynapseOnSynapseRow: (s: SynapseOnDLS): SynapseOnSynapseRow => synapseOnRow(synapseOnDLS(s) % columns),
  toSynapseQuadOnDLS: (s: SynapseOnDLS): SynapseQuadOnDLS => SynapseQuadOnDLS(Math.floor(synapseOnDLS(s) / 4)),
  toEntryOnQuad: (s: SynapseOnDLS): EntryOnQuad => EntryOnQuad(synapseOnDLS(s) % 4),
});
export type SynapseOnDLS = Coord<'SynapseOnDLS'>;
