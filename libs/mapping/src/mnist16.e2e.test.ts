import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, CapMemCellOnDLS, CommonNeuronBackendConfigOnDLS } from '@bss2/coords';
import { CapMemCell, CommonNeuronBackendConfig, NeuronBackendConfig, NeuronConfig, type Chip } from '@bss2/regs';
import { afterAll, describe, expect, it } from 'vitest';
import { MNIST16_SIZES, mnist16Network, seededWeights } from '../test-support/mnist16-network.js';
import { LSB_PER_WEIGHT, probeBase, SynapticInputProbe, type SynapticInputResponse } from '../test-support/synaptic-input-probe.js';
import { decodeSpike, mapNetwork, type InputPopulationMapping, type Network, type NeuronPopulationMapping } from './index.js';

// MNIST16 (256 → 246 → 10, every neuron two joined circuits) routed on the twin at `ideal` fidelity, through
// playback programs only. Every one of the 256 inputs is injected on its own and every one of the 512 circuits'
// synaptic input currents is read (test-support/synaptic-input-probe.ts): each hidden column must receive exactly
// the input's weight (w > 0 excitatory, w < 0 inhibitory), all of it in ONE of its two circuits — the same one for
// all of the input's weights — and the readout columns nothing, although every input's row pair also holds a hidden
// neuron's weights to them (shared drivers, §1.5 labels). Then hidden neurons are made to fire, one per injection,
// and their spikes must reach exactly the readout columns with their weights and no hidden column.

const { inputs, hidden, outputs } = MNIST16_SIZES;
const TOLERANCE_LSB = 1;
const TAU_SYN_CYCLES = 10 * 125;
const READ_DELAY_CYCLES = 5 * 125;

const connection = new TwinConnection({ identity: 'mapping-mnist16', fidelity: 'ideal' });
const probe = new SynapticInputProbe(connection);
afterAll(() => connection.close());

/** Per circuit the (exc, inh) response of injection j, and the problems found against `weights` per column. */
function check(response: SynapticInputResponse, j: number, weightOfColumn: Float64Array, scale = 1): string[] {
  const wrong: string[] = [];
  const exc = response.excitatory[j] as Float64Array;
  const inh = response.inhibitory[j] as Float64Array;
  const rowsUsed = new Set<number>();
  for (let column = 0; column < 256; column++) {
    const w = weightOfColumn[column] as number;
    const [wantExc, wantInh] = [Math.max(w, 0) * LSB_PER_WEIGHT * scale, Math.max(-w, 0) * LSB_PER_WEIGHT * scale];
    const sumExc = (exc[column] as number) + (exc[column + 256] as number);
    const sumInh = (inh[column] as number) + (inh[column + 256] as number);
    if (Math.abs(sumExc - wantExc) > TOLERANCE_LSB || Math.abs(sumInh - wantInh) > TOLERANCE_LSB) {
      wrong.push(`column ${column}: weight ${w} → exc ${sumExc} LSB (want ${wantExc.toFixed(1)}), inh ${sumInh} (want ${wantInh.toFixed(1)})`);
    }
    for (const row of [0, 1]) {
      const n = row * 256 + column;
      if (Math.abs(exc[n] as number) > TOLERANCE_LSB || Math.abs(inh[n] as number) > TOLERANCE_LSB) rowsUsed.add(row);
    }
  }
  if (rowsUsed.size > 1) wrong.push('weights found in both hemispheres');
  return wrong;
}

function columnWeights(network: Network, projection: number, source: number, firstColumn: number): Float64Array {
  const p = network.projections[projection]!;
  const sourceSize = projection === 0 ? inputs : hidden;
  const targets = projection === 0 ? hidden : outputs;
  const out = new Float64Array(256);
  for (let t = 0; t < targets; t++) out[firstColumn + t] = p.weights[t * sourceSize + source] as number;
  return out;
}

/** The probe's base with the hidden neurons' top circuits able to fire once per input spike (bottoms follow, §2.4). */
function firingBase(): Chip {
  const chip = probeBase();
  for (let column = 0; column < hidden; column++) {
    const top = AtomicNeuronOnDLS(column);
    chip.set(CapMemCell, CapMemCellOnDLS.ofNeuron(top, 'v_threshold'), { value: 81 });
    chip.modify(NeuronConfig, top, { enFire: true, enThreshComp: true });
    chip.modify(NeuronBackendConfig, top, { refractoryTime: 255 });
    chip.modify(NeuronBackendConfig, AtomicNeuronOnDLS(column + 256), { refractoryTime: 255 });
  }
  for (const block of CommonNeuronBackendConfigOnDLS.all()) chip.modify(CommonNeuronBackendConfig, block, { clockScaleSlow: 6 });
  return chip;
}

describe('MNIST16 on the twin (ideal fidelity)', () => {
  it('routes every one of the 256 inputs to exactly the synapses holding its weights, in one circuit per neuron', async () => {
    const network = mnist16Network(seededWeights(hidden * inputs, 11), seededWeights(outputs * hidden, 12));
    const mapping = mapNetwork(network, { base: probeBase() });
    const input = mapping.populations.get('input') as InputPopulationMapping;
    const response = await probe.measure(mapping.chip, input.fpgaLabels);
    const hemispheres = new Set<number>();
    for (let i = 0; i < inputs; i++) {
      expect(check(response, i, columnWeights(network, 0, i, 0)), `input ${i}`).toEqual([]);
      const exc = response.excitatory[i] as Float64Array;
      hemispheres.add(exc.findIndex((v) => v > TOLERANCE_LSB) >= 256 ? 1 : 0);
    }
    expect([...hemispheres].sort()).toEqual([0, 1]);
  }, 120_000);

  it('routes the spikes of hidden neurons on every bus group and in both hemispheres to exactly their readout synapses', async () => {
    // Input j drives only hidden neuron j (weight 63), so injecting it makes hidden neuron j fire once.
    const chosen = [0, 1, 2, 3, 33, 66, 99, 132, 165, 198, 231, 245];
    const identity = new Int8Array(hidden * inputs);
    for (const j of chosen) identity[j * inputs + j] = 63;
    const network = mnist16Network(identity, seededWeights(outputs * hidden, 13));
    const mapping = mapNetwork(network, { base: firingBase() });
    const input = mapping.populations.get('input') as InputPopulationMapping;
    const hiddenMap = mapping.populations.get('hidden') as NeuronPopulationMapping;
    expect(new Set(chosen.map((j) => hiddenMap.routes[j]!.twoCircuitHemisphere))).toEqual(new Set([0, 1]));
    const response = await probe.measure(mapping.chip, chosen.map((j) => input.fpgaLabels[j]!), READ_DELAY_CYCLES);
    chosen.forEach((j, k) => {
      const at = response.injectionCycles[k] as number;
      // Only this injection's window counts: a spike sent while the program's Chip write lands carries the timer
      // of the previous program.
      const inWindow = (s: { cycles: number }): boolean => s.cycles >= at && s.cycles < at + 100 * 125;
      response.spikes.forEach((spikes) => {
        expect(spikes.filter(inWindow).map((s) => decodeSpike(mapping, s.label)), `input ${j}`).toEqual([{ population: 'hidden', index: j }]);
      });
      const spike = response.spikes[0]!.find(inWindow)!;
      const decay = Math.exp(-((response.readCycles[k] as number) - spike.cycles) / TAU_SYN_CYCLES);
      const readout = columnWeights(network, 1, j, hidden);
      // The injected input's own excitatory current on hidden column j is not part of the hidden → readout path
      // (as in neuron-sources.e2e.test.ts); it must be there, in one circuit.
      const exc = response.excitatory[k] as Float64Array;
      expect(Math.max(exc[j] as number, exc[j + 256] as number), `input ${j} on hidden ${j}`).toBeGreaterThan(50);
      exc[j] = 0;
      exc[j + 256] = 0;
      expect(check(response, k, readout, decay), `spike of hidden ${j}`).toEqual([]);
    });
  }, 120_000);
});
