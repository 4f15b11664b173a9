import {
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCorrelationQuadOnDLS,
  ColumnCurrentQuadOnDLS,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseRowOnSynram,
  SynramOnDLS,
  type AtomicNeuronOnDLS,
  type NeuronParameter,
  type SharedCapMemCell,
} from '@bss2/coords';
import { CapMemCell, Chip, ColumnCorrelationQuad, ColumnCurrentQuad, NeuronBackendConfig, NeuronConfig, SynapseQuad } from '@bss2/regs';
import { CYCLE_US } from '../lif-closed-form.js';
import type { SpikeSink } from '../analog-core.js';

// Test support (not part of the public API): builds register configurations the way a host would, with the
// §10.3 transfer curves inverted so tests can ask for physical values.

type NeuronConfigChanges = Parameters<typeof NeuronConfig.modify>[1];
type BackendChanges = Parameters<typeof NeuronBackendConfig.modify>[1];

/** CapMem code giving `volts` on a voltage cell (§10.3, inverse of V(code)). */
export function voltsCode(volts: number): number {
  return Math.round(70 + (volts - 0.15) / 1.875e-3);
}

/** V(code) (§10.3), written independently of the lib for expectations. */
export function codeVolts(code: number): number {
  return Math.min(1.2, 0.15 + (code - 70) * 1.875e-3);
}

/** I(code) in nA (§10.3). */
export function codeNanoamps(code: number): number {
  return (1000 * code) / 1022;
}

export function setCells(chip: Chip, neuron: number, codes: Partial<Record<NeuronParameter, number>>): void {
  for (const [name, code] of Object.entries(codes)) {
    chip.set(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron as AtomicNeuronOnDLS, name as NeuronParameter), { value: code as number });
  }
}

/** Sets a shared CapMem cell in all four blocks. */
export function setShared(chip: Chip, name: SharedCapMemCell, code: number): void {
  for (const b of CapMemBlockOnDLS.all()) chip.set(CapMemCell, CapMemCellOnDLS.ofShared(b, name), { value: code });
}

export function configureNeuron(chip: Chip, neuron: number, config: NeuronConfigChanges, backend: BackendChanges = {}): void {
  chip.modify(NeuronConfig, neuron as AtomicNeuronOnDLS, config);
  chip.modify(NeuronBackendConfig, neuron as AtomicNeuronOnDLS, { enNeuronMaster: true, ...backend });
}

/** Sets one synapse weight (synram, row, column). */
export function setWeight(chip: Chip, synram: number, row: number, column: number, weight: number): void {
  const quad = SynapseQuadOnDLS.of(SynramOnDLS(synram), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(column >> 2));
  const value = chip.get(SynapseQuad, quad);
  const weights = [...value.weights];
  weights[column & 3] = weight;
  chip.set(SynapseQuad, quad, { ...value, weights });
}

/** Connects the synaptic currents of one column to its neuron. */
export function enableColumn(chip: Chip, synram: number, column: number, exc = true, inh = true): void {
  const quad = ColumnCurrentQuadOnDLS.of(SynramOnDLS(synram), SynapseQuadColumnOnDLS(column >> 2));
  const value = chip.get(ColumnCurrentQuad, quad);
  const set = (entries: readonly boolean[], on: boolean): boolean[] => entries.map((x, e) => (e === (column & 3) ? on : x));
  chip.set(ColumnCurrentQuad, quad, {
    ...value,
    enableSynapticCurrentExcitatory: set(value.enableSynapticCurrentExcitatory, exc),
    enableSynapticCurrentInhibitory: set(value.enableSynapticCurrentInhibitory, inh),
  });
}

/** Routes one column's neuron readout (causal and acausal) or its correlation sensors to the CADC. */
export function cadcShows(chip: Chip, synram: number, column: number, what: 'neuron' | 'correlation' | 'debug'): void {
  const quad = ColumnCorrelationQuadOnDLS.of(SynramOnDLS(synram), SynapseQuadColumnOnDLS(column >> 2));
  const value = chip.get(ColumnCorrelationQuad, quad);
  const set = (entries: readonly boolean[], on: boolean): boolean[] => entries.map((x, e) => (e === (column & 3) ? on : x));
  chip.set(ColumnCorrelationQuad, quad, {
    ...value,
    enableCadcNeuronReadoutCausal: set(value.enableCadcNeuronReadoutCausal, what === 'neuron'),
    enableCadcNeuronReadoutAcausal: set(value.enableCadcNeuronReadoutAcausal, what === 'neuron'),
    enableInternalCausal: set(value.enableInternalCausal, what === 'correlation'),
    enableInternalAcausal: set(value.enableInternalAcausal, what === 'correlation'),
    enableDebugCausal: set(value.enableDebugCausal, what === 'debug'),
    enableDebugAcausal: set(value.enableDebugAcausal, what === 'debug'),
  });
}

/** A sink that records every reported spike. */
export class SpikeRecorder implements SpikeSink {
  readonly neurons: number[] = [];
  readonly cycles: number[] = [];
  neuronFired(neuron: number, cycle: number): void {
    this.neurons.push(neuron);
    this.cycles.push(cycle);
  }
  cyclesOf(neuron: number): number[] {
    return this.cycles.filter((_, i) => this.neurons[i] === neuron);
  }
}

/** Drives `core.advanceTo` until `cycle`, through every early return. */
export function runUntil(core: { advanceTo(cycle: number, sink: SpikeSink): number }, cycle: number, sink: SpikeSink): void {
  while (core.advanceTo(cycle, sink) < cycle);
}

/** µs → cycles. */
export function cyclesOf(us: number): number {
  return us / CYCLE_US;
}
