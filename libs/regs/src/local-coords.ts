import { defineCoord, SynapseQuadColumnOnDLS, SynramOnDLS, type Coord } from '@bss2/coords';

// Coordinates of containers that @bss2/coords does not declare (yet). They follow halco: the singletons
// CrossbarOutputConfigOnDLS, MADCConfigOnDLS, MADCControlOnDLS have one instance; the column switch quads
// are `synram · 64 + quadColumn` (halco SynramMixin<ColumnCurrentQuadOnSynram>, one per quad column).

export const CrossbarOutputConfigOnDLS = defineCoord('CrossbarOutputConfigOnDLS', 0);
export type CrossbarOutputConfigOnDLS = Coord<'CrossbarOutputConfigOnDLS'>;

export const MADCConfigOnDLS = defineCoord('MADCConfigOnDLS', 0);
export type MADCConfigOnDLS = Coord<'MADCConfigOnDLS'>;

export const MADCControlOnDLS = defineCoord('MADCControlOnDLS', 0);
export type MADCControlOnDLS = Coord<'MADCControlOnDLS'>;

const quadColumns = SynapseQuadColumnOnDLS.size;

function columnQuad<const N extends string>(name: N) {
  const type = defineCoord(name, SynramOnDLS.size * quadColumns - 1);
  return Object.assign(type, {
    of: (synram: SynramOnDLS, column: SynapseQuadColumnOnDLS): Coord<N> => type(synram * quadColumns + column),
    toSynramOnDLS: (q: Coord<N>): SynramOnDLS => SynramOnDLS(Math.floor(q / quadColumns)),
    toSynapseQuadColumnOnDLS: (q: Coord<N>): SynapseQuadColumnOnDLS => SynapseQuadColumnOnDLS(q % quadColumns),
  });
}

/** The synaptic-input switches of 4 columns of a synram (haldls ColumnCurrentQuad). */
export const ColumnCurrentQuadOnDLS = columnQuad('ColumnCurrentQuadOnDLS');
export type ColumnCurrentQuadOnDLS = Coord<'ColumnCurrentQuadOnDLS'>;

/** The correlation and CADC readout switches of 4 columns of a synram (haldls ColumnCorrelationQuad). */
export const ColumnCorrelationQuadOnDLS = columnQuad('ColumnCorrelationQuadOnDLS');
export type ColumnCorrelationQuadOnDLS = Coord<'ColumnCorrelationQuadOnDLS'>;
