import { CAPMEM_SETTLE_US } from '@bss2/calib';
import { decodeSpike, mapNetwork, updateWeights, type Mapping, type NeuronPopulationMapping } from '@bss2/mapping';
import { PlaybackProgramBuilder, type Connection } from '@bss2/playback';
import { SynapseQuad, type Chip } from '@bss2/regs';
import { SnnError } from '../snn-error.js';
import type { ExecutionRequest, NetworkDescription, NeuronPopulationDescription, PopulationObservation, SnnBackend } from './backend.js';
import { networkCalibrationTargets, type NetworkCalibrationTargets } from './calibration-targets.js';
import { adapts } from './twin-adex-codes.js';
import { FPGA_CYCLES_PER_US } from './twin-codes.js';
import { mappingName, structureKey, toMappingNetwork } from './twin-network.js';
import { configureNeurons, twinBaseChip, type PlacedPopulation } from './twin-neuron-setup.js';
import { appendWindows, binSpikes, collectMembranes, observations, planCadcReads, timeSpikes, type CadcPlan, type SpikeDecoder, type WindowTiming } from './twin-program.js';

export interface TwinBackendOptions {
  /** A calibration result as a Chip (libs/calib `calibrationChip`): its CapMem and CADC settings are kept. */
  readonly calibration?: Chip;
  /**
   * Calibrates the chip for the targets the network asks for (`networkCalibrationTargets`, hxtorch's
   * `ExecutionInstance.calibrate`, reference §6.6) and returns the result as a Chip; called on the connection's
   * chip before the first run and again only when the targets change. Instead of `calibration`.
   */
  readonly calibrate?: (targets: NetworkCalibrationTargets) => Promise<Chip>;
  /**
   * Hardware µs waited after a run that rewrote CapMem cells (default calix's 20 ms, reference §2.3; an `ideal`
   * twin settles at once, so a test may pass 0).
   */
  readonly capMemSettleUs?: number;
  /**
   * Set the chip's refractory time to the software model's effective one on the dt grid (`refractoryOnGridUs`)
   * instead of τ_ref itself, so that a neuron's spike train keeps step with the model's (the mock-vs-twin test);
   * default false: τ_ref as given, as hxtorch configures the chip.
   */
  readonly refractoryOnDtGrid?: boolean;
  /** Gap before each batch sample's window, in multiples of the longest time constant (default 8: e^−8 of any state is left). */
  readonly gapTaus?: number;
}

/** What the last `execute` did, for throughput reports and for tests of the weight diffs. */
export interface TwinRunStats {
  /** True when the network was (re)mapped and the whole Chip's difference to the applied one written. */
  readonly remapped: boolean;
  /** Synapse quads written as weight diffs (0 on a remap: the Chip write carries them). */
  readonly synapseQuadWrites: number;
  readonly cadcReadsPerStep: number;
  /** FPGA cycles of the program, and host wall time of the whole execute (mapping, building, running, decoding). */
  readonly executionCycles: number;
  readonly wallMs: number;
  /** Host wall time of `connection.run` alone (transport, the twin's simulation, decoding the link words). */
  readonly connectionMs: number;
}

interface Configured {
  readonly key: string;
  mapping: Mapping;
  readonly decoder: SpikeDecoder;
  readonly spikeSizes: ReadonlyMap<number, number>;
  readonly cadc: CadcPlan;
  readonly inputLabels: ReadonlyMap<number, readonly (readonly number[])[]>;
  readonly maxTauUs: number;
}

/**
 * The twin (or the chip) behind any `Connection` as an `SnnBackend`, grenade's and hxtorch's execution path of
 * §6.2–§6.4. The first run maps the network (libs/mapping) onto the base Chip (a calibration or nominal CapMem
 * codes), configures the neuron model and writes the Chip's difference to what this backend applied before;
 * later runs of the same network write only the synapse quads whose weights changed. Each batch sample is a
 * time window of one playback program: inputs injected on the dt grid, recorded membranes sampled on the CADC
 * every dt, spikes recorded and binned.
 *
 * Units: membranes come back in raw CADC LSB (4.5 mV, §10.7). Uncalibrated, the chip is set so that one model
 * unit is (thresholdCadc − leakCadc) / (threshold − leak) LSB around leakCadc, and one unit of hardware weight
 * moves the synaptic input by 1/weightScale model units: at `ideal` fidelity a module's `traceOffsetCadc` =
 * leakCadc and `traceScale` = 1 / that LSB count give the software model's membrane (the property test).
 */
export class TwinBackend implements SnnBackend {
  readonly name: string;
  lastRun: TwinRunStats | null = null;
  private configured: Configured | null = null;
  private applied: Chip | undefined;
  private calibrated: { readonly key: string; readonly chip: Chip } | null = null;
  private readonly settleUs: number;
  private readonly gapTaus: number;

  constructor(readonly connection: Connection, private readonly options: TwinBackendOptions = {}) {
    this.name = `twin:${connection.description}`;
    this.settleUs = options.capMemSettleUs ?? CAPMEM_SETTLE_US;
    this.gapTaus = options.gapTaus ?? 8;
    if (options.calibration !== undefined && options.calibrate !== undefined) {
      throw new SnnError('out-of-range', 'twin backend: give a calibration or a way to calibrate, not both', 'calibrate', 'function', 'calibration or calibrate');
    }
  }

  async execute(request: ExecutionRequest): Promise<ReadonlyMap<number, PopulationObservation>> {
    const started = performance.now();
    const dtCycles = request.dtUs * FPGA_CYCLES_PER_US;
    if (!Number.isInteger(dtCycles)) {
      throw new SnnError('out-of-range', `twin backend: dt ${request.dtUs} µs is not a whole number of 8 ns FPGA cycles`, 'dtUs', request.dtUs, 'a multiple of 0.008 µs');
    }
    const builder = new PlaybackProgramBuilder();
    const key = `${request.dtUs}:${structureKey(request.network)}`;
    let remapped = false;
    let synapseQuadWrites = 0;
    if (this.configured?.key !== key) {
      this.configured = this.configure(request, key, builder, await this.calibrationFor(request.network));
      remapped = true;
    } else {
      synapseQuadWrites = this.writeWeightDiffs(request, builder);
    }
    const { cadc, inputLabels, decoder, spikeSizes, maxTauUs } = this.configured;
    builder.timerReset();
    const settleCycles = remapped ? Math.round(this.settleUs * FPGA_CYCLES_PER_US) : 0;
    const timing: WindowTiming = { dtCycles, gapCycles: Math.ceil(this.gapTaus * maxTauUs) * FPGA_CYCLES_PER_US, startCycles: settleCycles };
    const tickets = appendWindows(builder, request, inputLabels, cadc, timing);
    const result = await this.connection.run(builder.done()).catch((error: unknown) => {
      // What the chip holds is unknown now: the next run maps afresh and writes the whole Chip.
      this.configured = null;
      this.applied = undefined;
      throw error;
    });
    const out = observations(
      binSpikes(result, decoder, spikeSizes, request, timing), collectMembranes(tickets, cadc, request), timeSpikes(result, decoder, spikeSizes, request, timing),
    );
    this.lastRun = {
      remapped, synapseQuadWrites, cadcReadsPerStep: cadc.readsPerStep,
      executionCycles: result.timing.executionCycles, wallMs: performance.now() - started, connectionMs: result.timing.wallMs,
    };
    return out;
  }

  /**
   * The given calibration, or the chip calibrated for the network's targets (placed as the mapping places it,
   * for per-neuron targets). Calibration programs leave the chip in a state of their own, so the next write is
   * the whole Chip.
   */
  private async calibrationFor(network: NetworkDescription): Promise<Chip | undefined> {
    const calibrate = this.options.calibrate;
    if (calibrate === undefined) return this.options.calibration;
    const targets = networkCalibrationTargets(placedPopulations(network, mapNetwork(toMappingNetwork(network), { base: twinBaseChip(undefined) })));
    const key = JSON.stringify(targets);
    if (this.calibrated?.key !== key) {
      this.calibrated = null;
      this.applied = undefined;
      this.calibrated = { key, chip: await calibrate(targets) };
    }
    return this.calibrated.chip;
  }

  /** Maps the network, configures its neurons and appends the Chip's difference to the applied one. */
  private configure(request: ExecutionRequest, key: string, builder: PlaybackProgramBuilder, calibration: Chip | undefined): Configured {
    const { populations, projections } = request.network;
    const mapping = mapNetwork(toMappingNetwork(request.network), { base: twinBaseChip(calibration) });
    const placed = placedPopulations(request.network, mapping);
    const models = placed.map(({ population }) => population);
    const chip = mapping.chip.clone();
    configureNeurons(chip, placed, projections, calibration !== undefined, this.options.refractoryOnDtGrid === true ? request.dtUs : null);
    builder.writeChip(chip, this.applied);
    this.applied = chip;
    const idOf = new Map(populations.map((p) => [mappingName(p), p.id]));
    const inputLabels = new Map<number, readonly (readonly number[])[]>();
    for (const p of populations) {
      const m = mapping.populations.get(mappingName(p));
      if (m?.kind === 'input') inputLabels.set(p.id, m.fpgaLabels);
    }
    return {
      key,
      mapping,
      decoder: (label) => {
        const spike = decodeSpike(mapping, label);
        return spike && { id: idOf.get(spike.population)!, index: spike.index };
      },
      spikeSizes: new Map(models.filter((p) => p.kind !== 'li').map((p) => [p.id, p.size])),
      cadc: planCadcReads(placed.filter(({ population }) => population.recordMembrane).map(({ population, neurons }) => ({ id: population.id, neurons }))),
      inputLabels,
      maxTauUs: Math.max(...models.map(slowestTauUs)),
    };
  }

  /** Writes only the synapse quads whose words changed (libs/mapping `updateWeights`), and keeps the applied Chip in step. */
  private writeWeightDiffs(request: ExecutionRequest, builder: PlaybackProgramBuilder): number {
    const configured = this.configured!;
    let writes = 0;
    for (const projection of request.network.projections) {
      if (!projection.changedSinceLastRun) continue;
      const update = updateWeights(configured.mapping, mappingName(projection), projection.weightsHardware);
      configured.mapping = update.mapping;
      for (const { quad, value } of update.writes) {
        builder.write(SynapseQuad, quad, value);
        this.applied!.set(SynapseQuad, quad, value);
      }
      writes += update.writes.length;
    }
    return writes;
  }
}

/** The longest time constant of a population's state: the membrane, the synaptic input and, if on, AdEx's adaptation. */
function slowestTauUs(population: NeuronPopulationDescription): number {
  const { tauMemUs, tauSynUs } = population.model;
  return Math.max(tauMemUs, tauSynUs, population.kind === 'adex' && adapts(population.model) ? population.model.tauAdaptationUs : 0);
}

/** The network's neuron populations (LIF, LI, AdEx) with the neurons the mapping placed them on. */
function placedPopulations(network: NetworkDescription, mapping: Mapping): PlacedPopulation[] {
  const models = network.populations.filter((p): p is NeuronPopulationDescription => p.kind !== 'input');
  const mappedOf = (p: NeuronPopulationDescription): NeuronPopulationMapping => mapping.populations.get(mappingName(p)) as NeuronPopulationMapping;
  return models.map((population) => ({ population, neurons: mappedOf(population).neurons, bottomCircuits: mappedOf(population).bottomCircuits }));
}
