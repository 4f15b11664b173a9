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
import { hemisphereOf, type RowPairs, type SourceRoute } from './route-plan.js';

// Where the weights of a projection live (reference §1.5, §6.5): weight w from source s to target neuron t sits
// in t's column of s's row pair in t's hemisphere (a 2-circuit t: in the hemisphere s stores its weights into
// 2-circuit neurons in, storage-plan.ts), |w| in the top row (excitatory) when w > 0, in the bottom row
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

/**
 * The synapse pair carrying the weight from a source (its row pairs) to target neuron `target` (a 2-circuit
 * neuron by its top circuit), in `hemisphere` (default: the target's own).
 */
export function synapsePairOf(rowPairs: RowPairs, target: AtomicNeuronOnDLS, hemisphere = hemisphereOf(target)): SynapsePair {
  const h = hemisphere;
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
  sources: readonly SourceRoute[],
  targets: readonly AtomicNeuronOnDLS[],
  targetCircuits: 1 | 2,
  previous?: ArrayLike<number>,
): Set<SynapseQuadOnDLS> {
  const edits = new QuadEdits(chip);
  const m = sources.length;
  for (let t = 0; t < targets.length; t++) {
    for (let s = 0; s < m; s++) {
      const w = projection.weights[t * m + s] as number;
      if (previous !== undefined && previous[t * m + s] === w) continue;
      const source = sources[s] as SourceRoute;
      const target = targets[t] as AtomicNeuronOnDLS;
      const pair = synapsePairOf(source.rowPairs, target, targetCircuits === 2 ? source.twoCircuitHemisphere : hemisphereOf(target));
      edits.set(pair.excitatory, pair.entry, w > 0 ? w : 0, pair.synapseLabel);
      edits.set(pair.inhibitory, pair.entry, w < 0 ? -w : 0, pair.synapseLabel);
    }
  }
  return edits.flush();
}

/** Synapse edits gathered per quad, so each quad is decoded and encoded once however many of its entries change. */
class QuadEdits {
  private readonly pending = new Map<SynapseQuadOnDLS, { value: SynapseQuadValue; weights: number[]; labels: number[] }>();

  constructor(private readonly chip: Chip) {}

  set(quad: SynapseQuadOnDLS, entry: number, weight: number, label: number): void {
    let edit = this.pending.get(quad);
    if (edit === undefined) {
      const value = this.chip.get(SynapseQuad, quad);
      edit = { value, weights: [...value.weights], labels: [...value.labels] };
      this.pending.set(quad, edit);
    }
    edit.weights[entry] = weight;
    edit.labels[entry] = label;
  }

  /** Writes the edited quads into the chip; returns them. */
  flush(): Set<SynapseQuadOnDLS> {
    for (const [quad, { value, weights, labels }] of this.pending) {
      this.chip.set(SynapseQuad, quad, { ...value, weights: weights as [number, number, number, number], labels: labels as [number, number, number, number] });
    }
    return new Set(this.pending.keys());
  }
}
