import { MappingError, invalid } from './mapping-error.js';

// The network description a mapping starts from (hxtorch.snn's graph of modules, reference §6.2): populations
// of input neurons (spike sources fed by the FPGA) and of on-chip neurons, and dense projections between them
// with signed weights in hardware units (−63..63, §6.1, §6.5).

/** Where a neuron population may sit (hxtorch `placement_constraint`, §6.3): a neuron row and a column range. */
export interface PlacementConstraint {
  /** NeuronRowOnDLS 0 (top hemisphere) or 1 (bottom); either if absent. */
  readonly row?: number;
  /** First and last NeuronColumnOnDLS (inclusive, 0..255); all columns if absent. */
  readonly columns?: readonly [first: number, last: number];
}

export interface PopulationSpec {
  /** Unique among populations. */
  readonly name: string;
  /** `input`: spike sources injected from the FPGA (§1.2 L2 inputs); `neuron`: on-chip neurons. */
  readonly kind: 'input' | 'neuron';
  readonly size: number;
  /** Neuron populations only. With `circuits: 2` only `columns` may be given: the neuron takes both rows. */
  readonly placement?: PlacementConstraint;
  /**
   * Neuron circuits per neuron (neuron populations only, default 1). 2: the top and the bottom circuit of one
   * column, membranes joined by `connectBottom` and firing shared by `connectFireBottom` (reference §2.4), so the
   * neuron has the synapse rows of both hemispheres (Cramer et al. 2022's MNIST network).
   */
  readonly circuits?: 1 | 2;
}

export interface ProjectionSpec {
  /** Unique among projections; `updateWeights` names a projection by it. */
  readonly name: string;
  /** Presynaptic population: an input or a neuron population (the target itself for recurrent connections). */
  readonly source: string;
  /** Postsynaptic population: a neuron population. */
  readonly target: string;
  /**
   * Dense matrix, target-major as torch's `(out_features, in_features)`: `weights[t · sourceSize + s]`, integers
   * −63..63. The sign picks the row of the pair (excitatory or inhibitory, §6.5), the magnitude is the 6-bit
   * synapse weight (§1.5).
   */
  readonly weights: ArrayLike<number>;
}

export interface Network {
  readonly populations: readonly PopulationSpec[];
  readonly projections: readonly ProjectionSpec[];
}

/** Largest weight magnitude: the 6-bit synapse weight (§1.5, §6.1). */
export const MAX_WEIGHT = 63;
const neuronRows = 2;
const neuronColumns = 256;
const neurons = neuronRows * neuronColumns;

/** Circuits per neuron of a population (1 unless it asks for 2). */
export function circuitsOf(population: PopulationSpec): 1 | 2 {
  return population.circuits ?? 1;
}

/** Checks names, sizes, placements and weight matrices; returns the populations by name. */
export function validateNetwork(network: Network): ReadonlyMap<string, PopulationSpec> {
  const byName = new Map<string, PopulationSpec>();
  for (const population of network.populations) {
    const subject = `population ${population.name}`;
    if (byName.has(population.name)) invalid(subject, 'the name is used twice');
    if (population.kind !== 'input' && population.kind !== 'neuron') invalid(subject, `kind must be 'input' or 'neuron', got ${String(population.kind)}`, population.kind);
    const circuits = population.circuits ?? 1;
    if (circuits !== 1 && circuits !== 2) {
      throw new MappingError('out-of-range', `${subject}: circuits must be 1 or 2, got ${String(circuits)}`, `${subject} circuits`, circuits, { min: 1, max: 2 });
    }
    checkInteger(`${subject} size`, population.size, 1, population.kind === 'neuron' ? neurons / circuits : Number.MAX_SAFE_INTEGER);
    if (circuits === 2 && population.kind === 'input') invalid(subject, 'input populations have no neuron circuits; drop circuits');
    if (population.placement !== undefined) {
      if (population.kind === 'input') invalid(subject, 'input populations are not placed on neurons; drop the placement');
      if (circuits === 2 && population.placement.row !== undefined) invalid(subject, 'a 2-circuit neuron takes both rows of its column (§2.4); drop placement.row', population.placement.row);
      checkPlacement(subject, population.placement);
    }
    byName.set(population.name, population);
  }
  const projectionNames = new Set<string>();
  const pairs = new Set<string>();
  for (const projection of network.projections) {
    const subject = `projection ${projection.name}`;
    if (projectionNames.has(projection.name)) invalid(subject, 'the name is used twice');
    projectionNames.add(projection.name);
    const source = byName.get(projection.source) ?? invalid(subject, `unknown source population ${projection.source}`, projection.source);
    const target = byName.get(projection.target) ?? invalid(subject, `unknown target population ${projection.target}`, projection.target);
    if (target.kind !== 'neuron') invalid(subject, `the target ${target.name} is an input population; only neurons receive synapses`);
    // One row pair per source and hemisphere holds one weight per column (§1.5): a second projection between
    // the same populations would need the same synapses.
    const pair = `${source.name}\u0000${target.name}`;
    if (pairs.has(pair)) invalid(subject, `a second projection ${source.name}→${target.name}; merge the two weight matrices`);
    pairs.add(pair);
    checkWeights(subject, projection.weights, target.size * source.size);
  }
  return byName;
}

/** Checks a weight matrix: `length` integers in −63..63. */
export function checkWeights(subject: string, weights: ArrayLike<number>, length: number): void {
  if (weights.length !== length) {
    invalid(subject, `the weight matrix has ${weights.length} entries, target size × source size is ${length}`, weights.length);
  }
  for (let i = 0; i < length; i++) {
    const w = weights[i] as number;
    if (!Number.isInteger(w) || w < -MAX_WEIGHT || w > MAX_WEIGHT) {
      throw new MappingError(
        'out-of-range',
        `${subject}: weight ${i} is ${String(w)}, hardware weights are integers in −${MAX_WEIGHT}..${MAX_WEIGHT} (reference §6.1)`,
        `${subject} weight ${i}`,
        w,
        { min: -MAX_WEIGHT, max: MAX_WEIGHT },
      );
    }
  }
}

function checkPlacement(subject: string, placement: PlacementConstraint): void {
  if (placement.row !== undefined) checkInteger(`${subject} placement row`, placement.row, 0, neuronRows - 1);
  if (placement.columns !== undefined) {
    const [first, last] = placement.columns;
    checkInteger(`${subject} placement first column`, first, 0, neuronColumns - 1);
    checkInteger(`${subject} placement last column`, last, first, neuronColumns - 1);
  }
}

function checkInteger(subject: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new MappingError('out-of-range', `${subject} must be an integer in ${min}..${max}, got ${String(value)}`, subject, value, { min, max });
  }
}
