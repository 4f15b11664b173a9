import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, CapMemCellOnDLS, CommonNeuronBackendConfigOnDLS } from '@bss2/coords';
import { CapMemCell, type Chip, CommonNeuronBackendConfig, NeuronBackendConfig, NeuronConfig } from '@bss2/regs';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { LSB_PER_WEIGHT, probeBase, SynapticInputProbe } from '../test-support/synaptic-input-probe.js';
import { decodeSpike, mapNetwork, type Network, type NeuronPopulationMapping } from './index.js';

// Neuron → neuron routing on the twin (ideal fidelity): input i makes exactly one hidden neuron fire (weight 63,
// threshold 20 mV above rest, a 130 µs refractory period so it fires once); its spike must come back to the
// FPGA with the label that decodes to that hidden neuron, and must reach, through its event output, the
// crossbar, its PADI bus and its own row pair, exactly the readout neurons and (recurrently) the hidden neurons
// it projects to, with the weight on the input of its sign. Hidden populations sit on both neuron rows, as do the
// readouts, so every neuron event output → bus path of both hemispheres is used. The recurrent weights are
// inhibitory so that no hidden neuron is made to fire by another.

/** Each case simulates 2 ms of chip time with 80 CADC conversions: a fifth of the shared FC_NUM_RUNS. */
const NUM_RUNS = Math.max(1, Math.round((fc.readConfigureGlobal().numRuns ?? 100) / 5));
const TAU_SYN_CYCLES = 10 * 125;
const READ_DELAY_CYCLES = 5 * 125;
const TOLERANCE_LSB = 1;
const hidden = { hA: { size: 6, row: 0, columns: [40, 47] }, hB: { size: 4, row: 1, columns: [200, 205] } } as const;

const connection = new TwinConnection({ identity: 'mapping-neuron-sources', fidelity: 'ideal' });
const probe = new SynapticInputProbe(connection);
afterAll(() => connection.close());

/** The probe's base, with the hidden neurons able to fire once per input spike. */
function firingBase(hiddenNeurons: readonly AtomicNeuronOnDLS[]): Chip {
  const chip = probeBase();
  for (const n of hiddenNeurons) {
    chip.set(CapMemCell, CapMemCellOnDLS.ofNeuron(n, 'v_threshold'), { value: 81 });
    chip.modify(NeuronConfig, n, { enFire: true, enThreshComp: true });
    chip.modify(NeuronBackendConfig, n, { refractoryTime: 255 });
  }
  // Slow clock 250 MHz / 2^7: 255 cycles = 130 µs of refractory reset (§1.8).
  for (const block of CommonNeuronBackendConfigOnDLS.all()) chip.modify(CommonNeuronBackendConfig, block, { clockScaleSlow: 6 });
  return chip;
}

const signedWeights = (length: number, max: number) => fc.array(fc.integer({ min: -max, max }), { minLength: length, maxLength: length });
const negativeWeights = (length: number) => fc.array(fc.integer({ min: -63, max: 0 }), { minLength: length, maxLength: length });

const networkArbitrary: fc.Arbitrary<Network> = fc
  .record({ toO: signedWeights(5 * 10, 63), toO2: signedWeights(3 * 10, 63), recA: negativeWeights(6 * 6), recBA: negativeWeights(6 * 4) })
  .map(({ toO, toO2, recA, recBA }) => {
    const identity = (targets: number, sources: number, offset: number): number[] =>
      Array.from({ length: targets * sources }, (_, k) => (Math.floor(k / sources) + offset === k % sources ? 63 : 0));
    return {
      populations: [
        { name: 'in', kind: 'input', size: 10 },
        { name: 'hA', kind: 'neuron', size: hidden.hA.size, placement: { row: hidden.hA.row, columns: hidden.hA.columns } },
        { name: 'hB', kind: 'neuron', size: hidden.hB.size, placement: { row: hidden.hB.row, columns: hidden.hB.columns } },
        { name: 'o', kind: 'neuron', size: 5, placement: { row: 1, columns: [0, 4] } },
        { name: 'o2', kind: 'neuron', size: 3, placement: { row: 0, columns: [250, 252] } },
      ],
      projections: [
        { name: 'in-hA', source: 'in', target: 'hA', weights: identity(6, 10, 0) },
        { name: 'in-hB', source: 'in', target: 'hB', weights: identity(4, 10, 6) },
        { name: 'hA-o', source: 'hA', target: 'o', weights: toO.slice(0, 30) },
        { name: 'hB-o', source: 'hB', target: 'o', weights: toO.slice(30) },
        { name: 'hA-o2', source: 'hA', target: 'o2', weights: toO2.slice(0, 18) },
        { name: 'hB-o2', source: 'hB', target: 'o2', weights: toO2.slice(18) },
        { name: 'hA-hA', source: 'hA', target: 'hA', weights: recA },
        { name: 'hB-hA', source: 'hB', target: 'hA', weights: recBA },
      ],
    } satisfies Network;
  });

/** Signed weight on every chip neuron from hidden neuron `index` of `population`. */
function weightsFrom(network: Network, neuronsOf: (name: string) => readonly AtomicNeuronOnDLS[], population: string, index: number): Float64Array {
  const out = new Float64Array(512);
  const size = network.populations.find((p) => p.name === population)?.size as number;
  for (const projection of network.projections.filter((p) => p.source === population)) {
    neuronsOf(projection.target).forEach((n, t) => (out[n] = projection.weights[t * size + index] as number));
  }
  return out;
}

const placed = (name: string): readonly AtomicNeuronOnDLS[] => {
  const { row, columns, size } = hidden[name as keyof typeof hidden];
  return Array.from({ length: size }, (_, i) => AtomicNeuronOnDLS(row * 256 + columns[0] + i));
};
const base = firingBase([...placed('hA'), ...placed('hB')]);

describe('neuron sources on the twin (ideal fidelity)', () => {
  it('a hidden neuron’s spike is recorded with its label and reaches exactly its targets, with sign', async () => {
    await fc.assert(
      fc.asyncProperty(networkArbitrary, async (network) => {
        const mapping = mapNetwork(network, { base });
        const neuronsOf = (name: string): readonly AtomicNeuronOnDLS[] => (mapping.populations.get(name) as NeuronPopulationMapping).neurons;
        expect([...neuronsOf('hA'), ...neuronsOf('hB')]).toEqual([...placed('hA'), ...placed('hB')]);
        const input = mapping.populations.get('in');
        if (input?.kind !== 'input') throw new Error('input population missing');
        const response = await probe.measure(mapping.chip, input.fpgaLabels, READ_DELAY_CYCLES);
        for (let i = 0; i < 10; i++) {
          const [population, index] = i < 6 ? ['hA', i] : ['hB', i - 6];
          const at = response.injectionCycles[i] as number;
          response.spikes.forEach((spikes) => {
            const fired = spikes.filter((s) => s.cycles >= at && s.cycles < at + 100 * 125);
            expect(fired.map((s) => decodeSpike(mapping, s.label)), `input ${i}`).toEqual([{ population, index }]);
          });
          const weights = weightsFrom(network, neuronsOf, population, index as number);
          const wrong: string[] = [];
          response.spikes.forEach((spikes, pass) => {
            const spike = spikes.find((s) => s.cycles >= at) as { cycles: number };
            const decay = Math.exp(-((response.readCycles[i] as number) - spike.cycles) / TAU_SYN_CYCLES);
            const measured = (pass === 0 ? response.excitatory : response.inhibitory)[i] as Float64Array;
            for (let n = 0; n < 512; n++) {
              const w = weights[n] as number;
              // The input's own target also carries the input's excitatory current; only the hidden → * paths count.
              if (pass === 0 && n === placed(population)[index as number]) continue;
              const want = (pass === 0 ? Math.max(w, 0) : Math.max(-w, 0)) * LSB_PER_WEIGHT * decay;
              if (Math.abs((measured[n] as number) - want) > TOLERANCE_LSB) wrong.push(`pass ${pass} neuron ${n}: weight ${w}, ${measured[n]} LSB, want ${want.toFixed(1)}`);
            }
          });
          expect(wrong, `spike of ${population}[${index}]`).toEqual([]);
        }
      }),
      { numRuns: NUM_RUNS },
    );
  });
});
