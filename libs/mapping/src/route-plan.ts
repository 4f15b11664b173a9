import { AtomicNeuronOnDLS, SpikeLabel, type SynapseDriverOnDLS } from '@bss2/coords';
import { exhausted } from './mapping-error.js';
import type { Network } from './network.js';
import type { Placement } from './placement.js';
import { ADDRESSES, DRIVERS_PER_SELECTOR, RouteAllocator, SELECTORS } from './route-allocator.js';

// Routing of every presynaptic source (reference §1.2–§1.5; the allocation rules are in route-allocator.ts).
// A source gets one row pair per hemisphere it projects into, shared by all its projections there (their
// targets occupy different columns). Allocation order, for determinism: neuron sources (population, index),
// then inputs (population, index, hemisphere), then the neurons that only need a label for recording.

const hemispheres = 2;
const columns = 256;
const columnsPerEventOutput = 32;
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

export interface NeuronRoute {
  readonly neuron: AtomicNeuronOnDLS;
  /** NeuronBackendConfig.addressOut (§1.8). */
  readonly addressOut: number;
  /** The label its spikes are recorded with: L2 output (event output mod 4) in bits 14–15 (§1.2, §1.3). */
  readonly spikeLabel: SpikeLabel;
  readonly rowPairs: RowPairs;
}

export interface InputRoute {
  /** The labels to inject from the FPGA, one per hemisphere it reaches (none if it projects nowhere). */
  readonly fpgaLabels: readonly SpikeLabel[];
  readonly rowPairs: RowPairs;
}

export interface RoutePlan {
  readonly neurons: ReadonlyMap<string, readonly NeuronRoute[]>;
  readonly inputs: ReadonlyMap<string, readonly InputRoute[]>;
}

/** The event output of a neuron: column / 32 (§1.1). */
export function eventOutputOf(neuron: AtomicNeuronOnDLS): number {
  return Math.floor((neuron % columns) / columnsPerEventOutput);
}

/** Hemisphere of a neuron = its row (§1.1). */
export function hemisphereOf(neuron: AtomicNeuronOnDLS): number {
  return Math.floor(neuron / columns);
}

export function planRoutes(network: Network, placement: Placement): RoutePlan {
  const reach = targetHemispheres(network, placement);
  checkDemand(network, placement, reach);
  const allocator = new RouteAllocator();
  const neuronPairs = new Map<string, RowPairs[]>();
  const addressOf = new Map<string, Int16Array>();
  for (const population of network.populations) {
    if (population.kind !== 'neuron') continue;
    const neurons = placement.get(population.name) as readonly AtomicNeuronOnDLS[];
    const addresses = new Int16Array(neurons.length).fill(-1);
    const pairs = neurons.map((neuron, i) => {
      const targets = reach.get(population.name) ?? [];
      if (targets.length === 0) return [undefined, undefined] as const;
      const { pairs: p, address } = routeNeuronSource(allocator, neuron, targets);
      addresses[i] = address;
      return p;
    });
    neuronPairs.set(population.name, pairs);
    addressOf.set(population.name, addresses);
  }
  const inputs = new Map<string, readonly InputRoute[]>();
  for (const population of network.populations) {
    if (population.kind !== 'input') continue;
    const targets = reach.get(population.name) ?? [];
    inputs.set(population.name, Array.from({ length: population.size }, () => routeInput(allocator, targets)));
  }
  const neurons = new Map<string, readonly NeuronRoute[]>();
  for (const [name, pairs] of neuronPairs) {
    const placed = placement.get(name) as readonly AtomicNeuronOnDLS[];
    const addresses = addressOf.get(name) as Int16Array;
    neurons.set(
      name,
      placed.map((neuron, i) => {
        const address = (addresses[i] as number) >= 0 ? (addresses[i] as number) : recordingAddress(allocator, neuron);
        const k = eventOutputOf(neuron);
        return { neuron, addressOut: address, spikeLabel: SpikeLabel(((k % busGroups) << 14) | (k << 8) | address), rowPairs: pairs[i] as RowPairs };
      }),
    );
  }
  return { neurons, inputs };
}

/** For each source population, the hemispheres its projections reach (ascending). */
function targetHemispheres(network: Network, placement: Placement): Map<string, number[]> {
  const reach = new Map<string, Set<number>>();
  for (const projection of network.projections) {
    const set = reach.get(projection.source) ?? new Set<number>();
    for (const neuron of placement.get(projection.target) ?? []) set.add(hemisphereOf(neuron));
    reach.set(projection.source, set);
  }
  return new Map([...reach].map(([name, set]) => [name, [...set].sort()]));
}

/** Exact capacity checks before allocating, so the error states the full demand (§1.1 counts). */
function checkDemand(network: Network, placement: Placement, reach: ReadonlyMap<string, number[]>): void {
  const perBus = new Int32Array(hemispheres * busGroups);
  const perBlock = new Int32Array(hemispheres);
  for (const population of network.populations) {
    for (const h of reach.get(population.name) ?? []) {
      perBlock[h] = (perBlock[h] as number) + population.size;
      if (population.kind !== 'neuron') continue;
      for (const neuron of placement.get(population.name) ?? []) {
        const bus = h * busGroups + (eventOutputOf(neuron) % busGroups);
        perBus[bus] = (perBus[bus] as number) + 1;
      }
    }
  }
  perBlock.forEach((demand, h) => {
    if (demand > driversPerBlock) {
      exhausted(
        { resource: 'synapse-driver-rows', where: `synapse driver block ${h}`, demand, capacity: driversPerBlock },
        `one row pair (exc + inh, one driver) per presynaptic source projecting into hemisphere ${h}; 128 drivers = 256 rows per block, reference §1.1, §6.5`,
      );
    }
  });
  perBus.forEach((demand, bus) => {
    const capacity = SELECTORS * DRIVERS_PER_SELECTOR;
    if (demand > capacity) {
      const group = bus % busGroups;
      exhausted(
        { resource: 'padi-bus-drivers', where: `PADI bus ${bus}`, demand, capacity },
        `neurons on event outputs ${group} and ${group + busGroups} reach hemisphere ${Math.floor(bus / busGroups)} only through this bus (reference §1.2 node sparsity); spread the source populations over more columns`,
      );
    }
  });
}

function routeNeuronSource(allocator: RouteAllocator, neuron: AtomicNeuronOnDLS, targets: readonly number[]): { pairs: RowPairs; address: number } {
  const group = eventOutputOf(neuron) % busGroups;
  let best = -1;
  let bestFree = 0;
  for (let sigma = 0; sigma < SELECTORS; sigma++) {
    if (allocator.freeLabel(group, sigma) < 0) continue;
    const free = Math.min(...targets.map((h) => allocator.freeDrivers(h * busGroups + group, sigma)));
    if (free > bestFree) [best, bestFree] = [sigma, free];
  }
  if (best < 0) {
    // The per-bus demand fitted (checkDemand); the joint choice over both hemispheres did not.
    const capacity = SELECTORS * DRIVERS_PER_SELECTOR;
    const used = (bus: number): number => capacity - Array.from({ length: SELECTORS }, (_, s) => allocator.freeDrivers(bus, s)).reduce((a, b) => a + b, 0);
    const fullest = targets.map((h) => h * busGroups + group).reduce((a, b) => (used(b) > used(a) ? b : a));
    exhausted(
      { resource: 'padi-bus-drivers', where: `PADI bus ${fullest}`, demand: used(fullest) + 1, capacity },
      `neuron ${neuron} needs one row-select group (rowAddressCompareMask 0b00011) with a free driver in every target hemisphere and a free label`,
    );
  }
  const label = allocator.freeLabel(group, best);
  const address = (best << 6) | label;
  allocator.takeAddress(group, address);
  const pairs: [RowPair | undefined, RowPair | undefined] = [undefined, undefined];
  for (const h of targets) pairs[h] = { driver: allocator.takeDriver(h * busGroups + group, best), synapseLabel: label };
  return { pairs, address };
}

function routeInput(allocator: RouteAllocator, targets: readonly number[]): InputRoute {
  const pairs: [RowPair | undefined, RowPair | undefined] = [undefined, undefined];
  const fpgaLabels: SpikeLabel[] = [];
  for (const h of targets) {
    let best: { bus: number; sigma: number; free: number } | undefined;
    for (let group = 0; group < busGroups; group++) {
      for (let sigma = 0; sigma < SELECTORS; sigma++) {
        const bus = h * busGroups + group;
        const free = allocator.freeDrivers(bus, sigma);
        if (free > (best?.free ?? 0) && allocator.freeLabel(group, sigma) >= 0) best = { bus, sigma, free };
      }
    }
    if (best === undefined) {
      exhausted(
        { resource: 'labels', where: `synapse driver block ${h}`, demand: 1, capacity: 0 },
        'no PADI bus of the hemisphere has both a free driver and a free label left for another FPGA input',
      );
    }
    const group = best.bus % busGroups;
    const label = allocator.freeLabel(group, best.sigma);
    allocator.takeAddress(group, (best.sigma << 6) | label);
    pairs[h] = { driver: allocator.takeDriver(best.bus, best.sigma), synapseLabel: label };
    // Bits 11–13 name the bus, so the crossbar passes the label to that bus only; bits 6–7 the row-select
    // group, bits 0–5 the synapse label; SPL1 address 0 = crossbar input 8 (§1.2, §1.3).
    fpgaLabels.push(SpikeLabel((best.bus << busShiftInFpgaLabel) | (best.sigma << 6) | label));
  }
  return { fpgaLabels, rowPairs: pairs };
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
