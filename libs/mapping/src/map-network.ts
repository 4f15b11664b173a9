import type { AtomicNeuronOnDLS, SpikeLabel } from '@bss2/coords';
import { Chip } from '@bss2/regs';
import { writeRouting } from './chip-routing.js';
import { validateNetwork, type Network, type ProjectionSpec } from './network.js';
import { placePopulations } from './placement.js';
import { planRoutes, type InputRoute, type NeuronRoute, type RowPairs } from './route-plan.js';
import { writeProjection } from './synapse-matrix.js';

// mapNetwork: network description → Chip configuration plus label tables (grenade's role, reference §6.2).
// Deterministic: the same network (and base) always gives the same Chip and tables, word for word.

export interface NeuronPopulationMapping {
  readonly kind: 'neuron';
  /** Neuron `i` of the population is chip neuron `neurons[i]`. */
  readonly neurons: readonly AtomicNeuronOnDLS[];
  /** The label neuron `i`'s spikes are recorded with (decode with `decodeSpike`). */
  readonly spikeLabels: readonly SpikeLabel[];
  readonly routes: readonly NeuronRoute[];
}

export interface InputPopulationMapping {
  readonly kind: 'input';
  /** The FPGA labels to inject for input neuron `i`: all of them, at the same time (one per hemisphere reached). */
  readonly fpgaLabels: readonly (readonly SpikeLabel[])[];
  readonly routes: readonly InputRoute[];
}

export type PopulationMapping = NeuronPopulationMapping | InputPopulationMapping;

export interface Mapping {
  readonly network: Network;
  /** The base configuration with the network's routing, neuron labels and synapses written in. */
  readonly chip: Chip;
  readonly populations: ReadonlyMap<string, PopulationMapping>;
}

export interface MapOptions {
  /** Configuration to start from (e.g. a calibration's Chip); a reset Chip if absent. Not modified. */
  readonly base?: Chip;
}

export function mapNetwork(network: Network, options: MapOptions = {}): Mapping {
  validateNetwork(network);
  const placement = placePopulations(network.populations);
  const plan = planRoutes(network, placement);
  const chip = options.base === undefined ? new Chip() : options.base.clone();
  const targets = new Set(network.projections.flatMap((p) => placement.get(p.target) ?? []));
  writeRouting(chip, plan, targets);
  const populations = new Map<string, PopulationMapping>();
  for (const population of network.populations) {
    if (population.kind === 'neuron') {
      const routes = plan.neurons.get(population.name) as readonly NeuronRoute[];
      populations.set(population.name, { kind: 'neuron', neurons: routes.map((r) => r.neuron), spikeLabels: routes.map((r) => r.spikeLabel), routes });
    } else {
      const routes = plan.inputs.get(population.name) as readonly InputRoute[];
      populations.set(population.name, { kind: 'input', fpgaLabels: routes.map((r) => r.fpgaLabels), routes });
    }
  }
  const mapping: Mapping = { network, chip, populations };
  for (const projection of network.projections) writeProjection(chip, projection, sourceRowPairs(mapping, projection), targetNeurons(mapping, projection));
  return mapping;
}

/** The row pairs of a projection's sources, in source index order. */
export function sourceRowPairs(mapping: Mapping, projection: ProjectionSpec): readonly RowPairs[] {
  const source = mapping.populations.get(projection.source) as PopulationMapping;
  return source.routes.map((r) => r.rowPairs);
}

/** The chip neurons of a projection's targets, in target index order. */
export function targetNeurons(mapping: Mapping, projection: ProjectionSpec): readonly AtomicNeuronOnDLS[] {
  return (mapping.populations.get(projection.target) as NeuronPopulationMapping).neurons;
}
