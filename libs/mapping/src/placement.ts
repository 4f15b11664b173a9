import { AtomicNeuronOnDLS } from '@bss2/coords';
import { exhausted } from './mapping-error.js';
import type { PlacementConstraint, PopulationSpec } from './network.js';

// Placement of neuron populations on the 512 atomic neurons (reference §1.1: 2 rows × 256 columns). Constrained
// populations go first, in declaration order, each onto the free neurons of its region; then the others, in
// declaration order, onto the lowest free neurons, top row first, columns ascending. Contiguous columns keep a
// population on few neuron event outputs (32 columns each, §1.1), which keeps it on few PADI busses.

const neurons = AtomicNeuronOnDLS.size;
const columns = 256;

/** Neuron `index` of population `name` sits on `placed.get(name)[index]`. */
export type Placement = ReadonlyMap<string, readonly AtomicNeuronOnDLS[]>;

export function placePopulations(populations: readonly PopulationSpec[]): Placement {
  const taken = new Uint8Array(neurons);
  const placed = new Map<string, readonly AtomicNeuronOnDLS[]>();
  const onChip = populations.filter((p) => p.kind === 'neuron');
  const demand = onChip.reduce((n, p) => n + p.size, 0);
  if (demand > neurons) exhausted({ resource: 'neurons', where: 'the chip', demand, capacity: neurons }, 'reference §1.1: 512 atomic neurons');
  const order = [...onChip.filter((p) => p.placement !== undefined), ...onChip.filter((p) => p.placement === undefined)];
  for (const population of order) {
    const free = regionOf(population.placement ?? {}).filter((n) => taken[n] === 0);
    if (free.length < population.size) {
      exhausted(
        { resource: 'neurons', where: `the placement region of population ${population.name} (${describeRegion(population.placement ?? {})})`, demand: population.size, capacity: free.length },
        'free neurons left in the region after the populations placed before it',
      );
    }
    const chosen = free.slice(0, population.size);
    for (const n of chosen) taken[n] = 1;
    placed.set(population.name, chosen);
  }
  return placed;
}

function regionOf(constraint: PlacementConstraint): AtomicNeuronOnDLS[] {
  const rows = constraint.row === undefined ? [0, 1] : [constraint.row];
  const [first, last] = constraint.columns ?? [0, columns - 1];
  const region: AtomicNeuronOnDLS[] = [];
  for (const row of rows) for (let column = first; column <= last; column++) region.push(AtomicNeuronOnDLS(row * columns + column));
  return region;
}

function describeRegion(constraint: PlacementConstraint): string {
  const row = constraint.row === undefined ? 'both neuron rows' : `neuron row ${constraint.row}`;
  const [first, last] = constraint.columns ?? [0, columns - 1];
  return `${row}, columns ${first}..${last}`;
}
