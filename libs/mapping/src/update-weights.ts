import type { SynapseQuadOnDLS } from '@bss2/coords';
import { SynapseQuad } from '@bss2/regs';
import { invalid } from './mapping-error.js';
import { sourceRoutes, targetNeurons, type Mapping } from './map-network.js';
import { checkWeights, type ProjectionSpec } from './network.js';
import { writeProjection, type SynapseQuadValue } from './synapse-matrix.js';

// New weights for one projection between runs (issue 6: "weights written as diffs of the previous run"). Only
// the synapse pairs whose weight changed are rewritten; a sign change rewrites both rows of the pair (§6.5).

/** One SynapseQuad write: `builder.write(SynapseQuad, quad, value)`. */
export interface SynapseWrite {
  readonly quad: SynapseQuadOnDLS;
  readonly value: SynapseQuadValue;
}

export interface WeightUpdate {
  /** The mapping with the new weights (its network and chip); the old mapping is unchanged. */
  readonly mapping: Mapping;
  /** The quads that changed, ascending by coordinate; empty when no weight changed. */
  readonly writes: readonly SynapseWrite[];
}

/** Replaces the weights of projection `name` (same shape and range as in the network description). */
export function updateWeights(mapping: Mapping, name: string, weights: ArrayLike<number>): WeightUpdate {
  const index = mapping.network.projections.findIndex((p) => p.name === name);
  if (index < 0) invalid(`projection ${name}`, `no such projection; the network has ${mapping.network.projections.map((p) => p.name).join(', ')}`, name);
  const old = mapping.network.projections[index] as ProjectionSpec;
  checkWeights(`projection ${name}`, weights, old.weights.length);
  const projection: ProjectionSpec = { ...old, weights: Array.from(weights) };
  const chip = mapping.chip.clone();
  const touched = writeProjection(chip, projection, sourceRoutes(mapping, old), ...targetNeurons(mapping, old), old.weights);
  const projections = mapping.network.projections.map((p, i) => (i === index ? projection : p));
  // A changed pair rewrites both its rows; a row whose synapse stays 0 (e.g. 0 → −1 in the excitatory row) is
  // left out.
  const writes = [...touched]
    .filter((quad) => !sameWords(chip.rawWords(SynapseQuad, quad), mapping.chip.rawWords(SynapseQuad, quad)))
    .sort((a, b) => a - b)
    .map((quad) => ({ quad, value: chip.get(SynapseQuad, quad) }));
  return { mapping: { ...mapping, network: { ...mapping.network, projections }, chip }, writes };
}

function sameWords(a: Uint32Array, b: Uint32Array): boolean {
  return a.every((word, i) => word === b[i]);
}
