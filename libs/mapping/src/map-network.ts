import type { AtomicNeuronOnDLS, SpikeLabel } from '@bss2/coords';
import { Chip } from '@bss2/regs';
import { writeRouting } from './chip-routing.js';
import { circuitsOf, validateNetwork, type Network, type PopulationSpec, type ProjectionSpec } from './network.js';
import { bottomCircuitOf, placePopulations } from './placement.js';
import { planRoutes, type InputRoute, type NeuronRoute, type SourceRoute } from './route-plan.js';
import { writeProjection } from './synapse-matrix.js';

// mapNetwork: network description → Chip configuration plus label tables (grenade's role, reference §6.2).
// Deterministic: the same network (and base) always gives the same Chip and tables, word for word.

export interface NeuronPopulationMapping {
  readonly kind: 'neuron';
  /**
   * Neuron `i` of the population is chip neuron `neurons[i]`; for a 2-circuit population its top circuit, the
   * one that sends and records its spikes and whose membrane the CADC reads (both circuits share it, §2.4).
   */
  readonly neurons: readonly AtomicNeuronOnDLS[];
  readonly circuits: 1 | 2;
  /** The bottom circuit joined to `neurons[i]` (§2.4 `connectBottom`), empty for a 1-circuit population. */
  readonly bottomCircuits: readonly AtomicNeuronOnDLS[];
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
  const byName = new Map(network.populations.map((p) => [p.name, p]));
  const bottomsOf = (p: PopulationSpec): AtomicNeuronOnDLS[] => (circuitsOf(p) === 2 ? (placement.get(p.name) ?? []).map(bottomCircuitOf) : []);
  // A 2-circuit target takes synaptic input in both circuits: each source's weights sit in one of them.
  const targets = new Set(network.projections.flatMap((p) => [...(placement.get(p.target) ?? []), ...bottomsOf(byName.get(p.target) as PopulationSpec)]));
  const joined = network.populations.flatMap((p) => (circuitsOf(p) === 2 ? (placement.get(p.name) ?? []) : []));
  writeRouting(chip, plan, targets, joined);
  const populations = new Map<string, PopulationMapping>();
  for (const population of network.populations) {
    if (population.kind === 'neuron') {
      const routes = plan.neurons.get(population.name) as readonly NeuronRoute[];
      populations.set(population.name, {
        kind: 'neuron', neurons: routes.map((r) => r.neuron), circuits: circuitsOf(population), bottomCircuits: bottomsOf(population),
        spikeLabels: routes.map((r) => r.spikeLabel), routes,
      });
    } else {
      const routes = plan.inputs.get(population.name) as readonly InputRoute[];
      populations.set(population.name, { kind: 'input', fpgaLabels: routes.map((r) => r.fpgaLabels), routes });
    }
  }
  const mapping: Mapping = { network, chip, populations };
  for (const projection of network.projections) writeProjection(chip, projection, sourceRoutes(mapping, projection), ...targetNeurons(mapping, projection));
  return mapping;
}

/** The routes of a projection's sources, in source index order. */
export function sourceRoutes(mapping: Mapping, projection: ProjectionSpec): readonly SourceRoute[] {
  return (mapping.populations.get(projection.source) as PopulationMapping).routes;
}

/** The chip neurons of a projection's targets, in target index order, and their circuits per neuron. */
export function targetNeurons(mapping: Mapping, projection: ProjectionSpec): [readonly AtomicNeuronOnDLS[], 1 | 2] {
  const target = mapping.populations.get(projection.target) as NeuronPopulationMapping;
  return [target.neurons, target.circuits];
}
