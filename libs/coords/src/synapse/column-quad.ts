import { defineCoord, type Coord } from '../ranged.js';
import { SynramOnDLS } from './synram.js';
import { SynapseQuadColumnOnDLS } from './synapse-quad.js';

// Reference §1.5 and §3.1: below each synram, every quad column (4 synapse columns) has two switch registers:
// ColumnCurrentQuad connects the columns' synaptic currents to their neurons (or to the debug lines), and
// ColumnCorrelationQuad routes the correlation accumulators and the neuron readout to the CADC (§3.1, §3.3).
// Halco (include/halco/hicann-dls/vx/switch_rows.h) gives each a per-synram coordinate with the range of
// SynapseQuadColumnOnDLS and a chip-wide SynramMixin of it, so the value is `synram · 64 + quadColumn`. The
// per-synram types are not declared here: they are the quad column itself (halco's toSynapseQuadColumnOnDLS
// is the identity).

const quadColumns = 64;

/** The synaptic-input switches of quad column q of a synram: `synram · 64 + q` (haldls ColumnCurrentQuad). */
const currentQuad = defineCoord('ColumnCurrentQuadOnDLS', 2 * quadColumns - 1);
export const ColumnCurrentQuadOnDLS = Object.assign(currentQuad, {
  of: (synram: SynramOnDLS, column: SynapseQuadColumnOnDLS): ColumnCurrentQuadOnDLS =>
    currentQuad(SynramOnDLS(synram) * quadColumns + SynapseQuadColumnOnDLS(column)),
  toSynramOnDLS: (q: ColumnCurrentQuadOnDLS): SynramOnDLS => SynramOnDLS(Math.floor(currentQuad(q) / quadColumns)),
  toSynapseQuadColumnOnDLS: (q: ColumnCurrentQuadOnDLS): SynapseQuadColumnOnDLS =>
    SynapseQuadColumnOnDLS(currentQuad(q) % quadColumns),
});
export type ColumnCurrentQuadOnDLS = Coord<'ColumnCurrentQuadOnDLS'>;

/**
 * The correlation and CADC neuron-readout switches of quad column q of a synram: `synram · 64 + q` (haldls
 * ColumnCorrelationQuad).
 */
const correlationQuad = defineCoord('ColumnCorrelationQuadOnDLS', 2 * quadColumns - 1);
export const ColumnCorrelationQuadOnDLS = Object.assign(correlationQuad, {
  of: (synram: SynramOnDLS, column: SynapseQuadColumnOnDLS): ColumnCorrelationQuadOnDLS =>
    correlationQuad(SynramOnDLS(synram) * quadColumns + SynapseQuadColumnOnDLS(column)),
  toSynramOnDLS: (q: ColumnCorrelationQuadOnDLS): SynramOnDLS => SynramOnDLS(Math.floor(correlationQuad(q) / quadColumns)),
  toSynapseQuadColumnOnDLS: (q: ColumnCorrelationQuadOnDLS): SynapseQuadColumnOnDLS =>
    SynapseQuadColumnOnDLS(correlationQuad(q) % quadColumns),
});
export type ColumnCorrelationQuadOnDLS = Coord<'ColumnCorrelationQuadOnDLS'>;
