import type { AtomicNeuronOnDLS } from '@bss2/coords';
import { ColumnSets, emptyColumns } from './column-sets.js';
import { circuitsOf, type Network, type PopulationSpec } from './network.js';
import type { Placement } from './placement.js';

// Which hemispheres hold a source's weights, and in which synapse columns (reference §1.1, §1.5, §2.4). A weight
// into a 1-circuit neuron sits in that neuron's hemisphere. A 2-circuit neuron (top + bottom circuit of one
// column, membranes joined) takes synaptic input in either circuit, so each source stores all its weights into
// 2-circuit populations in ONE hemisphere: the one its 1-circuit targets already use if that is a single one,
// else the sources alternate between the hemispheres (per population, and for neuron sources per PADI bus
// group, so both hemispheres' busses fill evenly).

const columns = 256;
const columnsPerEventOutput = 32;
const busGroups = 4;

/** The column sets (ids in `sets`) of one source per hemisphere, −1 where it stores nothing. */
export interface SourceStorage {
  readonly sets: readonly [number, number];
  /** The hemisphere holding its weights into 2-circuit populations, undefined if it has none. */
  readonly twoCircuitHemisphere: 0 | 1 | undefined;
}

export interface StoragePlan {
  readonly sets: ColumnSets;
  /** Per source population, per source index. */
  readonly sources: ReadonlyMap<string, readonly SourceStorage[]>;
}

/** The event output of a neuron: column / 32 (§1.1). */
export function eventOutputOf(neuron: AtomicNeuronOnDLS): number {
  return Math.floor((neuron % columns) / columnsPerEventOutput);
}

/** Hemisphere of a neuron = its row (§1.1). */
export function hemisphereOf(neuron: AtomicNeuronOnDLS): number {
  return Math.floor(neuron / columns);
}

export function planStorage(network: Network, placement: Placement): StoragePlan {
  const sets = new ColumnSets();
  const byName = new Map(network.populations.map((p) => [p.name, p]));
  const sources = new Map<string, SourceStorage[]>();
  for (const population of network.populations) {
    const fixed: readonly Uint8Array[] = [emptyColumns(), emptyColumns()];
    const hasFixed = [false, false];
    const joined = emptyColumns();
    let hasJoined = false;
    for (const projection of network.projections) {
      if (projection.source !== population.name) continue;
      const target = byName.get(projection.target) as PopulationSpec;
      for (const neuron of placement.get(target.name) ?? []) {
        if (circuitsOf(target) === 2) {
          joined[neuron % columns] = 1;
          hasJoined = true;
        } else {
          (fixed[hemisphereOf(neuron)] as Uint8Array)[neuron % columns] = 1;
          hasFixed[hemisphereOf(neuron)] = true;
        }
      }
    }
    const setOf = (h: number, withJoined: boolean): number => {
      if (!hasFixed[h] && !withJoined) return -1;
      const own = fixed[h] as Uint8Array;
      return sets.intern(withJoined ? own.map((v, c) => v | (joined[c] as number)) : own);
    };
    const ids = [0, 1].map((h) => [setOf(h, false), setOf(h, hasJoined)]) as [[number, number], [number, number]];
    const placed = placement.get(population.name);
    const alternation = new Int32Array(busGroups);
    const storage = Array.from({ length: population.size }, (_, i): SourceStorage => {
      let twoCircuitHemisphere: 0 | 1 | undefined;
      if (hasJoined) {
        if (hasFixed[0] !== hasFixed[1]) twoCircuitHemisphere = hasFixed[0] ? 0 : 1;
        else {
          const group = placed === undefined ? 0 : eventOutputOf(placed[i] as AtomicNeuronOnDLS) % busGroups;
          twoCircuitHemisphere = ((alternation[group] as number) % 2) as 0 | 1;
          alternation[group] = (alternation[group] as number) + 1;
        }
      }
      return { sets: [ids[0][twoCircuitHemisphere === 0 ? 1 : 0], ids[1][twoCircuitHemisphere === 1 ? 1 : 0]], twoCircuitHemisphere };
    });
    sources.set(population.name, storage);
  }
  return { sets, sources };
}
