import { type AtomicNeuronOnDLS, SpikeLabel, type SynapseDriverOnDLS } from '@bss2/coords';
import { exhausted } from './mapping-error.js';
import type { Network } from './network.js';
import type { Placement } from './placement.js';
import { ADDRESSES, DRIVERS_PER_SELECTOR, RouteAllocator, SELECTORS } from './route-allocator.js';
import { eventOutputOf, planStorage, type SourceStorage, type StoragePlan } from './storage-plan.js';

export { eventOutputOf, hemisphereOf } from './storage-plan.js';

// Routing of every presynaptic source (reference §1.2–§1.5; the allocation rules are in route-allocator.ts,
// which hemispheres and columns hold a source's weights in storage-plan.ts). A source gets one row pair per
// hemisphere it stores weights in, shared by all its projections there (their targets occupy different columns),
// and shared with other sources whose columns there are disjoint from its own. Allocation order, for
// determinism: neuron sources (population, index), then inputs (population, index, hemisphere), then the neurons
// that only need a label for recording.

const hemispheres = 2;
const columns = 256;
const busGroups = 4;
const driversPerBlock = 128;
const busShiftInFpgaLabel = 11;

/** The row pair serving one source in one hemisphere: its driver and the synapse label its events carry. */
export interface RowPair {
  /** Top row (2d + 1) excitatory, bottom row (2d) inhibitory (§1.1, §1.5). */
  readonly driver: SynapseDriverOnDLS;
  readonly synapseLabel: number;
}

/** Row pair per hemisphere (index = HemisphereOnDLS), undefined where the source has no targets. */
export type RowPairs = readonly [RowPair | undefined, RowPair | undefined];

export interface SourceRoute {
  readonly rowPairs: RowPairs;
  /** The hemisphere whose row pair holds the source's weights into 2-circuit neurons (undefined: it has none). */
  readonly twoCircuitHemisphere: 0 | 1 | undefined;
}

export interface NeuronRoute extends SourceRoute {
  readonly neuron: AtomicNeuronOnDLS;
  /** NeuronBackendConfig.addressOut (§1.8). */
  readonly addressOut: number;
  /** The label its spikes are recorded with: L2 output (event output mod 4) in bits 14–15 (§1.2, §1.3). */
  readonly spikeLabel: SpikeLabel;
}

export interface InputRoute extends SourceRoute {
  /** The labels to inject from the FPGA, one per hemisphere it reaches (none if it projects nowhere). */
  readonly fpgaLabels: readonly SpikeLabel[];
}

export interface RoutePlan {
  readonly neurons: ReadonlyMap<string, readonly NeuronRoute[]>;
  readonly inputs: ReadonlyMap<string, readonly InputRoute[]>;
}

export function planRoutes(network: Network, placement: Placement): RoutePlan {
  const storage = planStorage(network, placement);
  checkDemand(network, placement, storage);
  const allocator = new RouteAllocator(storage.sets);
  const neuronPairs = new Map<string, RowPairs[]>();
  const addressOf = new Map<string, Int16Array>();
  for (const population of network.populations) {
    if (population.kind !== 'neuron') continue;
    const neurons = placement.get(population.name) as readonly AtomicNeuronOnDLS[];
    const sources = storage.sources.get(population.name) as readonly SourceStorage[];
    const addresses = new Int16Array(neurons.length).fill(-1);
    const pairs = neurons.map((neuron, i) => {
      const source = sources[i] as SourceStorage;
      if (source.sets[0] < 0 && source.sets[1] < 0) return [undefined, undefined] as const;
      const { pairs: p, address } = routeNeuronSource(allocator, neuron, source);
      addresses[i] = address;
      return p;
    });
    neuronPairs.set(population.name, pairs);
    addressOf.set(population.name, addresses);
  }
  const inputs = new Map<string, readonly InputRoute[]>();
  for (const population of network.populations) {
    if (population.kind !== 'input') continue;
    inputs.set(population.name, (storage.sources.get(population.name) as readonly SourceStorage[]).map((source) => routeInput(allocator, source)));
  }
  const neurons = new Map<string, readonly NeuronRoute[]>();
  for (const [name, pairs] of neuronPairs) {
    const placed = placement.get(name) as readonly AtomicNeuronOnDLS[];
    const addresses = addressOf.get(name) as Int16Array;
    const sources = storage.sources.get(name) as readonly SourceStorage[];
    neurons.set(
      name,
      placed.map((neuron, i) => {
        const address = (addresses[i] as number) >= 0 ? (addresses[i] as number) : recordingAddress(allocator, neuron);
        const k = eventOutputOf(neuron);
        return {
          neuron,
          addressOut: address,
          spikeLabel: SpikeLabel(((k % busGroups) << 14) | (k << 8) | address),
          rowPairs: pairs[i] as RowPairs,
          twoCircuitHemisphere: (sources[i] as SourceStorage).twoCircuitHemisphere,
        };
      }),
    );
  }
  return { neurons, inputs };
}

/**
 * Exact capacity checks before allocating, so the error states the full demand (§1.1 counts): a synapse column
 * of a hemisphere holds one weight per row pair, so the sources storing weights in the same column need that
 * many drivers of the block (`synapse-driver-rows`), and the neuron sources among them of one bus group that
 * many drivers of its bus (`padi-bus-drivers`). Sources with disjoint columns share drivers, so the demand is
 * the fullest column's count (which the allocation reaches when sources' column sets are equal or disjoint, as
 * in layered networks).
 */
function checkDemand(network: Network, placement: Placement, storage: StoragePlan): void {
  const perBlock = new Int32Array(hemispheres * columns);
  const perBus = new Int32Array(hemispheres * busGroups * columns);
  const add = (counts: Int32Array, offset: number, set: number, times: number): void => {
    const cols = storage.sets.columnsOf(set);
    for (let c = 0; c < columns; c++) if (cols[c] !== 0) counts[offset + c] = (counts[offset + c] as number) + times;
  };
  for (const population of network.populations) {
    const sources = storage.sources.get(population.name) as readonly SourceStorage[];
    const neurons = population.kind === 'neuron' ? placement.get(population.name) : undefined;
    // Sources of a population mostly share their sets: count each (hemisphere, bus, set) once with its multiplicity.
    const multiplicity = new Map<string, number>();
    sources.forEach((source, i) => {
      for (let h = 0; h < hemispheres; h++) {
        const set = source.sets[h] as number;
        if (set < 0) continue;
        const bus = neurons === undefined ? -1 : h * busGroups + (eventOutputOf(neurons[i] as AtomicNeuronOnDLS) % busGroups);
        const key = `${h}:${bus}:${set}`;
        multiplicity.set(key, (multiplicity.get(key) ?? 0) + 1);
      }
    });
    for (const [key, times] of multiplicity) {
      const [h, bus, set] = key.split(':').map(Number) as [number, number, number];
      add(perBlock, h * columns, set, times);
      if (bus >= 0) add(perBus, bus * columns, set, times);
    }
  }
  for (let h = 0; h < hemispheres; h++) {
    const { demand, column } = fullest(perBlock, h * columns);
    if (demand > driversPerBlock) {
      exhausted(
        { resource: 'synapse-driver-rows', where: `synapse driver block ${h}`, demand, capacity: driversPerBlock },
        `one row pair (exc + inh, one driver) per presynaptic source storing weights in column ${column} of hemisphere ${h}; 128 drivers = 256 rows per block, reference §1.1, §6.5`,
      );
    }
  }
  for (let bus = 0; bus < hemispheres * busGroups; bus++) {
    const { demand, column } = fullest(perBus, bus * columns);
    const capacity = SELECTORS * DRIVERS_PER_SELECTOR;
    if (demand > capacity) {
      const group = bus % busGroups;
      exhausted(
        { resource: 'padi-bus-drivers', where: `PADI bus ${bus}`, demand, capacity },
        `neurons on event outputs ${group} and ${group + busGroups} reach hemisphere ${Math.floor(bus / busGroups)} only through this bus (reference §1.2 node sparsity), ${demand} of them store weights in column ${column}; spread the source populations over more columns`,
      );
    }
  }
}

function fullest(counts: Int32Array, offset: number): { demand: number; column: number } {
  let demand = 0;
  let column = 0;
  for (let c = 0; c < columns; c++) {
    if ((counts[offset + c] as number) > demand) [demand, column] = [counts[offset + c] as number, c];
  }
  return { demand, column };
}

function routeNeuronSource(allocator: RouteAllocator, neuron: AtomicNeuronOnDLS, source: SourceStorage): { pairs: RowPairs; address: number } {
  const group = eventOutputOf(neuron) % busGroups;
  const targets = [0, 1].filter((h) => (source.sets[h] as number) >= 0);
  let best = -1;
  let bestFree = 0;
  for (let sigma = 0; sigma < SELECTORS; sigma++) {
    if (allocator.freeLabel(group, sigma) < 0) continue;
    const free = Math.min(...targets.map((h) => allocator.freeDrivers(h * busGroups + group, sigma, source.sets[h] as number)));
    if (free > bestFree) [best, bestFree] = [sigma, free];
  }
  if (best < 0) {
    // The per-bus demand fitted (checkDemand); the joint choice over both hemispheres did not.
    const capacity = SELECTORS * DRIVERS_PER_SELECTOR;
    const blocked = targets.map((h) => ({ bus: h * busGroups + group, used: allocator.blockedDrivers(h * busGroups + group, source.sets[h] as number) }));
    const fullestBus = blocked.reduce((a, b) => (b.used > a.used ? b : a));
    exhausted(
      { resource: 'padi-bus-drivers', where: `PADI bus ${fullestBus.bus}`, demand: fullestBus.used + 1, capacity },
      `neuron ${neuron} needs one row-select group (rowAddressCompareMask 0b00011) with a free driver in every target hemisphere and a free label`,
    );
  }
  const label = allocator.freeLabel(group, best);
  const address = (best << 6) | label;
  allocator.takeAddress(group, address);
  const pairs: [RowPair | undefined, RowPair | undefined] = [undefined, undefined];
  for (const h of targets) pairs[h] = { driver: allocator.takeDriver(h * busGroups + group, best, source.sets[h] as number), synapseLabel: label };
  return { pairs, address };
}

function routeInput(allocator: RouteAllocator, source: SourceStorage): InputRoute {
  const pairs: [RowPair | undefined, RowPair | undefined] = [undefined, undefined];
  const fpgaLabels: SpikeLabel[] = [];
  for (let h = 0; h < hemispheres; h++) {
    const set = source.sets[h] as number;
    if (set < 0) continue;
    let best: { bus: number; sigma: number; free: number } | undefined;
    for (let group = 0; group < busGroups; group++) {
      for (let sigma = 0; sigma < SELECTORS; sigma++) {
        const bus = h * busGroups + group;
        const free = allocator.freeDrivers(bus, sigma, set);
        if (free > (best?.free ?? 0) && allocator.freeLabel(group, sigma) >= 0) best = { bus, sigma, free };
      }
    }
    if (best === undefined) {
      exhausted(
        { resource: 'labels', where: `synapse driver block ${h}`, demand: 1, capacity: 0 },
        'no PADI bus of the hemisphere has both a driver free for these columns and a free label left for another FPGA input',
      );
    }
    const group = best.bus % busGroups;
    const label = allocator.freeLabel(group, best.sigma);
    allocator.takeAddress(group, (best.sigma << 6) | label);
    pairs[h] = { driver: allocator.takeDriver(best.bus, best.sigma, set), synapseLabel: label };
    // Bits 11–13 name the bus, so the crossbar passes the label to that bus only; bits 6–7 the row-select
    // group, bits 0–5 the synapse label; SPL1 address 0 = crossbar input 8 (§1.2, §1.3).
    fpgaLabels.push(SpikeLabel((best.bus << busShiftInFpgaLabel) | (best.sigma << 6) | label));
  }
  return { fpgaLabels, rowPairs: pairs, twoCircuitHemisphere: source.twoCircuitHemisphere };
}

/** An address for a neuron that only needs a label (spike recording): the lowest free one of its bus group. */
function recordingAddress(allocator: RouteAllocator, neuron: AtomicNeuronOnDLS): number {
  const group = eventOutputOf(neuron) % busGroups;
  const address = allocator.freeAddress(group);
  if (address < 0) {
    exhausted(
      { resource: 'labels', where: `event outputs ${group} and ${group + busGroups}`, demand: ADDRESSES + 1, capacity: ADDRESSES },
      `8-bit address_out values shared by the neurons and FPGA inputs on PADI bus group ${group} (reference §1.3)`,
    );
  }
  allocator.takeAddress(group, address);
  return address;
}
