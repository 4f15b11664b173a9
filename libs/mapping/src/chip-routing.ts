import {
  AtomicNeuronOnDLS,
  ColumnCurrentQuadOnDLS,
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  PADIBusBlockOnDLS,
  PADIBusOnDLS,
  SynapseDriverOnDLS,
  SynapseQuadColumnOnDLS,
  SynramOnDLS,
} from '@bss2/coords';
import {
  ColumnCurrentQuad,
  CommonPADIBusConfig,
  CrossbarNode,
  NeuronBackendConfig,
  NeuronConfig,
  SynapseDriverConfig,
  SynapseQuad,
  type AnyContainer,
  type Chip,
} from '@bss2/regs';
import { bottomCircuitOf } from './placement.js';
import { ROW_ADDRESS_COMPARE_MASK } from './route-allocator.js';
import { eventOutputOf, type RoutePlan, type RowPairs } from './route-plan.js';

// The event path of a mapping written into a Chip (reference §1.2–§1.5, §1.8). The mapping owns the whole
// routing state: every crossbar node, every synapse driver and every synapse starts from drop/off/zero, so
// nothing of the base configuration (e.g. a calibration's stimulus) can leak events into the network. Of the
// neuron registers it changes only the fields routing needs and keeps the rest of the base (calibration).

const busGroups = 4;
const fpgaInput = CrossbarInputOnDLS(8);
const firstL2Output = 8;
const busMaskInFpgaLabel = 0b111 << 11;
/** `drop_all` (§1.2): no label satisfies (label & 0) == 1. */
const dropAll = { mask: 0, target: 1, enableDropCounter: false } as const;
const passAll = { mask: 0, target: 0, enableDropCounter: false } as const;
const columns = 256;

/**
 * Writes the routing of `plan` into `chip` (synapse weights and labels are written per projection afterwards).
 * `joined`: the top circuits of the 2-circuit neurons.
 */
export function writeRouting(chip: Chip, plan: RoutePlan, targets: ReadonlySet<AtomicNeuronOnDLS>, joined: readonly AtomicNeuronOnDLS[]): void {
  resetAll(chip, SynapseQuad);
  resetAll(chip, SynapseDriverConfig);
  for (const node of CrossbarNodeOnDLS.all()) chip.set(CrossbarNode, node, dropAll);

  const busUsed = new Array<boolean>(PADIBusOnDLS.size).fill(false);
  /** Crossbar nodes neuron input k → PADI bus, as `k · 8 + bus`. */
  const neuronToBus = new Set<number>();
  const recordedOutputs = new Set<number>();
  const useDriver = (pairs: RowPairs): void => {
    for (const pair of pairs) {
      if (pair === undefined) continue;
      chip.set(SynapseDriverConfig, pair.driver, driverConfig);
      busUsed[SynapseDriverOnDLS.toPADIBusOnDLS(pair.driver)] = true;
    }
  };

  for (const routes of plan.neurons.values()) {
    for (const route of routes) {
      const k = eventOutputOf(route.neuron);
      recordedOutputs.add(k);
      route.rowPairs.forEach((pair, h) => pair !== undefined && neuronToBus.add(k * 8 + h * busGroups + (k % busGroups)));
      useDriver(route.rowPairs);
      chip.modify(NeuronBackendConfig, route.neuron, { addressOut: route.addressOut, enSpikeOut: true, enNeuronMaster: true });
    }
  }
  const fpgaBusses = new Set<number>();
  for (const routes of plan.inputs.values()) {
    for (const route of routes) {
      useDriver(route.rowPairs);
      route.rowPairs.forEach((pair) => pair !== undefined && fpgaBusses.add(SynapseDriverOnDLS.toPADIBusOnDLS(pair.driver)));
    }
  }

  // Crossbar (§1.2): neuron event output k → PADI bus k mod 4 of each hemisphere it has sources for, and → L2
  // output k mod 4 for recording; the FPGA's input 8 → each bus its labels name in bits 11–13.
  for (const key of neuronToBus) chip.set(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(key >> 3), CrossbarOutputOnDLS(key & 7)), passAll);
  for (const k of recordedOutputs) chip.set(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(k), CrossbarOutputOnDLS(firstL2Output + (k % busGroups))), passAll);
  for (const bus of fpgaBusses) {
    chip.set(CrossbarNode, CrossbarNodeOnDLS.of(fpgaInput, CrossbarOutputOnDLS(bus)), { mask: busMaskInFpgaLabel, target: bus << 11, enableDropCounter: false });
  }
  for (const block of PADIBusBlockOnDLS.all()) {
    const enableSpl1 = [0, 1, 2, 3].map((b) => busUsed[block * busGroups + b] === true) as [boolean, boolean, boolean, boolean];
    chip.modify(CommonPADIBusConfig, block, { enableSpl1 });
  }

  // Neurons: only mapped neurons send events; targets get their synaptic inputs and column currents (§1.5).
  const mapped = new Set([...plan.neurons.values()].flatMap((routes) => routes.map((r) => r.neuron)));
  for (const n of AtomicNeuronOnDLS.all()) {
    if (!mapped.has(n)) chip.modify(NeuronBackendConfig, n, { enSpikeOut: false });
    if (targets.has(n)) chip.modify(NeuronConfig, n, { enSyninExc: true, enSyninInh: true });
  }
  writeJoinedCircuits(chip, joined);
  for (const synram of SynramOnDLS.all()) {
    for (const q of SynapseQuadColumnOnDLS.all()) {
      const on = [0, 1, 2, 3].map((e) => targets.has(AtomicNeuronOnDLS(synram * columns + q * 4 + e))) as [boolean, boolean, boolean, boolean];
      chip.modify(ColumnCurrentQuad, ColumnCurrentQuadOnDLS.of(synram, q), { enableSynapticCurrentExcitatory: on, enableSynapticCurrentInhibitory: on });
    }
  }
}

/**
 * 2-circuit neurons (§2.4): the top circuit's `connectBottom` shorts its membrane to the bottom circuit's, both
 * set `connectFireBottom` so they fire and reset together; the top circuit is the master that sends and counts
 * the spike (its label is the neuron's), the bottom one a slave that sends nothing, so a spike is recorded once.
 * Every other neuron gets both switches off: the mapping owns the vertical joints.
 */
function writeJoinedCircuits(chip: Chip, joined: readonly AtomicNeuronOnDLS[]): void {
  const tops = new Set(joined);
  const bottoms = new Set(joined.map(bottomCircuitOf));
  for (const n of AtomicNeuronOnDLS.all()) {
    const inPair = tops.has(n) || bottoms.has(n);
    chip.modify(NeuronConfig, n, { connectBottom: tops.has(n) });
    chip.modify(NeuronBackendConfig, n, { connectFireBottom: inPair, ...(bottoms.has(n) && { enNeuronMaster: false, enNeuronSlave: true, enSpikeOut: false }) });
  }
}

/** A driver serving one source: receiver on, 2-bit row select (route-allocator.ts), top row exc, bottom inh (§6.5). */
const driverConfig = SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), {
  enableReceiver: true,
  enableAddressOut: true,
  rowAddressCompareMask: ROW_ADDRESS_COMPARE_MASK,
  rowModeTop: 'excitatory',
  rowModeBottom: 'inhibitory',
});

function resetAll(chip: Chip, type: AnyContainer): void {
  const one = type.encode(type.defaults());
  const words = chip.typeWords(type);
  for (let i = 0; i < words.length; i += one.length) words.set(one, i);
}
