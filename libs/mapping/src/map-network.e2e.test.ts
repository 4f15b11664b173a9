import { TwinConnection } from '@bss2/chip';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { feedForwardNetwork } from '../test-support/random-network.js';
import { LSB_PER_WEIGHT, probeBase, SynapticInputProbe, type SynapticInputResponse } from '../test-support/synaptic-input-probe.js';
import { mapNetwork, type Mapping, type Network, type NeuronPopulationMapping } from './index.js';

// The key property: a mapped network routes on the twin exactly as described. Random small feed-forward
// networks are mapped onto a base Chip that makes every neuron's synaptic input currents visible to the CADC
// (test-support/synaptic-input-probe.ts), the Chip is applied through a playback program to a TwinConnection at
// `ideal` fidelity, and each input neuron's FPGA labels are injected on their own. Then every one of the 512
// neurons must show exactly the intended input: weight w > 0 on its excitatory input, |w| on its inhibitory input
// for w < 0, nothing anywhere else (weight 0 and neurons outside the projection included). A 2-circuit neuron
// (§2.4) takes the input in either of its circuits: the sum of the two must be the weight, one of them 0. The
// expectation comes from the network description and the reference's current formulas, never from the mapping's
// tables (which circuit of a 2-circuit neuron holds an input's weights is the mapping's choice).

const NEURONS = 512;
/** CADC rounding (±0.5 LSB) plus the 0.16 % current decay between injection and read. */
const TOLERANCE_LSB = 1;

const connection = new TwinConnection({ identity: 'mapping-e2e', fidelity: 'ideal' });
const probe = new SynapticInputProbe(connection);
const base = probeBase();
afterAll(() => connection.close());

interface InputNeuron {
  readonly population: string;
  readonly index: number;
}

function inputNeurons(network: Network): InputNeuron[] {
  return network.populations.filter((p) => p.kind === 'input').flatMap((p) => Array.from({ length: p.size }, (_, index) => ({ population: p.name, index })));
}

/** Expected signed weight on every chip neuron when input `input` spikes, from the description. */
function expectedWeights(mapping: Mapping, input: InputNeuron): Float64Array {
  const expected = new Float64Array(NEURONS);
  const sourceSize = mapping.network.populations.find((p) => p.name === input.population)?.size as number;
  for (const projection of mapping.network.projections.filter((p) => p.source === input.population)) {
    const targets = (mapping.populations.get(projection.target) as NeuronPopulationMapping).neurons;
    targets.forEach((neuron, t) => (expected[neuron] = (expected[neuron] as number) + (projection.weights[t * sourceSize + input.index] as number)));
  }
  return expected;
}

/** The chip's top circuits of the 2-circuit neurons (their bottom circuit is 256 further). */
function joinedTops(mapping: Mapping): Set<number> {
  return new Set([...mapping.populations.values()].flatMap((p) => (p.kind === 'neuron' && p.circuits === 2 ? p.neurons : [])));
}

function mismatches(response: SynapticInputResponse, j: number, expected: Float64Array, joined: ReadonlySet<number>): string[] {
  const out: string[] = [];
  const read = (pass: readonly Float64Array[], n: number): number => {
    const own = pass[j]?.[n] as number;
    return joined.has(n) ? own + (pass[j]?.[n + 256] as number) : own;
  };
  for (let n = 0; n < NEURONS; n++) {
    if (joined.has(n - 256)) continue;
    const w = expected[n] as number;
    const exc = read(response.excitatory, n);
    const inh = read(response.inhibitory, n);
    if (joined.has(n) && [response.excitatory, response.inhibitory].some((pass) => Math.abs(pass[j]?.[n] as number) > TOLERANCE_LSB && Math.abs(pass[j]?.[n + 256] as number) > TOLERANCE_LSB)) {
      out.push(`neuron ${n}: input in both circuits`);
    }
    const wantExc = Math.max(w, 0) * LSB_PER_WEIGHT;
    const wantInh = Math.max(-w, 0) * LSB_PER_WEIGHT;
    if (Math.abs(exc - wantExc) > TOLERANCE_LSB || Math.abs(inh - wantInh) > TOLERANCE_LSB) {
      out.push(`neuron ${n}: weight ${w} → exc ${exc} LSB (want ${wantExc.toFixed(1)}), inh ${inh} LSB (want ${wantInh.toFixed(1)})`);
    }
  }
  return out;
}

async function checkOnTwin(network: Network): Promise<void> {
  const mapping = mapNetwork(network, { base });
  const inputs = inputNeurons(network);
  const labels = inputs.map(({ population, index }) => {
    const p = mapping.populations.get(population);
    return p?.kind === 'input' ? (p.fpgaLabels[index] as readonly number[]) : [];
  });
  const response = await probe.measure(mapping.chip, labels);
  const joined = joinedTops(mapping);
  inputs.forEach((input, j) => expect(mismatches(response, j, expectedWeights(mapping, input), joined), `input ${input.population}[${input.index}]`).toEqual([]));
}

describe('mapNetwork on the twin (ideal fidelity)', () => {
  it('routes each FPGA input to exactly its target neurons, with the weight on the input of its sign', async () => {
    await fc.assert(fc.asyncProperty(feedForwardNetwork, checkOnTwin));
  });

  it('a hand-written network: full-scale, unit and zero weights of both signs into both hemispheres', async () => {
    await checkOnTwin({
      populations: [
        { name: 'in', kind: 'input', size: 2 },
        { name: 'top', kind: 'neuron', size: 3, placement: { row: 0, columns: [100, 102] } },
        { name: 'bottom', kind: 'neuron', size: 2, placement: { row: 1, columns: [250, 255] } },
      ],
      projections: [
        { name: 'in-top', source: 'in', target: 'top', weights: [63, -63, 1, -1, 0, 30] },
        { name: 'in-bottom', source: 'in', target: 'bottom', weights: [10, -10, -20, 20] },
      ],
    });
  });
});
