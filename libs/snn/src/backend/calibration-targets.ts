import type { NeuronTargetName, TargetValue } from '@bss2/calib';
import type { AtomicNeuronOnDLS } from '@bss2/coords';
import { SnnError } from '../snn-error.js';
import type { PlacedPopulation } from './twin-neuron-setup.js';

/** libs/calib's spiking-neuron targets a network asks for (names and ranges: libs/calib `NEURON_TARGETS`). */
export type NetworkCalibrationTargets = Readonly<Partial<Record<NeuronTargetName, TargetValue>>>;

const NEURONS = 512;

/** What a population asks of each target; undefined where the population does not care (an LI never fires). */
type Wish = (placed: PlacedPopulation) => number | undefined;

/** Targets that may differ per neuron (libs/calib `NEURON_TARGETS` perNeuron). */
const PER_NEURON: readonly [NeuronTargetName, Wish][] = [
  ['leak', ({ population }) => population.hardware.leakCadc],
  ['reset', ({ population }) => (population.kind === 'lif' ? population.hardware.resetCadc : undefined)],
  ['threshold', ({ population }) => (population.kind === 'lif' ? population.hardware.thresholdCadc : undefined)],
  ['tauMemUs', ({ population }) => population.model.tauMemUs],
  ['tauSynExcUs', ({ population }) => population.model.tauSynUs],
  ['tauSynInhUs', ({ population }) => population.model.tauSynUs],
];

/** Targets that are one value for the whole chip: every population must ask for the same. */
const CHIP_WIDE: readonly [NeuronTargetName, Wish][] = [
  ['membraneCapacitance', ({ population }) => population.hardware.membraneCapacitance],
  ['iSyninGm', ({ population }) => population.hardware.iSynGm],
  ['synapseDacBias', ({ population }) => population.hardware.synapseDacBias],
];

/**
 * The calibration a network asks for, built from its neuron modules' parameters as hxtorch's
 * `ExecutionInstance.calibrate` builds calix's target (reference §6.6): potentials from the hardware halves (CADC
 * LSB), time constants from the model, capacitance, gm and DAC bias from the hardware halves. A target every
 * population agrees on is one value; otherwise a per-neuron list by placement, the neurons outside the network
 * taking the first population's value. The refractory and hold-off times are not calibration targets here: the
 * backend sets the neuron backend's counters itself after calibrating (`configureNeurons`).
 */
export function networkCalibrationTargets(placed: readonly PlacedPopulation[]): NetworkCalibrationTargets {
  if (placed.length === 0) throw new SnnError('invalid-graph', 'a calibration needs at least one LIF or LI population', 'populations', 0, '≥ 1 LIF or LI population');
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
    const wishes = placed.map((p) => ({ neurons: p.neurons, value: wish(p) })).filter((w): w is { neurons: readonly AtomicNeuronOnDLS[]; value: number } => w.value !== undefined);
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
