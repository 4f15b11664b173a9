import {
  AtomicNeuronOnDLS,
  SynapseDriverOnDLS,
  SynapseDriverOnSynapseDriverBlock,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseRowOnSynapseDriver,
  SynramOnDLS,
  type SynapseRowOnSynram,
} from '@bss2/coords';
import { SynapseQuad, type Chip, type ContainerValue } from '@bss2/regs';
import type { ProjectionSpec } from './network.js';
import { hemisphereOf, type RowPairs } from './route-plan.js';

// Where the weights of a projection live (reference §1.5, §6.5): weight w from source s to target neuron t sits
// in t's column of s's row pair in t's hemisphere, |w| in the top row (excitatory) when w > 0, in the bottom row
// (inhibitory) when w < 0, and 0 in the other row. Both synapses carry s's synapse label, so both rows answer
// the same event and the sign is the row's (§1.5: "the sign belongs to the row").

const columns = 256;
const quadColumns = 4;

export type SynapseQuadValue = ContainerValue<typeof SynapseQuad>;

/** One synapse pair: the two quads (excitatory, inhibitory row) and the entry in them. */
export interface SynapsePair {
  readonly excitatory: SynapseQuadOnDLS;
  readonly inhibitory: SynapseQuadOnDLS;
  readonly entry: number;
  readonly synapseLabel: number;
}

/** The synapse pair carrying the weight from a source (its row pairs) to target neuron `target`. */
export function synapsePairOf(rowPairs: RowPairs, target: AtomicNeuronOnDLS): SynapsePair {
  const h = hemisphereOf(target);
  const pair = rowPairs[h];
  if (pair === undefined) throw new Error(`assertion: no row pair in hemisphere ${h} for a source projecting there`);
  const column = target % columns;
  const quadColumn = SynapseQuadColumnOnDLS(Math.floor(column / quadColumns));
  const quadOf = (row: SynapseRowOnSynram): SynapseQuadOnDLS => SynapseQuadOnDLS.of(SynramOnDLS(h), row, quadColumn);
  const driver = SynapseDriverOnDLS.toSynapseDriverOnSynapseDriverBlock(pair.driver);
  return {
    excitatory: quadOf(SynapseDriverOnSynapseDriverBlock.toSynapseRowOnSynram(driver, SynapseRowOnSynapseDriver.top)),
    inhibitory: quadOf(SynapseDriverOnSynapseDriverBlock.toSynapseRowOnSynram(driver, SynapseRowOnSynapseDriver.bottom)),
    entry: column % quadColumns,
    synapseLabel: pair.synapseLabel,
  };
}

/**
 * Writes the synapses of `projection` (or only the pairs whose weight differs from `previous`) into `chip`, and
 * returns the quads it touched.
 */
export function writeProjection(
  chip: Chip,
  projection: ProjectionSpec,
  sources: readonly RowPairs[],
  targets: readonly AtomicNeuronOnDLS[],
  previous?: ArrayLike<number>,
): Set<SynapseQuadOnDLS> {
  const touched = new Set<SynapseQuadOnDLS>();
  const m = sources.length;
  for (let t = 0; t < targets.length; t++) {
    for (let s = 0; s < m; s++) {
      const w = projection.weights[t * m + s] as number;
      if (previous !== undefined && previous[t * m + s] === w) continue;
      const pair = synapsePairOf(sources[s] as RowPairs, targets[t] as AtomicNeuronOnDLS);
      setSynapse(chip, pair.excitatory, pair.entry, w > 0 ? w : 0, pair.synapseLabel);
      setSynapse(chip, pair.inhibitory, pair.entry, w < 0 ? -w : 0, pair.synapseLabel);
      touched.add(pair.excitatory).add(pair.inhibitory);
    }
  }
  return touched;
}

function setSynapse(chip: Chip, quad: SynapseQuadOnDLS, entry: number, weight: number, label: number): void {
  const value = chip.get(SynapseQuad, quad);
  const weights = [...value.weights] as [number, number, number, number];
  const labels = [...value.labels] as [number, number, number, number];
  weights[entry] = weight;
  labels[entry] = label;
  chip.set(SynapseQuad, quad, { ...value, weights, labels });
}
