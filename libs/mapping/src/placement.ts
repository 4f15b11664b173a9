import { AtomicNeuronOnDLS } from '@bss2/coords';
import { exhausted } from './mapping-error.js';
import { circuitsOf, type PlacementConstraint, type PopulationSpec } from './network.js';

// Placement of neuron populations on the 512 atomic neurons (reference §1.1: 2 rows × 256 columns). Constrained
// populations go first, in declaration order, each onto the free neurons of its region; then the others, in
// declaration order, onto the lowest free neurons, top row first, columns ascending. Contiguous columns keep a
// population on few neuron event outputs (32 columns each, §1.1), which keeps it on few PADI busses. A 2-circuit
// neuron (§2.4 `connectBottom`) takes a column whose top and bottom circuits are both free; it is named by its
// top circuit, the bottom one is `bottomCircuitOf` it.

const neurons = AtomicNeuronOnDLS.size;
const columns = 256;

/** Neuron `index` of population `name` sits on `placed.get(name)[index]` (its top circuit if it has two). */
export type Placement = ReadonlyMap<string, readonly AtomicNeuronOnDLS[]>;

/** The bottom circuit joined to top circuit `neuron` in a 2-circuit neuron: the same column of row 1 (§1.1, §2.4). */
export function bottomCircuitOf(neuron: AtomicNeuronOnDLS): AtomicNeuronOnDLS {
  return AtomicNeuronOnDLS(neuron + columns);
}

export function placePopulations(populations: readonly PopulationSpec[]): Placement {
  const taken = new Uint8Array(neurons);
  const placed = new Map<string, readonly AtomicNeuronOnDLS[]>();
  const onChip = populations.filter((p) => p.kind === 'neuron');
  const demand = onChip.reduce((n, p) => n + p.size * circuitsOf(p), 0);
  if (demand > neurons) exhausted({ resource: 'neurons', where: 'the chip', demand, capacity: neurons }, 'reference §1.1: 512 atomic neurons, a 2-circuit neuron takes two');
  const order = [...onChip.filter((p) => p.placement !== undefined), ...onChip.filter((p) => p.placement === undefined)];
  for (const population of order) {
    const joined = circuitsOf(population) === 2;
    const region = joined ? columnsOf(population.placement ?? {}).map((c) => AtomicNeuronOnDLS(c)) : regionOf(population.placement ?? {});
    const free = region.filter((n) => taken[n] === 0 && (!joined || taken[bottomCircuitOf(n)] === 0));
    if (free.length < population.size) {
      exhausted(
        { resource: 'neurons', where: `the placement region of population ${population.name} (${describeRegion(population.placement ?? {}, joined)})`, demand: population.size, capacity: free.length },
        joined ? 'columns with both circuits free after the populations placed before it' : 'free neurons left in the region after the populations placed before it',
      );
    }
    const chosen = free.slice(0, population.size);
    for (const n of chosen) {
      taken[n] = 1;
      if (joined) taken[bottomCircuitOf(n)] = 1;
    }
    placed.set(population.name, chosen);
  }
  return placed;
}

function columnsOf(constraint: PlacementConstraint): number[] {
  const [first, last] = constraint.columns ?? [0, columns - 1];
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

function regionOf(constraint: PlacementConstraint): AtomicNeuronOnDLS[] {
  const rows = constraint.row === undefined ? [0, 1] : [constraint.row];
  return rows.flatMap((row) => columnsOf(constraint).map((column) => AtomicNeuronOnDLS(row * columns + column)));
}

function describeRegion(constraint: PlacementConstraint, joined: boolean): string {
  const row = joined ? 'both circuits' : constraint.row === undefined ? 'both neuron rows' : `neuron row ${constraint.row}`;
  const [first, last] = constraint.columns ?? [0, columns - 1];
  return `${row}, columns ${first}..${last}`;
}
