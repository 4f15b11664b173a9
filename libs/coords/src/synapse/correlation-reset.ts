import { defineCoord, type Coord } from '../ranged.js';
import { SynramOnDLS } from './synram.js';
import { SynapseRowOnSynram } from './synapse-row.js';
import { SynapseQuadColumnOnDLS, SynapseQuadOnDLS, SynapseQuadOnSynram } from './synapse-quad.js';

// Reference §3.3: writing the correlation-reset register clears the correlation accumulators of one synapse
// quad. Halco include/halco/hicann-dls/vx/synapse.h: CorrelationResetOnDLS = SynramMixin<SynapseQuadOnSynram>,
// the same enumeration as SynapseQuadOnDLS, `synram · 16384 + row · 64 + quadColumn`. Its own type keeps a
// reset trigger from being confused with a synapse quad's configuration.

const quadsPerSynram = SynapseQuadOnSynram.size;

/** The correlation reset of one synapse quad (haldls CorrelationReset). */
const reset = defineCoord('CorrelationResetOnDLS', SynramOnDLS.size * quadsPerSynram - 1);
export const CorrelationResetOnDLS = Object.assign(reset, {
  of: (synram: SynramOnDLS, row: SynapseRowOnSynram, column: SynapseQuadColumnOnDLS): CorrelationResetOnDLS =>
    reset(SynapseQuadOnDLS.of(synram, row, column)),
  fromSynapseQuadOnDLS: (q: SynapseQuadOnDLS): CorrelationResetOnDLS => reset(SynapseQuadOnDLS(q)),
  toSynapseQuadOnDLS: (r: CorrelationResetOnDLS): SynapseQuadOnDLS => SynapseQuadOnDLS(reset(r)),
  toSynramOnDLS: (r: CorrelationResetOnDLS): SynramOnDLS => SynapseQuadOnDLS.toSynramOnDLS(SynapseQuadOnDLS(reset(r))),
  toSynapseQuadOnSynram: (r: CorrelationResetOnDLS): SynapseQuadOnSynram =>
    SynapseQuadOnDLS.toSynapseQuadOnSynram(SynapseQuadOnDLS(reset(r))),
  toSynapseRowOnSynram: (r: CorrelationResetOnDLS): SynapseRowOnSynram =>
    SynapseQuadOnDLS.toSynapseRowOnSynram(SynapseQuadOnDLS(reset(r))),
  toSynapseQuadColumnOnDLS: (r: CorrelationResetOnDLS): SynapseQuadColumnOnDLS =>
    SynapseQuadOnDLS.toSynapseQuadColumnOnDLS(SynapseQuadOnDLS(reset(r))),
});
export type CorrelationResetOnDLS = Coord<'CorrelationResetOnDLS'>;
