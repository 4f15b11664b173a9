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

const quadColumns = SynapseQuadColumnOnDLS.size;

/** One switch register per quad column of each synram: value `synram · 64 + quadColumn`. */
function synramQuadColumn<const Name extends string>(name: Name) {
  const type = defineCoord(name, SynramOnDLS.size * quadColumns - 1);
  return Object.assign(type, {
    of: (synram: SynramOnDLS, column: SynapseQuadColumnOnDLS): Coord<Name> =>
      type(SynramOnDLS(synram) * quadColumns + SynapseQuadColumnOnDLS(column)),
    toSynramOnDLS: (q: Coord<Name>): SynramOnDLS => SynramOnDLS(Math.floor(type(q) / quadColumns)),
    toSynapseQuadColumnOnDLS: (q: Coord<Name>): SynapseQuadColumnOnDLS => SynapseQuadColumnOnDLS(type(q) % quadColumns),
  });
}

/** The synaptic-input switches of a quad column of a synram (haldls ColumnCurrentQuad). */
export const ColumnCurrentQuadOnDLS = synramQuadColumn('ColumnCurrentQuadOnDLS');
export type ColumnCurrentQuadOnDLS = Coord<'ColumnCurrentQuadOnDLS'>;

/** The correlation and CADC neuron-readout switches of a quad column of a synram (haldls ColumnCorrelationQuad). */
export const ColumnCorrelationQuadOnDLS = synramQuadColumn('ColumnCorrelationQuadOnDLS');
export type ColumnCorrelationQuadOnDLS = Coord<'ColumnCorrelationQuadOnDLS'>;
