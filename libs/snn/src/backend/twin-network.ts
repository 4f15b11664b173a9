import { AtomicNeuronOnDLS } from '@bss2/coords';
import type { Network, PlacementConstraint, PopulationSpec } from '@bss2/mapping';
import { SnnError } from '../snn-error.js';
import type { NetworkDescription, PopulationDescription } from './backend.js';

/** The mapping's name of a population: unique per registration id even when module names repeat. */
export function mappingName(population: { readonly id: number; readonly name: string }): string {
  return `${population.name}#${population.id}`;
}

/**
 * hxtorch's per-neuron `placement_constraint` as libs/mapping's window: the neurons must be consecutive columns
 * of one row, so the window holds exactly the population and the mapping places neuron i on the i-th column. A
 * 2-circuit neuron is named by its top circuit (row 0) and the window gives its columns only (§2.4).
 */
export function placementWindow(population: PopulationDescription): PlacementConstraint | undefined {
  const placement = population.placement;
  if (placement === null) return undefined;
  const row = AtomicNeuronOnDLS.toNeuronRowOnDLS(placement[0] as AtomicNeuronOnDLS);
  const joined = population.kind !== 'input' && population.circuits === 2;
  if (joined && row !== 0) {
    throw new SnnError('out-of-range', `${population.name}: a 2-circuit neuron is placed by its top circuit (neuron row 0), got ${placement[0]}`, 'placement', placement[0], 'neurons 0..255');
  }
  const first = AtomicNeuronOnDLS.toNeuronColumnOnDLS(placement[0] as AtomicNeuronOnDLS);
  placement.forEach((neuron, i) => {
    if (AtomicNeuronOnDLS.toNeuronRowOnDLS(neuron) !== row || AtomicNeuronOnDLS.toNeuronColumnOnDLS(neuron) !== first + i) {
      throw new SnnError('out-of-range', `${population.name}: the twin backend places populations on consecutive columns of one row; neuron ${i} is ${neuron}`, 'placement', neuron, `neuron ${row * 256 + first + i}`);
    }
  });
  const columns: [number, number] = [first, first + placement.length - 1];
  return joined ? { columns } : { row, columns };
}

/** The request's network for `mapNetwork`: populations and dense signed hardware weights, by mapping name. */
export function toMappingNetwork(network: NetworkDescription): Network {
  const byId = new Map(network.populations.map((population) => [population.id, population]));
  return {
    populations: network.populations.map((population): PopulationSpec => {
      const placement = placementWindow(population);
      const circuits = population.kind === 'input' ? 1 : population.circuits;
      return { name: mappingName(population), kind: population.kind === 'input' ? 'input' : 'neuron', size: population.size, ...(placement && { placement }), ...(circuits === 2 && { circuits }) };
    }),
    projections: network.projections.map((projection) => ({
      name: mappingName(projection),
      source: mappingName(byId.get(projection.pre)!),
      target: mappingName(byId.get(projection.post)!),
      weights: projection.weightsHardware,
    })),
  };
}

/**
 * Everything of a network that the chip configuration depends on except the weights: equal keys mean the mapped
 * Chip can be kept and only changed synapse quads written. Weight scales do not count: like a calibrated chip under
 * hxtorch, the synaptic gain set at the first run stays while a later scale only changes the hardware weights.
 */
export function structureKey(network: NetworkDescription): string {
  return JSON.stringify({
    populations: network.populations.map(({ id, name, kind, size, placement, ...rest }) => ({
      id, name, kind, size, placement,
      ...('model' in rest && { model: rest.model, hardware: rest.hardware, recordSpikes: rest.recordSpikes, recordMembrane: rest.recordMembrane, circuits: rest.circuits }),
    })),
    projections: network.projections.map(({ id, pre, post, weightsHardware }) => ({ id, pre, post, size: weightsHardware.length })),
  });
}
