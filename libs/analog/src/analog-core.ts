import { CapMemCellOnDLS, type AtomicNeuronOnDLS } from '@bss2/coords';
import {
  CADCChannelConfig,
  CADCConfig,
  CapMemBlockConfig,
  CapMemCell,
  Chip,
  ColumnCorrelationQuad,
  ColumnCurrentQuad,
  CommonNeuronBackendConfig,
  NeuronBackendConfig,
  NeuronConfig,
  SynapseQuad,
  type ChangeSet,
} from '@bss2/regs';
import { AnalogEngine } from './analog-engine.js';
import { AnalogError, checkInteger } from './analog-error.js';
import { CadcReadout } from './cadc.js';
import { CAPMEM_SETTLING_CYCLES, CapMemState } from './capmem.js';
import { buildCompartments, connectionBits, type CompartmentGraph } from './compartments.js';
import { correlationParameters, CorrelationSensors } from './correlation.js';
import type { Engine } from './engine.js';
import { EventQueue } from './event-queue.js';
import { FixedPattern } from './fixed-pattern.js';
import { IdealEngine } from './ideal-engine.js';
import { madcCode } from './madc.js';
import { MadcRecorder } from './madc-recorder.js';
import { MembraneCoefficients } from './membrane-current.js';
import { MembraneNoise } from './membrane-noise.js';
import { createNeuronParameters, deriveNeuronParameters, NeuronFlag, NeuronRegisterCache, type NeuronParameters } from './neuron-parameters.js';
import { FiredList } from './neuron-state.js';
import { madcSourceNeuron, Readout, readoutSignalVolts } from './readout.js';
import { RegisterDiff } from './register-diff.js';
import { SynapticInput } from './synaptic-input.js';

// The analog core of one chip (ARCHITECTURE "analog core"): the facade libs/chip drives. It keeps the physics
// in step with the register file (configure), takes synaptic events from the router, advances time for the
// executor (returning at every spike cycle so the chip can route the spikes), and serves the status reads and
// triggers (spike counters, CADC, MADC, correlation reset, neuron reset, post-pulses).

export type Fidelity = 'ideal' | 'analog';

export interface AnalogOptions {
  readonly fidelity: Fidelity;
  readonly identity: string;
  /** Fixed-pattern mismatch (analog only, default true). */
  readonly mismatch?: boolean;
  /** Temporal membrane noise (analog only, default true). */
  readonly noise?: boolean;
  readonly noiseSeed?: number;
  /** Analog integration step in FPGA cycles (default 12 = 96 ns). */
  readonly dtCycles?: number;
  /** Analog: cross idle stretches in one exact transition (default true; analog-engine.ts "Idle leaps"). */
  readonly idleLeaps?: boolean;
}

export interface SpikeSink {
  neuronFired(neuron: number, cycle: number): void;
}

const neuronCount = 512;
const columns = 256;
const defaultDtCycles = 12;
/** CapMem settling re-derivation (analog): first after τ/20, each next interval 35 % longer (twin choice). */
const settleFirstCycles = CAPMEM_SETTLING_CYCLES / 20;
const settleGrowth = 1.35;
/** Evaluation time of the final re-derivation: 20 τ ahead, where e^−20 ≈ 2e-9 of the step remains. */
const settledHorizonCycles = 20 * CAPMEM_SETTLING_CYCLES;

export class AnalogCore {
  readonly fidelity: Fidelity;
  readonly identity: string;
  readonly fixedPattern: FixedPattern;
  readonly parameters: NeuronParameters = createNeuronParameters();
  private readonly capmem: CapMemState;
  private readonly mc = new MembraneCoefficients();
  private readonly input: SynapticInput;
  private readonly engine: Engine;
  private readonly noise: MembraneNoise | undefined;
  private readonly cadc = new CadcReadout();
  private readonly correlation: CorrelationSensors;
  private readonly readout = new Readout();
  private readonly madc = new MadcRecorder();
  private readonly queue = new EventQueue();
  private readonly fired = new FiredList();
  private readonly connections = new Uint8Array(neuronCount);
  private readonly diff = new RegisterDiff();
  private readonly registers = new NeuronRegisterCache();
  /** Some neuron has a compartment switch set: the graph depends on the capacitances and must follow them. */
  private connected = false;
  private graph: CompartmentGraph;
  private chip: Chip;
  private current = 0;
  /** Until the first configure that sets neuron parameters, the membranes start at their leak potential. */
  private fresh = true;
  /** Next CapMem settling re-derivation (Infinity: settled) and the interval after it. */
  private settleAt = Infinity;
  private settleInterval = settleFirstCycles;
  private readonly membrane = (n: number): number => this.engine.membraneVolts(n, this.current);

  constructor(options: AnalogOptions) {
    if (options.fidelity !== 'ideal' && options.fidelity !== 'analog') {
      throw new AnalogError('invalid-argument', options.fidelity, { names: ['ideal', 'analog'] }, `fidelity must be 'ideal' or 'analog', got ${String(options.fidelity)}`);
    }
    if (typeof options.identity !== 'string') {
      throw new AnalogError('invalid-argument', options.identity, undefined, `identity must be a string, got ${typeof options.identity}`);
    }
    const analog = options.fidelity === 'analog';
    const dtCycles = checkInteger('dtCycles', options.dtCycles ?? defaultDtCycles, 1, 1000);
    const noiseSeed = checkInteger('noiseSeed', options.noiseSeed ?? 0, -(2 ** 31), 2 ** 32 - 1);
    this.fidelity = options.fidelity;
    this.identity = options.identity;
    this.fixedPattern = analog && options.mismatch !== false ? FixedPattern.draw(options.identity) : FixedPattern.none();
    this.capmem = new CapMemState(analog);
    this.correlation = new CorrelationSensors(this.fixedPattern);
    if (analog) {
      const engine = new AnalogEngine(dtCycles, { enabled: options.noise !== false, identity: options.identity, seed: noiseSeed }, options.idleLeaps !== false);
      this.noise = engine.noise;
      this.engine = engine;
      this.input = new SynapticInput(this.fixedPattern, engine.synapticStorage);
    } else {
      this.engine = new IdealEngine();
      this.input = new SynapticInput(this.fixedPattern);
    }
    // The register reset state: every container at its reset value (weights 0, switches off, CapMem codes 0).
    this.chip = new Chip();
    deriveNeuronParameters(this.chip, this.capmem, this.fixedPattern, 0, this.parameters);
    this.graph = buildCompartments(this.connections, this.parameters.capacitancePf, this.parameters.tauIccUs);
    this.rebuildDynamics();
    this.configureReadout(0);
    this.engine.state.v.set(this.parameters.vLeakVolts);
  }

  /** Current simulation time (FPGA cycles). */
  get now(): number {
    return this.current;
  }

  /**
   * Takes the register state after writes: `changed` names the container instances written (only those whose
   * words really differ are re-read). CapMem codes are written to the CapMem at `cycle` (analog: they settle).
   */
  configure(chip: Chip, changed: ChangeSet, cycle: number): void {
    this.checkTime(cycle);
    this.chip = chip;
    const diff = this.diff;
    const cells = diff.changedInstances(chip, CapMemCell, changed);
    const neuronConfigs = diff.changedInstances(chip, NeuronConfig, changed);
    const backends = diff.changedInstances(chip, NeuronBackendConfig, changed);
    const commons = diff.changedInstances(chip, CommonNeuronBackendConfig, changed);
    const currents = diff.changedInstances(chip, ColumnCurrentQuad, changed);
    const cadc =
      diff.changedInstances(chip, CADCConfig, changed).length +
        diff.changedInstances(chip, CADCChannelConfig, changed).length +
        diff.changedInstances(chip, CapMemBlockConfig, changed).length >
      0;
    this.input.configureWeights(chip, diff.changedInstances(chip, SynapseQuad, changed));
    this.input.configureColumns(chip, currents);
    this.readout.configureColumns(chip, diff.changedInstances(chip, ColumnCorrelationQuad, changed));
    for (const c of cells) this.capmem.write(c, chip.get(CapMemCell, c as CapMemCellOnDLS).value, cycle);

    this.registers.written(neuronConfigs);
    this.registers.written(backends);
    const neurons = affectedNeurons(cells, neuronConfigs, backends, commons);
    const settling = cells.length > 0 && this.fidelity === 'analog' && !this.capmem.settled(cycle);
    // While the CapMem settles, parameters are evaluated at the middle of each re-derivation interval.
    const at = settling ? cycle + settleFirstCycles / 2 : cycle;
    if (neurons !== undefined) deriveNeuronParameters(chip, this.capmem, this.fixedPattern, at, this.parameters, neurons === 'all' ? undefined : neurons, this.registers);
    const structure = neuronConfigs.length + backends.length > 0;
    if (structure) this.readConnections(chip, new Set([...neuronConfigs, ...backends]));
    // Without any compartment switch the graph is all single neurons, whatever the capacitances.
    const trivial = this.graph.clusters.length === 0 && this.graph.fireGroups.length === 0;
    if ((neurons !== undefined || structure) && (this.connected || !trivial)) {
      this.graph = buildCompartments(this.connections, this.parameters.capacitancePf, this.parameters.tauIccUs);
    }
    if (neurons !== undefined || structure || currents.length > 0) this.rebuildDynamics();
    if (cadc) this.configureReadout(at);
    else if (cells.length > 0) this.refreshCapMemReadout(at);
    if (this.fresh && neurons !== undefined) {
      this.engine.state.v.set(this.parameters.vLeakVolts);
      this.fresh = false;
    }
    if (settling) {
      this.settleAt = cycle + settleFirstCycles;
      this.settleInterval = settleFirstCycles;
    }
  }

  /** Simulates up to `cycle` (≥ now); returns early right after the first cycle at which a neuron fired. */
  advanceTo(cycle: number, sink: SpikeSink): number {
    this.checkTime(cycle);
    const fired = this.fired;
    for (;;) {
      const limit = Math.min(cycle, this.queue.nextCycle, this.madc.nextSampleCycle, this.settleAt);
      const reached = this.engine.advance(limit > this.current ? limit : this.current, fired);
      this.current = reached;
      if (fired.count > 0) {
        this.reportSpikes(reached, sink);
        return reached;
      }
      if (this.madc.nextSampleCycle <= reached) this.takeMadcSample();
      while (this.queue.nextCycle <= reached) {
        const e = this.queue.shift();
        if (e !== undefined) this.deliver(e.synram, e.row, e.columns, e.columns.length, e.rowMode, e.activation, e.cycle);
      }
      if (this.settleAt <= reached) this.settle();
      if (reached >= cycle) return reached;
    }
  }

  /** Synaptic input from the router (RouterSink.synapseRowEvent); also the correlation sensors' pre events. */
  synapseRowEvent(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    if (cycle > this.current) this.queue.push(synram, row, columns, count, rowMode, activation, cycle);
    else this.deliver(synram, row, columns, count, rowMode, activation, this.checkTime(cycle));
  }

  /** NeuronReset trigger: v := v_reset now. */
  resetNeuron(neuron: number): void {
    this.engine.resetMembrane(checkInteger('AtomicNeuronOnDLS', neuron, 0, neuronCount - 1), this.current);
  }

  /** BlockPostPulse trigger: post-pulse on every column of the backend block whose neuron has postOverwrite. */
  blockPostPulse(block: number): void {
    checkInteger('NeuronBackendConfigBlockOnDLS', block, 0, 1);
    for (let synram = 0; synram < 2; synram++) {
      for (let column = block * 128; column < (block + 1) * 128; column++) {
        if ((this.parameters.flags[synram * columns + column] as number) & NeuronFlag.postOverwrite) this.correlation.postPulse(synram, column, this.current);
      }
    }
  }

  spikeCounter(neuron: number): number {
    return this.engine.state.spikeCount[checkInteger('AtomicNeuronOnDLS', neuron, 0, neuronCount - 1)] as number;
  }

  spikeCounterOverflow(neuron: number): boolean {
    return this.engine.state.spikeOverflow[checkInteger('AtomicNeuronOnDLS', neuron, 0, neuronCount - 1)] === 1;
  }

  resetSpikeCounter(neuron: number): void {
    this.engine.state.resetSpikeCounter(checkInteger('AtomicNeuronOnDLS', neuron, 0, neuronCount - 1));
  }

  /** CADC conversion, now, of the 256 channels of `type` of `synram` (correlation channels showing `row`). */
  cadcSampleRow(synram: number, type: number, row: number, out: Uint8Array): void {
    checkInteger('SynramOnDLS', synram, 0, 1);
    checkInteger('CADCChannelType', type, 0, 1);
    checkInteger('SynapseRowOnSynram', row, 0, 255);
    if (out.length < columns) throw new AnalogError('out-of-range', out.length, { min: columns, max: Infinity }, `cadcSampleRow needs an output of at least 256 entries, got ${out.length}`);
    if (!this.cadc.enabled(synram)) {
      out.fill(0, 0, columns);
      return;
    }
    this.engine.sync?.();
    const normal = this.noise?.enabled ? (): number => (this.noise as MembraneNoise).normal() : undefined;
    this.readout.sampleRow(this.cadc, this.correlation, this.parameters, this.engine.state, this.membrane, normal, synram, type, row, out);
  }

  /**
   * Correlation reset of `row` of `synram` (undefined: every row). `firstColumn`/`count` name the columns the
   * trigger covers (a CorrelationReset quad: 4 columns).
   */
  resetCorrelation(synram: number, row: number | undefined, firstColumn = 0, count = columns): void {
    if (row === undefined) this.correlation.resetSynram(synram);
    else this.correlation.resetRow(synram, row, firstColumn, count);
  }

  /** Correlation reset of the synapses of `row` of `synram` whose `mask` entry (256, one per column) is set. */
  resetCorrelationColumns(synram: number, row: number, mask: Uint8Array): void {
    this.correlation.resetColumns(synram, row, mask);
  }

  /** MADC recording: numberOfSamples samples every 4 cycles starting at `cycle` (not before now). */
  startMadc(numberOfSamples: number, cycle: number): void {
    // Up to MAX_SAFE_INTEGER: the chip asks for "until stopped" (enableContinuousSampling) that way.
    checkInteger('numberOfSamples', numberOfSamples, 0, Number.MAX_SAFE_INTEGER);
    this.madc.start(numberOfSamples, Math.max(cycle, this.current));
    if (this.madc.nextSampleCycle === this.current) this.takeMadcSample();
  }

  stopMadc(): void {
    this.madc.stop();
  }

  /** Moves the samples taken so far (time ≤ now) into the arrays (appending), in time order. */
  drainMadcSamples(values: number[], cycles: number[]): void {
    this.madc.drain(values, cycles);
  }

  membraneVolts(neuron: number): number {
    return this.engine.membraneVolts(checkInteger('AtomicNeuronOnDLS', neuron, 0, neuronCount - 1), this.current);
  }

  private checkTime(cycle: number): number {
    if (!(cycle >= this.current)) {
      throw new AnalogError('time-reversal', cycle, { min: this.current, max: Infinity }, `cycle ${cycle} lies before the simulation time ${this.current}`);
    }
    return cycle;
  }

  private deliver(synram: number, row: number, cols: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    this.engine.touch?.(synram);
    this.input.deliver(this.engine.state, synram, row, cols, count, rowMode, activation, this.engine.eventAge(cycle));
    this.correlation.preEvent(synram, row, cols, count, cycle);
  }

  private reportSpikes(cycle: number, sink: SpikeSink): void {
    const fired = this.fired;
    const state = this.engine.state;
    fired.sort();
    for (let i = 0; i < fired.count; i++) {
      const n = fired.neurons[i] as number;
      if (!((this.parameters.flags[n] as number) & NeuronFlag.master)) continue;
      state.countSpike(n);
      this.correlation.postPulse(n >> 8, n & 255, cycle);
      sink.neuronFired(n, cycle);
    }
    fired.clear();
  }

  private takeMadcSample(): void {
    this.engine.sync?.();
    const n = madcSourceNeuron(this.parameters);
    const volts = n < 0 ? 0 : readoutSignalVolts(this.parameters, this.engine.state, n, this.membrane(n));
    this.madc.record(madcCode(volts), this.current);
  }

  /** Analog CapMem settling: re-derive everything from the CapMem outputs at the middle of the next interval. */
  private settle(): void {
    const cycle = this.current;
    const settled = this.capmem.settled(cycle);
    const interval = this.settleInterval * settleGrowth;
    // Once settled (< 0.5 LSB left) the targets themselves are the better value for all later time.
    const at = settled ? cycle + settledHorizonCycles : cycle + interval / 2;
    deriveNeuronParameters(this.chip, this.capmem, this.fixedPattern, at, this.parameters, undefined, this.registers);
    // Settling changes CapMem outputs only: the graph follows the capacitances only where circuits are joined,
    // and of the readout only the CapMem-driven parts move.
    if (this.connected) this.graph = buildCompartments(this.connections, this.parameters.capacitancePf, this.parameters.tauIccUs);
    this.rebuildDynamics();
    this.refreshCapMemReadout(at);
    this.settleInterval = interval;
    this.settleAt = settled ? Infinity : cycle + interval;
  }

  private readConnections(chip: Chip, neurons: Iterable<number>): void {
    for (const n of neurons) this.connections[n] = connectionBits(this.registers.neuronConfig(chip, n), this.registers.backendConfig(chip, n));
    this.connected = this.connections.some((bits) => bits !== 0);
  }

  private rebuildDynamics(): void {
    this.mc.update(this.parameters);
    this.engine.prepare(this.parameters, this.mc, this.graph, this.input);
  }

  private configureReadout(cycle: number): void {
    this.cadc.configure(this.chip, this.capmem, this.fixedPattern, this.fidelity, cycle);
    this.configureDebugAndCorrelation(cycle);
  }

  /** The readout parts that follow CapMem outputs (CADC ramps, debug lines, correlation kernel) when no readout register changed. */
  private refreshCapMemReadout(cycle: number): void {
    this.cadc.configureRamps(this.capmem, this.fixedPattern, cycle);
    this.configureDebugAndCorrelation(cycle);
  }

  private configureDebugAndCorrelation(cycle: number): void {
    this.readout.configureDebugLines(this.chip, this.capmem, cycle);
    const { tauCorrUs, amplitudeLsb } = correlationParameters(this.capmem, cycle);
    this.correlation.configure(tauCorrUs, amplitudeLsb);
  }
}

/** Neurons whose parameters depend on the changed registers (undefined: none, 'all': every neuron). */
function affectedNeurons(cells: readonly number[], configs: readonly number[], backends: readonly number[], commons: readonly number[]): Set<number> | 'all' | undefined {
  if (commons.length > 0) return 'all';
  const set = new Set<number>([...configs, ...backends]);
  for (const c of cells) {
    // A shared cell (syn_i_bias_dac, …) acts on every neuron of its block; re-derive them all.
    const cell = CapMemCellOnDLS.toNeuronParameter(c as CapMemCellOnDLS);
    if (cell === undefined) return 'all';
    set.add(cell.neuron);
  }
  return set.size > 0 ? set : undefined;
}
