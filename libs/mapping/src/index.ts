// @bss2/mapping — places spiking-network populations on BrainScaleS-2 neurons and routes projections through
// the crossbar, PADI busses, synapse drivers and signed row pairs (grenade's role, reference §1.2–§1.5, §6.2,
// §6.5). Table of contents: named re-exports grouped by file.

// Errors.
export { MappingError, type MappingErrorCode, type MappingResource, type ResourceShortage } from './mapping-error.js';

// The network description.
export { MAX_WEIGHT, circuitsOf, validateNetwork, type Network, type PopulationSpec, type ProjectionSpec, type PlacementConstraint } from './network.js';

// Mapping, weight updates, spike decoding.
export {
  mapNetwork,
  type Mapping,
  type MapOptions,
  type PopulationMapping,
  type NeuronPopulationMapping,
  type InputPopulationMapping,
} from './map-network.js';
export type { NeuronRoute, InputRoute, RowPair, RowPairs, SourceRoute } from './route-plan.js';
export { bottomCircuitOf } from './placement.js';
export { synapsePairOf, type SynapsePair, type SynapseQuadValue } from './synapse-matrix.js';
export { updateWeights, type SynapseWrite, type WeightUpdate } from './update-weights.js';
export { decodeSpike, type DecodedSpike } from './decode-spike.js';
