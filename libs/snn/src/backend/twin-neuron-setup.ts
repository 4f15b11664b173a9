import {
  AtomicNeuronOnDLS,
  CADCOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCorrelationQuadOnDLS,
  CommonNeuronBackendConfigOnDLS,
  SynapseQuadColumnOnDLS,
  SynramOnDLS,
  type NeuronParameter,
} from '@bss2/coords';
import { CADCConfig, CapMemCell, Chip, ColumnCorrelationQuad, CommonNeuronBackendConfig, NeuronBackendConfig, NeuronConfig } from '@bss2/regs';
import { SnnError } from '../snn-error.js';
import type { NeuronPopulationDescription, ProjectionDescription } from './backend.js';
import { adexCircuitSetup, leakConductanceNs, NO_ADEX, type AdExCircuitSetup } from './twin-adex-codes.js';
import {
  CADC_LSB_VOLTS,
  membraneCodes,
  refractoryClockScale,
  refractoryCounts,
  SYNAPSE_DAC_CODE,
  synapticTauCode,
  tauMemUsOf,
  voltageCode,
} from './twin-codes.js';

/** A LIF, LI or AdEx population with the chip neurons the mapping placed it on. */
export interface PlacedPopulation {
  readonly population: NeuronPopulationDescription;
  /** Neuron i's circuit that fires, sends its spikes and is read by the CADC (the top one of a 2-circuit neuron). */
  readonly neurons: readonly AtomicNeuronOnDLS[];
  /** The bottom circuits joined to `neurons` (§2.4), empty for 1-circuit neurons. */
  readonly bottomCircuits: readonly AtomicNeuronOnDLS[];
}

/** Every circuit of a placed population: the calibration targets and the neuron model cover them all. */
export function circuitsOf(placed: PlacedPopulation): readonly AtomicNeuronOnDLS[] {
  return [...placed.neurons, ...placed.bottomCircuits];
}

/**
 * CADC LSB per model unit: LIF and AdEx from leak → threshold in both unit systems; LI (no threshold in the model)
 * takes one model unit = thresholdCadc − leakCadc *(twin choice, so an LI readout shares the LIF convention of
 * §6.3's hardware defaults)*.
 */
export function cadcPerModelUnit(population: NeuronPopulationDescription): number {
  const { leakCadc, thresholdCadc } = population.hardware;
  const modelSpan = population.kind === 'li' ? 1 : population.model.threshold - population.model.leak;
  const lsb = (thresholdCadc - leakCadc) / modelSpan;
  if (!(lsb > 0)) {
    throw new SnnError('out-of-range', `${population.name}: thresholdCadc ${thresholdCadc} − leakCadc ${leakCadc} must have the sign of threshold − leak (${modelSpan})`, 'thresholdCadc', thresholdCadc, `> leakCadc ${leakCadc}`);
  }
  return lsb;
}

/**
 * The chip every mapping starts from: a calibration result if given (its CapMem, neuron and CADC settings
 * survive, reference §6.6), else the nominal CADC ramp (§10.7: V_start 0.06 V = code 22, slope code 350) and a
 * full-scale synapse DAC in every CapMem block. In both, every column's neuron readout reaches its causal CADC
 * channel (§3.1).
 */
export function twinBaseChip(calibration: Chip | undefined): Chip {
  const chip = calibration ? calibration.clone() : new Chip();
  if (!calibration) {
    for (const block of CapMemBlockOnDLS.all()) {
      chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'syn_i_bias_dac'), { value: SYNAPSE_DAC_CODE });
      chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'cadc_v_ramp_offset'), { value: 22 });
      chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'cadc_i_ramp_slope'), { value: 350 });
    }
  }
  const on = [true, true, true, true] as [boolean, boolean, boolean, boolean];
  for (const synram of SynramOnDLS.all()) {
    chip.modify(CADCConfig, CADCOnDLS(synram), { enable: true });
    for (const q of SynapseQuadColumnOnDLS.all()) chip.modify(ColumnCorrelationQuad, ColumnCorrelationQuadOnDLS.of(synram, q), { enableCadcNeuronReadoutCausal: on });
  }
  return chip;
}

/**
 * Configures the neuron model of every placed population on `chip` (the mapping configures only routing fields
 * and the joints of 2-circuit neurons, libs/mapping README): LIF and AdEx fire (enFire, threshold comparator), LI
 * does not (hxtorch's readout, §6.7); the refractory counter holds τ_ref (§1.8, one clock scale for the whole
 * chip; AdEx has no refractory period, so it gets the counter's shortest hold, one count); the readout shows the
 * membrane. AdEx adds the exponential term and adaptation (`twin-adex-codes.ts`, nominal codes also on a
 * calibrated chip); every other population has them switched off. Both circuits of a 2-circuit neuron get the
 * model's CapMem codes and refractory counter; only the top one compares against the threshold, the bottom one
 * fires with it (connectFireBottom, §2.4) and its reset, refractory period and adaptation pulse run in step.
 * Uncalibrated, the CapMem gets the nominal codes of `twin-codes.ts`: leak, reset and threshold from the
 * population's hardware CADC values, τ_mem and τ_syn from the model, and the synaptic gain so that one unit of
 * hardware weight is 1/weightScale model units (the scale of the first projection into the population).
 */
export function configureNeurons(chip: Chip, placed: readonly PlacedPopulation[], projections: readonly ProjectionDescription[], calibrated: boolean, refractoryGridDtUs: number | null): void {
  const refractoryUs = placed.map(({ population }) => {
    if (population.kind === 'li') return 0;
    // AdEx has no refractory period: τ_ref 0, which on the dt grid still holds the reset to the step's end.
    const refractoryTimeUs = population.kind === 'lif' ? population.model.refractoryTimeUs : 0;
    return refractoryGridDtUs === null ? refractoryTimeUs : refractoryOnGridUs(refractoryTimeUs, refractoryGridDtUs);
  });
  const clockScale = refractoryClockScale(refractoryUs);
  for (const block of CommonNeuronBackendConfigOnDLS.all()) chip.modify(CommonNeuronBackendConfig, block, { clockScaleSlow: clockScale, clockScaleFast: clockScale });
  placed.forEach((placement, p) => {
    const { population, neurons } = placement;
    const spiking = population.kind !== 'li';
    const refractoryTime = refractoryCounts(refractoryUs[p] as number, clockScale);
    const capMem = calibrated ? null : nominalCapMem(population, projections);
    const adex = adexSetup(chip, placement, capMem);
    const fires = new Set(neurons);
    for (const neuron of circuitsOf(placement)) {
      const compares = spiking && fires.has(neuron);
      chip.modify(NeuronBackendConfig, neuron, { refractoryTime, resetHoldoff: 15, enAdaptPulse: adex.enAdaptPulse });
      chip.modify(NeuronConfig, neuron, {
        enFire: compares, enThreshComp: compares, enReadout: false, readoutSelect: 'membrane', ...adex.neuronConfig, ...(capMem && { memCapSize: capMem.memCapSize }),
      });
      for (const [parameter, value] of [...(capMem?.cells ?? []), ...adex.cells]) chip.set(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, parameter), { value });
    }
  });
}

/**
 * The refractory time the software model has on its dt grid, in continuous time: it holds the reset through the
 * ⌈τ_ref/dt⌉ steps after the spike step (autograd's `refractory_update` counts whole steps), and its threshold
 * crossing lies on average half a step before the spike step, so the hold lasts (⌈τ_ref/dt⌉ + ½) · dt on average.
 */
export function refractoryOnGridUs(refractoryTimeUs: number, dtUs: number): number {
  return (Math.ceil(Math.fround(refractoryTimeUs / dtUs)) + 0.5) * dtUs;
}

/**
 * The AdEx cells and switches of a placed population (off for LIF and LI). Its currents scale with each circuit's
 * leak conductance: uncalibrated the one of the nominal codes, calibrated C(mem_cap_size) of the calibration over
 * the model's τ_mem, the value the calibration targets.
 */
function adexSetup(chip: Chip, placement: PlacedPopulation, capMem: NominalCapMem | null): AdExCircuitSetup {
  const { population } = placement;
  if (population.kind !== 'adex') return NO_ADEX;
  const leakConductance = capMem
    ? leakConductanceNs(capMem.memCapSize, tauMemUsOf(capMem.memCapSize, capMem.leakCode))
    : leakConductanceNs(chip.get(NeuronConfig, placement.neurons[0] as AtomicNeuronOnDLS).memCapSize, population.model.tauMemUs);
  return adexCircuitSetup(population.name, population.model, population.hardware, cadcPerModelUnit(population) * CADC_LSB_VOLTS, leakConductance);
}

interface NominalCapMem {
  readonly memCapSize: number;
  readonly leakCode: number;
  readonly cells: readonly (readonly [NeuronParameter, number])[];
}

function nominalCapMem(population: NeuronPopulationDescription, projections: readonly ProjectionDescription[]): NominalCapMem {
  const where = population.name;
  const { hardware, model } = population;
  const weightScale = projections.find((projection) => projection.post === population.id)?.weightScale ?? 1;
  const voltsPerUnit = cadcPerModelUnit(population) * CADC_LSB_VOLTS;
  const { memCapSize, leakCode, gmCode } = membraneCodes(where, voltsPerUnit, model.tauMemUs, weightScale, hardware.membraneCapacitance, population.circuits);
  const tauSynCode = synapticTauCode(where, model.tauSynUs);
  const leak = voltageCode(where, 'leakCadc', hardware.leakCadc);
  const spiking = population.kind !== 'li';
  return {
    memCapSize,
    leakCode,
    cells: [
      ['v_leak', leak],
      ['v_reset', spiking ? voltageCode(where, 'resetCadc', hardware.resetCadc) : leak],
      ['v_threshold', spiking ? voltageCode(where, 'thresholdCadc', hardware.thresholdCadc) : leak],
      ['i_bias_leak', leakCode],
      ['i_bias_synin_exc_tau', tauSynCode],
      ['i_bias_synin_inh_tau', tauSynCode],
      ['i_bias_synin_exc_gm', gmCode],
      ['i_bias_synin_inh_gm', gmCode],
    ],
  };
}
