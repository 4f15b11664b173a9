import type { NeuronTargetName, TargetValue } from '@bss2/calib';
import type { AtomicNeuronOnDLS } from '@bss2/coords';
import { SnnError } from '../snn-error.js';
import { capacitancePf, jointMemCapSize } from './twin-codes.js';
import { circuitsOf, type PlacedPopulation } from './twin-neuron-setup.js';

/** libs/calib's spiking-neuron targets a network asks for (names and ranges: libs/calib `NEURON_TARGETS`). */
export type NetworkCalibrationTargets = Readonly<Partial<Record<NeuronTargetName, TargetValue>>>;

const NEURONS = 512;

/** What a population asks of each target; undefined where the population does not care (an LI never fires). */
type Wish = (placed: PlacedPopulation) => number | undefined;

/** Targets that may differ per neuron (libs/calib `NEURON_TARGETS` perNeuron). */
const PER_NEURON: readonly [NeuronTargetName, Wish][] = [
  ['leak', ({ population }) => population.hardware.leakCadc],
  ['reset', ({ population }) => (population.kind === 'li' ? undefined : population.hardware.resetCadc)],
  ['threshold', ({ population }) => (population.kind === 'li' ? undefined : population.hardware.thresholdCadc)],
  ['tauMemUs', ({ population }) => population.model.tauMemUs],
  ['tauSynExcUs', ({ population }) => population.model.tauSynUs],
  ['tauSynInhUs', ({ population }) => population.model.tauSynUs],
];

/**
 * Targets that are one value for the whole chip: every population must ask for the same. A 2-circuit population
 * (§2.4) asks for each circuit's capacitance setting at `jointMemCapSize` of its own (two circuits then hold the
 * charge of one at that setting: same τ_mem with each circuit calibrated to it, same leak conductance in sum), and
 * for the synaptic gain scaled by the capacitance the joined neuron really has against the one it stands for,
 * 2·C(n′)/C(n), rounded to a CapMem code, so a hardware weight moves its membrane as much as a 1-circuit neuron's at
 * the population's settings (within 0.1 %).
 */
const CHIP_WIDE: readonly [NeuronTargetName, Wish][] = [
  ['membraneCapacitance', ({ population: { hardware, circuits } }) => (circuits === 2 ? jointMemCapSize(hardware.membraneCapacitance) : hardware.membraneCapacitance)],
  ['iSyninGm', ({ population: { hardware, circuits } }) => (circuits === 2 ? Math.round(hardware.iSynGm * twoCircuitGainFactor(hardware.membraneCapacitance, circuits)) : hardware.iSynGm)],
  ['synapseDacBias', ({ population }) => population.hardware.synapseDacBias],
];

/** The synaptic-gain factor of a `circuits`-circuit neuron standing for one circuit at `memCapSize`: 2·C(n′)/C(n), 1 for one circuit. */
export function twoCircuitGainFactor(memCapSize: number, circuits: 1 | 2): number {
  return circuits === 2 ? (2 * capacitancePf(jointMemCapSize(memCapSize))) / capacitancePf(memCapSize) : 1;
}

/**
 * The calibration a network asks for, built from its neuron modules' parameters as hxtorch's
 * `ExecutionInstance.calibrate` builds calix's target (reference §6.6): potentials from the hardware halves (CADC
 * LSB), time constants from the model, capacitance, gm and DAC bias from the hardware halves. A target every
 * population agrees on is one value; otherwise a per-neuron list by placement, the neurons outside the network
 * taking the first population's value. The refractory and hold-off times are not calibration targets here: the
 * backend sets the neuron backend's counters itself after calibrating (`configureNeurons`).
 */
export function networkCalibrationTargets(placed: readonly PlacedPopulation[]): NetworkCalibrationTargets {
  if (placed.length === 0) throw new SnnError('invalid-graph', 'a calibration needs at least one LIF, LI or AdEx population', 'populations', 0, '≥ 1 LIF, LI or AdEx population');
  const targets: Partial<Record<NeuronTargetName, TargetValue>> = {};
  for (const [name, wish] of CHIP_WIDE) {
    const values = placed.map(wish);
    const differing = values.findIndex((v) => v !== values[0]);
    if (differing >= 0) {
      throw new SnnError(
        'invalid-graph',
        `${placed[differing]!.population.name} asks for ${name} ${values[differing]}, ${placed[0]!.population.name} for ${values[0]}: the chip has one ${name} for all neurons`,
        name, values[differing], `${values[0]} (as ${placed[0]!.population.name})`,
      );
    }
    targets[name] = values[0] as number;
  }
  for (const [name, wish] of PER_NEURON) {
    const wishes = placed.map((p) => ({ neurons: circuitsOf(p), value: wish(p) })).filter((w): w is { neurons: readonly AtomicNeuronOnDLS[]; value: number } => w.value !== undefined);
    if (wishes.length === 0) continue;
    const first = wishes[0]!.value;
    if (wishes.every((w) => w.value === first)) {
      targets[name] = first;
      continue;
    }
    const perNeuron = new Array<number>(NEURONS).fill(first);
    for (const { neurons, value } of wishes) for (const neuron of neurons) perNeuron[neuron] = value;
    targets[name] = perNeuron;
  }
  return targets;
}
