import { AtomicNeuronOnDLS, SynapseDriverOnDLS } from '@bss2/coords';
import { NeuronBackendConfig, NeuronConfig, SynapseDriverConfig } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { MNIST16_SIZES, mnist16Network, seededWeights } from '../test-support/mnist16-network.js';
import { decodeSpike, mapNetwork, updateWeights, type InputPopulationMapping, type NeuronPopulationMapping } from './index.js';

// 2-circuit neurons (reference §2.4) and row pairs shared by sources with disjoint columns, on the network that
// needs both: MNIST16's 256 → 246 → 10 (Cramer et al. 2022). 256 inputs and 246 hidden sources are 502 sources
// for 256 row pairs; each source stores its weights in one hemisphere, and every hidden neuron (weights in the
// readout columns 246..255) shares a driver with an input (weights in the hidden columns 0..245).

const { inputs, hidden, outputs } = MNIST16_SIZES;
const network = mnist16Network(seededWeights(hidden * inputs, 1), seededWeights(outputs * hidden, 2));
const mapping = mapNetwork(network);
const hiddenMap = mapping.populations.get('hidden') as NeuronPopulationMapping;
const outputMap = mapping.populations.get('output') as NeuronPopulationMapping;
const inputMap = mapping.populations.get('input') as InputPopulationMapping;

describe('MNIST16 (256 → 246 → 10, all neurons of two circuits)', () => {
  it('places each neuron on a column, top circuit first, joined to the bottom circuit of that column', () => {
    expect(hiddenMap.neurons).toEqual(Array.from({ length: hidden }, (_, i) => i));
    expect(outputMap.neurons).toEqual(Array.from({ length: outputs }, (_, i) => hidden + i));
    expect(hiddenMap.bottomCircuits).toEqual(hiddenMap.neurons.map((n) => n + 256));
    for (let column = 0; column < 256; column++) {
      const [top, bottom] = [AtomicNeuronOnDLS(column), AtomicNeuronOnDLS(column + 256)];
      expect(mapping.chip.get(NeuronConfig, top)).toMatchObject({ connectBottom: true, enSyninExc: true, enSyninInh: true });
      expect(mapping.chip.get(NeuronBackendConfig, top)).toMatchObject({ connectFireBottom: true, enNeuronMaster: true, enSpikeOut: true });
      expect(mapping.chip.get(NeuronConfig, bottom)).toMatchObject({ connectBottom: false, enSyninExc: true, enSyninInh: true });
      expect(mapping.chip.get(NeuronBackendConfig, bottom)).toMatchObject({ connectFireBottom: true, enNeuronMaster: false, enNeuronSlave: true, enSpikeOut: false });
    }
  });

  it('stores each source in one hemisphere, balanced: 128 inputs and 123 hidden neurons per block', () => {
    expect(inputMap.fpgaLabels.every((labels) => labels.length === 1)).toBe(true);
    for (const routes of [inputMap.routes, hiddenMap.routes]) {
      for (const r of routes) expect(r.rowPairs.filter((p) => p !== undefined)).toEqual([r.rowPairs[r.twoCircuitHemisphere as number]]);
      expect(routes.filter((r) => r.twoCircuitHemisphere === 0).length).toBe(routes.length / 2);
    }
    expect(outputMap.routes.every((r) => r.rowPairs[0] === undefined && r.rowPairs[1] === undefined)).toBe(true);
  });

  it('uses all 256 drivers; each hidden neuron shares its driver, bus and row-select bits with one input, with its own label', () => {
    const enabled = SynapseDriverOnDLS.all().filter((d) => mapping.chip.get(SynapseDriverConfig, d).enableReceiver);
    expect(enabled).toHaveLength(256);
    const inputOf = new Map(inputMap.routes.map((r, i) => [r.rowPairs[r.twoCircuitHemisphere as number]!.driver, i]));
    expect(inputOf.size).toBe(inputs);
    const hiddenDrivers = hiddenMap.routes.map((r) => r.rowPairs[r.twoCircuitHemisphere as number]!);
    expect(new Set(hiddenDrivers.map((p) => p.driver)).size).toBe(hidden);
    hiddenDrivers.forEach((pair, h) => {
      const i = inputOf.get(pair.driver) as number;
      expect(i, `hidden ${h}`).toBeDefined();
      const inputLabel = inputMap.fpgaLabels[i]![0]!;
      const hiddenLabel = hiddenMap.spikeLabels[h]!;
      // Same bus (the input's label bits 11–13 name the driver's bus), same row-select bits σ, different addresses.
      expect(inputLabel >> 11).toBe(SynapseDriverOnDLS.toPADIBusOnDLS(pair.driver));
      expect((inputLabel >> 6) & 3).toBe((hiddenLabel >> 6) & 3);
      expect(inputLabel & 0xff).not.toBe(hiddenLabel & 0xff);
    });
  });

  it('records each neuron once, by its top circuit; every label decodes back', () => {
    const labels = [...hiddenMap.spikeLabels, ...outputMap.spikeLabels];
    expect(new Set(labels.map((l) => l & 0x3fff)).size).toBe(hidden + outputs);
    hiddenMap.spikeLabels.forEach((label, index) => expect(decodeSpike(mapping, label)).toEqual({ population: 'hidden', index }));
    outputMap.spikeLabels.forEach((label, index) => expect(decodeSpike(mapping, label)).toEqual({ population: 'output', index }));
  });

  it('is deterministic and weight updates give the fresh mapping', () => {
    expect(mapNetwork(mnist16Network(seededWeights(hidden * inputs, 1), seededWeights(outputs * hidden, 2))).chip.writesSince(mapping.chip).words.length).toBe(0);
    const next = seededWeights(hidden * inputs, 3);
    const { mapping: updated, writes } = updateWeights(mapping, 'input-hidden', next);
    const fresh = mapNetwork(mnist16Network(next, seededWeights(outputs * hidden, 2)));
    expect(fresh.chip.writesSince(updated.chip).words.length).toBe(0);
    expect(writes.length).toBeGreaterThan(0);
  });
});
