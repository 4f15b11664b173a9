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
import { HemisphereThread } from './hemisphere-thread.js';
import { IdealEngine } from './ideal-engine.js';
import { madcCode } from './madc.js';
import { MadcRecorder } from './madc-recorder.js';
import { MembraneCoefficients } from './membrane-current.js';
import { MembraneNoise } from './membrane-noise.js';
import { createNeuronParameters, deriveNeuronParameters, NeuronFlag, NeuronRegisterCache, type NeuronParameters } from './neuron-parameters.js';
import { FiredList } from './neuron-state.js';
import { madcSourceNeuron, Readout, readoutSignalVolts } from './readout.js';
import { RegisterDiff } from './register-diff.js';
import { SpikeReplay } from './spike-replay.js';
import { MAX_SPLIT_NEURON, MIN_SPLIT_NEURON, SplitBalance } from './split-balance.js';
import { SynapticInput } from './synaptic-input.js';
import { ThreadChoice } from './thread-choice.js';
import { WindowEvents } from './window-events.js';

// The analog core of one chip (ARCHITECTURE "analog core"): the facade libs/chip drives. It keeps the physics
// in step with the register file (configure), takes synaptic events from the router, advances time for the
// executor (returning at every spike cycle so the chip can route the spikes), and serves the status reads and
// triggers (spike counters, CADC, MADC, correlation reset, neuron reset, post-pulses).
//
// Split windows (analog, option `threads`): when the caller declares that every row event up to the cycle it
// advances to is queued already or comes from its source on request (`advanceTo(…, eventsKnown)`: nothing the
// analog core does before then can create an event, e.g. no neuron spike is routed back), the stretch (a batch) is
// run on two threads — the neurons below `splitNeuron` here, the others in a worker (hemisphere-thread.ts) — cut
// into windows of ~8,192 cycles. The worker steps them back to back as their events come, so it runs on through the
// next window while this thread routes the window after it (RowEventSource) and hands out the spikes of the last
// one (its serial share: the chip's routing and recording run here too). The split point moves after every batch
// towards equal busy times of both threads (split-balance.ts: this thread's stepping plus its serial share against
// the worker's stepping), and batches run on this thread alone while that is faster (thread-choice.ts: the
// machine's cores may be busy) — unless the option fixes the split point. By default (`threads` not given) batches
// run only behind a gate, since two threads pay only over a stretch of unchanged configuration (the worker's
// replica re-prepares after every change: all parameters and weights) and a batch on this thread alone costs more
// than the plain path while the CapMem settles, and a worker's start (its thread, module and code still cold) costs
// about a second: stretches are split only once the core has run `firstWorkerAfterCycles` of hardware time,
// `stableBeforeSplitCycles` since the configuration last changed, with at least `minWorkerNeurons` kernel-stepped
// neurons (`wantsEventsAhead`: the caller hands in its event source only then); otherwise the plain path, so a
// short program, a small network or the settling right after a configuration never starts a worker. The result is
// the single-thread result bit for bit: neurons do not interact when the engine is `splittable` (no compartments,
// no fire groups, no idle leaps), every synapse acts on its own column's neuron, every neuron's step and noise are
// its own, and the windows' spikes are then handed out one cycle at a time (spike-replay.ts) with the queued
// events' sensor updates in between, in the order `advanceTo` would have produced them; windows in a row give the
// same result as one, as the engine state does not depend on where time was cut. Not used while the MADC records,
// and a batch ends at the next CapMem settling re-derivation.

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
  /**
   * Analog: split windows across two threads (header). Default: where they pay — once the core has run 20 ms of
   * hardware time, 1 ms without a configuration change, with ≥ 64 kernel-stepped neurons; true: wherever possible
   * (the thread choice decides per batch); false: never. Results are the same either way.
   */
  readonly threads?: boolean;
  /**
   * With `threads`: the first neuron the worker steps (a multiple of 4, 64..448; 512: no worker, every window on
   * the calling thread); default: moved after every batch towards equal busy times, and batches on one
   * thread while that is faster (header). Results do not depend on it.
   */
  readonly splitNeuron?: number;
}

export interface SpikeSink {
  neuronFired(neuron: number, cycle: number): void;
}

/**
 * The caller's row events ahead of time (advanceTo's `eventsKnown`): `routeUntil(cycle)` hands every row event up
 * to `cycle` to the core (`synapseRowEvent`) now, before time gets there. The core asks for ascending cycles, never
 * past the `cycle` of the advanceTo call, a split window ahead of what it steps (header), so the routing runs while
 * the worker steps.
 */
export interface RowEventSource {
  routeUntil(cycle: number): void;
}

/** Every row event is queued already (`eventsKnown = true`). */
const queuedAlready: RowEventSource = { routeUntil: () => undefined };

const neuronCount = 512;
const columns = 256;
const defaultDtCycles = 12;
/** CapMem settling re-derivation (analog): first after τ/20, each next interval 35 % longer (twin choice). */
const settleFirstCycles = CAPMEM_SETTLING_CYCLES / 20;
const settleGrowth = 1.35;
/** Evaluation time of the final re-derivation: 20 τ ahead, where e^−20 ≈ 2e-9 of the step remains. */
const settledHorizonCycles = 20 * CAPMEM_SETTLING_CYCLES;
/** Shorter stretches are not split: the handshake (~0.1 ms) would cost more than half of 64 steps (twin choice). */
const minWindowCycles = 64 * defaultDtCycles;
/** Longer stretches are cut into batches of this length (1 ms of hardware time), so the worker's event copy stays small. */
const maxBatchCycles = 131_072;
/**
 * A batch is cut into windows of about this length (65 µs of hardware time, ~3 ms of wall time for the full
 * chip): short enough that the serial share of the batch's last window, which nothing overlaps, stays small,
 * long enough that the handshake per window (~0.05 ms) does not count.
 */
const batchWindowCycles = 8192;
/** Stops the worker of a core that was dropped without `close()` (the worker itself keeps nothing alive). */
const orphanedThreads = new FinalizationRegistry<HemisphereThread>((thread) => thread.close());
/** The other thread's spikes of a window run on this thread alone. */
const noSpikes = { neurons: [], cycles: [], busyMs: 0 } as const;
/**
 * The gate of split windows by default (header, twin choice, measured 2026-11-25 on the full benchmark chip,
 * docs/benchmarks.md bench:chip session 10, load ~8 on 2 cores): a fresh worker's first hardware ms right after a
 * configuration took 1,589 ms of wall time (962 of CPU) against 117 (63) on one thread, the next ms still 2–4× more
 * (CapMem settling: every re-derivation re-prepares the worker), while two threads save at most ~15 ms per hardware
 * ms on a free machine. So: no worker before 20 ms of hardware time, no split before 1 ms without a configuration
 * change, and none for fewer kernel-stepped neurons than an eighth of the chip.
 */
const firstWorkerAfterCycles = 2_500_000;
const stableBeforeSplitCycles = 125_000;
const minWorkerNeurons = 64;
/**
 * A new worker's first batches are no measure of two threads (thread-choice.ts): its start, then its code until V8
 * has optimised it. Measured on the full benchmark chip (2026-11-25, 1 ms batches): up to 53 ms per hardware ms in
 * the first 6–7 batches against ~15.5 later, so one thread (~27) looked faster and ran the next 8 batches.
 */
const coldWorkerBatches = 8;

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
  /** Split windows (header): the analog engine, its worker (created at the first window), the window's spikes. */
  private splitEngine: AnalogEngine | undefined;
  private hemisphereThread: HemisphereThread | undefined;
  private replay: SpikeReplay | undefined;
  /** The batch whose windows are being run (header), and the end of its last window: the caller's guarantee. */
  private batch: SplitBatch | undefined;
  private batchEnd = -Infinity;
  /** End of the last split window, and how many queued events it delivered (the first ones shifted after it). */
  private windowEnd = -Infinity;
  private windowDelivered = 0;
  /** How many more of the worker's batches run its code still cold (`startBatch`). */
  private coldWorkerBatches = 0;
  /** The core is routing the caller's events ahead (`route`). */
  private routing = false;
  private windowCount = 0;
  private twoThreadWindows = 0;
  /** The gate (header; `threads` not given): since when the configuration (engine + input revision) is unchanged. */
  private readonly gated: boolean;
  private stableSince = 0;
  private stableRevision = -1;
  /** First neuron of the worker's share, and whether it follows the measured stepping times. */
  private splitNeuron: number;
  private readonly balanceSplit: boolean;
  private readonly threadChoice = new ThreadChoice();
  private readonly splitBalance = new SplitBalance();
  /** Row events of the worker's batch. */
  private readonly workerEvents = new WindowEvents();
  private readonly windowSpikes = { neurons: [] as number[], cycles: [] as number[] };
  private readonly noiseOptions: { readonly enabled: boolean; readonly identity: string; readonly seed: number };

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
    this.splitNeuron = checkInteger('splitNeuron', options.splitNeuron ?? neuronCount / 2, MIN_SPLIT_NEURON, neuronCount);
    if (this.splitNeuron % 4 !== 0 || (this.splitNeuron > MAX_SPLIT_NEURON && this.splitNeuron !== neuronCount)) {
      throw new AnalogError('invalid-argument', this.splitNeuron, { min: MIN_SPLIT_NEURON, max: MAX_SPLIT_NEURON }, `splitNeuron must be a multiple of 4 in ${MIN_SPLIT_NEURON}..${MAX_SPLIT_NEURON}, or 512, got ${this.splitNeuron}`);
    }
    this.balanceSplit = options.splitNeuron === undefined;
    this.fidelity = options.fidelity;
    this.identity = options.identity;
    this.fixedPattern = analog && options.mismatch !== false ? FixedPattern.draw(options.identity) : FixedPattern.none();
    this.capmem = new CapMemState(analog);
    this.correlation = new CorrelationSensors(this.fixedPattern);
    this.noiseOptions = { enabled: options.noise !== false, identity: options.identity, seed: noiseSeed };
    this.gated = options.threads === undefined;
    if (analog) {
      const engine = new AnalogEngine(dtCycles, this.noiseOptions, options.idleLeaps !== false);
      this.noise = engine.noise;
      this.engine = engine;
      this.splitEngine = options.threads !== false ? engine : undefined;
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

  /** How many windows have run, on two threads or on one (header; diagnostics for tests and benchmarks). */
  get splitWindowCount(): number {
    return this.windowCount;
  }

  /** How many of them ran on two threads. */
  get twoThreadWindowCount(): number {
    return this.twoThreadWindows;
  }

  /**
   * Whether split windows may run from now on (header), so the caller should hand in the row events ahead
   * (`advanceTo(…, eventsKnown)`) where it can: `threads` not false, and by default the gate open.
   */
  get wantsEventsAhead(): boolean {
    const engine = this.splitEngine;
    // Only where the results do not depend on how time is cut into calls (no idle leaps: `splittable`), so the
    // caller's event source changes nothing but the speed.
    return engine !== undefined && engine.splittable && (!this.gated || this.gateOpen(engine));
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
    this.checkOutsideWindow('configure');
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

  /**
   * Simulates up to `cycle` (≥ now); returns early right after the first cycle at which a neuron fired.
   * `eventsKnown` — the permission to split (header): every row event up to `cycle` is queued already (true) or
   * comes from the source when the core asks for it, and nothing else reaches the core (no event, register,
   * trigger or read) until it has been advanced to `cycle`. Then nothing can react to a spike before `cycle`
   * either: the spikes are reported as they come and the core returns only at `cycle`, not at every spike cycle
   * (~8,000 returns per hardware ms on the full chip).
   */
  advanceTo(cycle: number, sink: SpikeSink, eventsKnown: boolean | RowEventSource = false): number {
    this.checkTime(cycle);
    const fired = this.fired;
    const source = eventsKnown === false ? undefined : eventsKnown === true ? queuedAlready : eventsKnown;
    /** Outside batches: the row events are routed up to here (a window ahead at a time). */
    let routed = -Infinity;
    for (;;) {
      if (this.replay?.exhausted === true) this.replay = undefined;
      // A batch goes on without the permission (the one it started with covers all of its windows), and its next
      // window may start while spikes of the last one's final step are still to be handed out: they come first.
      const windowDone = this.windowDelivered === 0 && this.current >= this.windowEnd;
      if (windowDone && (this.batch !== undefined || (source !== undefined && this.replay === undefined))) {
        this.trySplitWindow(Math.min(cycle, this.settleAt, this.engine.time + maxBatchCycles), cycle, source);
      }
      // Outside a batch (also while the last window's spikes are handed out) the events come a window at a time.
      const plain = source !== undefined && this.batch === undefined;
      if (plain && routed <= this.current && routed < cycle) {
        routed = Math.min(cycle, this.current + batchWindowCycles);
        this.route(source, routed);
      }
      // Inside a batch time stops at each window's end, where the next window is stepped.
      const limit = Math.min(cycle, this.queue.nextCycle, this.madc.nextSampleCycle, this.settleAt, this.batch !== undefined ? this.windowEnd : plain ? routed : Infinity);
      const target = limit > this.current ? limit : this.current;
      const reached = this.replay !== undefined ? this.replay.advance(target, fired) : this.engine.advance(target, fired);
      this.current = reached;
      if (fired.count > 0) {
        this.reportSpikes(reached, sink);
        if (source === undefined) return reached;
      }
      if (this.madc.nextSampleCycle <= reached) this.takeMadcSample();
      while (this.queue.nextCycle <= reached) {
        const i = this.queue.shift();
        const e = this.queue.events;
        const count = e.columnCount[i] as number;
        if (this.windowDelivered > 0) {
          // Already applied by the split window: only the correlation sensors still see it, in time order.
          this.windowDelivered--;
          this.correlation.preEvent(e.synram[i] as number, e.row[i] as number, e.columnsOf(i), count, e.cycle[i] as number);
        } else {
          this.deliver(e.synram[i] as number, e.row[i] as number, e.columnsOf(i), count, e.rowMode[i] as number, e.activation[i] as number, e.cycle[i] as number);
        }
      }
      if (this.settleAt <= reached) this.settle();
      if (reached >= cycle) return reached;
    }
  }

  /** Synaptic input from the router (RouterSink.synapseRowEvent); also the correlation sensors' pre events. */
  synapseRowEvent(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    // An event after the window's end is queued behind the window's events, as it would have been without it;
    // one the core routes ahead itself (`route`) lies beyond the windows it has stepped.
    if (!this.routing) this.checkOutsideWindow('synapseRowEvent', cycle);
    if (cycle > this.current) this.queue.push(synram, row, columns, count, rowMode, activation, cycle);
    else this.deliver(synram, row, columns, count, rowMode, activation, this.checkTime(cycle));
  }

  /** NeuronReset trigger: v := v_reset now. */
  resetNeuron(neuron: number): void {
    this.checkOutsideWindow('resetNeuron');
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
    this.checkOutsideWindow('cadcSampleRow');
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
    this.checkOutsideWindow('startMadc');
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
    this.checkOutsideWindow('membraneVolts');
    return this.engine.membraneVolts(checkInteger('AtomicNeuronOnDLS', neuron, 0, neuronCount - 1), this.current);
  }

  /** Stops the split windows' worker (a later window starts a new one). */
  close(): void {
    if (this.hemisphereThread === undefined) return;
    orphanedThreads.unregister(this);
    this.hemisphereThread.close();
    this.hemisphereThread = undefined;
  }

  /** The engine state lies at the split windows' end: nothing may read or change it before time gets there. */
  private checkOutsideWindow(what: string, cycle = this.current): void {
    if (cycle < this.batchEnd) {
      throw new AnalogError('internal', cycle, { min: this.batchEnd, max: Infinity }, `${what} at cycle ${cycle}, inside the split windows up to ${this.batchEnd} (advanceTo was told every event was known)`);
    }
  }

  /**
   * Runs the next window of the batch, starting a batch up to `until` first if none runs and splitting may and is
   * worth it; the window's spikes then come from `replay`, and the queued events it applied are counted in
   * `windowDelivered`.
   */
  private trySplitWindow(until: number, cycle: number, source: RowEventSource | undefined): void {
    const batch = this.batch ?? (source === undefined ? undefined : this.startBatch(until, cycle, source));
    if (batch !== undefined) this.runWindow(batch);
  }

  /**
   * The row events of a window ending at `end`, up to the end of the step it ends in (the engine steps on to there),
   * never past `limit` (the advanceTo call's cycle).
   */
  private routeWindow(source: RowEventSource, end: number, limit: number): void {
    const engine = this.splitEngine as AnalogEngine;
    this.route(source, Math.min(limit, engine.time + Math.ceil((end - engine.time) / engine.dtCycles) * engine.dtCycles));
  }

  /** The caller's row events up to `cycle`, into the queue. */
  private route(source: RowEventSource, cycle: number): void {
    this.routing = true;
    try {
      source.routeUntil(cycle);
    } finally {
      this.routing = false;
    }
  }

  /**
   * Starts a batch up to `until` (header): the worker gets the windows' ends and the first window's events, the
   * events of each next window follow as the window before it starts (`runWindow`). `cycle`: the advanceTo call's,
   * beyond which nothing is routed.
   */
  private startBatch(until: number, cycle: number, source: RowEventSource): SplitBatch | undefined {
    const engine = this.splitEngine;
    if (engine === undefined || !engine.splittable || !engine.spikesHandedOut) return undefined;
    if (this.madc.nextSampleCycle !== Infinity || until - engine.time < minWindowCycles) return undefined;
    if (this.gated && !this.gateOpen(engine)) return undefined;
    const twoThreads = this.balanceSplit ? this.threadChoice.next() : this.splitNeuron < neuronCount;
    // A new worker's first batches include its start (module load, compilation) and run its code still cold: not a
    // measure of either way, nor is a batch the worker starts by re-preparing (`measured`).
    const fresh = twoThreads && this.hemisphereThread === undefined;
    if (fresh) {
      this.coldWorkerBatches = coldWorkerBatches;
      this.hemisphereThread = HemisphereThread.create(engine.dtCycles, this.noiseOptions);
      // No worker threads here (a browser): one thread from now on.
      if (this.hemisphereThread === undefined) this.splitEngine = undefined;
      else orphanedThreads.register(this, this.hemisphereThread, this);
    }
    const thread = twoThreads ? this.hemisphereThread : undefined;
    if (twoThreads && thread === undefined) return undefined;
    const startedMs = performance.now();
    let prepared = false;
    const split = thread === undefined ? neuronCount : this.splitNeuron;
    const cycles = until - engine.time;
    const count = Math.max(1, Math.floor(cycles / batchWindowCycles));
    const ends = Array.from({ length: count }, (_, k) => (k === count - 1 ? until : engine.time + Math.round((cycles * (k + 1)) / count)));
    this.batchEnd = until;
    this.routeWindow(source, ends[0] as number, cycle);
    if (thread !== undefined) prepared = thread.start(engine, this.input, this.parameters, this.eventsOfWorker(-Infinity, ends[0] as number, split), ends, split);
    engine.restrict(0, split);
    const cold = thread !== undefined && this.coldWorkerBatches > 0;
    if (cold) this.coldWorkerBatches--;
    this.splitBalance.startBatch();
    this.batch = { thread, split, ends, source, routeLimit: cycle, next: 0, cycles, measured: !cold && !prepared, startedMs, betweenMs: 0, lastFinishedMs: startedMs };
    return this.batch;
  }

  /** The queued events of `from` < cycle ≤ `to` that reach the worker's neurons (split … 511). */
  private eventsOfWorker(from: number, to: number, split: number): WindowEvents {
    const there = this.workerEvents;
    const queued = this.queue.events;
    there.clear();
    // Synram s drives neurons s·256 .. s·256 + 255.
    for (let i = this.queue.endOf(from), last = this.queue.endOf(to); i < last; i++) {
      if ((queued.synram[i] as number) * columns + columns > split) there.pushFrom(queued, i);
    }
    return there;
  }

  /** The gate (header): whether stretches may be split now. */
  private gateOpen(engine: AnalogEngine): boolean {
    // Both revisions only grow: their sum changes whenever either does.
    const revision = engine.revision + this.input.revision;
    if (revision !== this.stableRevision) {
      this.stableRevision = revision;
      this.stableSince = this.current;
    }
    return this.current >= firstWorkerAfterCycles && this.current - this.stableSince >= stableBeforeSplitCycles && engine.kernelNeuronCount >= minWorkerNeurons;
  }

  /** Steps this thread's share of the batch's next window and takes the worker's spikes of it. */
  private runWindow(batch: SplitBatch): void {
    const engine = this.splitEngine as AnalogEngine;
    const end = batch.ends[batch.next] as number;
    const following = batch.ends[batch.next + 1];
    if (following !== undefined) {
      // The next window's events, routed now (serial share): the worker gets them while it steps this window.
      this.routeWindow(batch.source, following, batch.routeLimit);
      batch.thread?.continueWith(this.eventsOfWorker(end, following, batch.split));
    }
    const startedMs = performance.now();
    const betweenMs = batch.next > 0 ? startedMs - batch.lastFinishedMs : undefined;
    if (betweenMs !== undefined) batch.betweenMs += betweenMs;
    batch.next++;
    const spikes = this.windowSpikes;
    spikes.neurons.length = 0;
    spikes.cycles.length = 0;
    // The window's events are read in place: the queue shifts them while their spikes are handed out.
    const delivered = engine.runWindow(this.queue.events, this.queue.head, end, this.input, spikes) - this.queue.head;
    const ownMs = performance.now() - startedMs;
    const theirs = batch.thread?.finish(engine, this.input, batch.split) ?? noSpikes;
    if (batch.thread !== undefined) this.splitBalance.window(ownMs, betweenMs, theirs.busyMs);
    (this.replay ??= new SpikeReplay()).append(spikes, theirs);
    this.windowDelivered = delivered;
    this.windowEnd = end;
    this.windowCount++;
    if (batch.thread !== undefined) this.twoThreadWindows++;
    batch.lastFinishedMs = performance.now();
    if (batch.next === batch.ends.length) this.finishBatch(batch);
  }

  /** After the batch's last window: the whole engine again, and the batch's times for the choices (header). */
  private finishBatch(batch: SplitBatch): void {
    this.batch = undefined;
    (this.splitEngine as AnalogEngine).restrict(0, neuronCount);
    if (!this.balanceSplit) return;
    if (!batch.measured) {
      this.threadChoice.skip(batch.thread !== undefined);
      return;
    }
    // The spikes of the last window are handed out after this: taken to cost what the others' did on average.
    const windows = batch.ends.length;
    const serialMs = windows > 1 ? (batch.betweenMs * windows) / (windows - 1) : 0;
    this.threadChoice.record(batch.thread !== undefined, batch.lastFinishedMs - batch.startedMs + serialMs / windows, batch.cycles);
    if (batch.thread !== undefined) this.splitNeuron = this.splitBalance.next(batch.split);
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

/** A stretch run as split windows (header): its windows' ends, and the times taken so far (ms). */
interface SplitBatch {
  readonly thread: HemisphereThread | undefined;
  /** First neuron of the worker's share (512: none). */
  readonly split: number;
  readonly ends: readonly number[];
  /** Where the windows' row events come from, and the cycle nothing is routed past (`routeWindow`). */
  readonly source: RowEventSource;
  readonly routeLimit: number;
  /** Index of the next window. */
  next: number;
  readonly cycles: number;
  /**
   * False for a new worker's first batches (its start and cold code are no measure) and where the worker re-prepared (while the
   * CapMem settles, every batch: a measure of two threads that would be stale once it has settled).
   */
  readonly measured: boolean;
  readonly startedMs: number;
  /** This thread's time between windows (handing out spikes, routing the next window), and the last window's end. */
  betweenMs: number;
  lastFinishedMs: number;
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
