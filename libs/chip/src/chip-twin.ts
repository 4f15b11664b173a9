import { AnalogCore, type Fidelity, type RowEventSource, type SpikeSink } from '@bss2/analog';
import { AtomicNeuronOnDLS, CADCSampleQuadOnDLS, CorrelationResetOnDLS, MADCConfigOnDLS } from '@bss2/coords';
import type { FromFpgaWriter } from '@bss2/link';
import {
  BlockPostPulse,
  CADCSampleQuad,
  CorrelationReset,
  CrossbarInputDropCounter,
  CrossbarOutputEventCounter,
  MADCConfig,
  MADCControl,
  NeuronBackendConfig,
  NeuronReset,
  PADIEvent,
  PPUControlRegister,
  PPUStatusRegister,
  SpikeCounterRead,
  SpikeCounterReset,
  type ContainerValue,
} from '@bss2/regs';
import { EventRouter, type RouterSink } from '@bss2/router';
import { ChipError } from './chip-error.js';
import { EventColumns } from './event-columns.js';
import { FpgaRecorder } from './fpga-recorder.js';
import type { PlasticityProcessor } from './plasticity-port.js';
import { PpuSlot } from './ppu-slot.js';
import { RegisterFile } from './register-file.js';

/** How one twin chip is simulated. */
export interface ChipTwinOptions {
  /** The chip's identity: seeds its fixed-pattern mismatch (reference §10.2). */
  readonly identity: string;
  readonly fidelity: Fidelity;
  /** `analog` only: per-chip mismatch (default on). */
  readonly mismatch?: boolean;
  /** `analog` only: temporal noise (default on). */
  readonly noise?: boolean;
  readonly noiseSeed?: number;
  /** `analog` only: integration step in FPGA cycles. */
  readonly dtCycles?: number;
  /**
   * `analog` only: run stretches without recurrent routing on two threads (libs/analog, "Split windows"). Default:
   * where they pay (once the chip has run 20 ms of hardware time, 1 ms without a configuration change, with
   * ≥ 64 kernel-stepped neurons); true: wherever possible; false: never. The results are the same either way.
   */
  readonly threads?: boolean;
}

/**
 * Latency from a neuron's threshold crossing to its event entering the crossbar (twin choice, libs/chip
 * README): one FPGA cycle. It also keeps recurrent loops causal: an event a spike causes arrives a cycle later.
 */
export const SPIKE_LATENCY_CYCLES = 1;

/** Cycles the PPU and the analog core run before the other catches up (twin choice: 0.5 µs). */
const PPU_SLICE_CYCLES = 64;

/**
 * Register writes reach the physics in batches (twin choice, README): while the executor only steps a few
 * cycles at a time (a burst of omnibus writes, one cycle each) and nothing else happens, the written state
 * waits; it is applied before any longer advance, event, read or trigger. A burst of configuration writes thus
 * takes effect at once, at most this many cycles after its first write, instead of re-deriving the physics
 * after every word.
 */
const CONFIGURATION_BATCH_CYCLES = 16;

/**
 * One BrainScaleS-2 chip with its FPGA: the register file, the analog core, the event router and the
 * plasticity processors on one clock (FPGA cycles since power-on). `FpgaExecutor` drives it from link words;
 * nothing else reaches in (ARCHITECTURE.md, "the one rule").
 */
export class ChipTwin implements RouterSink, SpikeSink, RowEventSource {
  readonly registers = new RegisterFile();
  readonly recorder = new FpgaRecorder();
  private analogCore: AnalogCore;
  private eventRouter: EventRouter;
  /** Cycle of the first register write not yet handed to the physics. */
  private configurationPendingSince: number | undefined;
  /** Absolute cycle at which the playback timer was last reset (timing.setup). */
  private timerOrigin = 0;
  /**
   * Neuron spikes waiting out the latency: neuron and due cycle, in time order, from `firedHead` on. Columns kept
   * across programs (~7,600 spikes per hardware ms on the benchmark chip): emptying them is two stores, where
   * emptying arrays dropped their storage and the next spikes grew it again.
   */
  private readonly fired = new EventColumns();
  private firedHead = 0;
  private readonly ppus: readonly [PpuSlot, PpuSlot];
  private readonly madcValues: number[] = [];
  private readonly madcCycles: number[] = [];
  /** Last conversion of each CADC and channel type (synram · 2 + type), for buffered reads. */
  private readonly cadcBuffers = Array.from({ length: 4 }, () => new Uint8Array(256));
  /** en_spike_out per neuron, and how many are set: a neuron spike can enter the router only with it (§1.3). */
  private readonly spikeOut = new Uint8Array(AtomicNeuronOnDLS.size);
  private spikeOutCount = 0;

  constructor(readonly options: ChipTwinOptions) {
    this.analogCore = this.createAnalog();
    this.eventRouter = new EventRouter(this);
    this.ppus = [new PpuSlot(this, 0), new PpuSlot(this, 1)];
    this.registerHandlers();
  }

  get identity(): string {
    return this.options.identity;
  }

  get fidelity(): Fidelity {
    return this.options.fidelity;
  }

  get analog(): AnalogCore {
    return this.analogCore;
  }

  get router(): EventRouter {
    return this.eventRouter;
  }

  /** Absolute time in FPGA cycles since power-on (or the last system reset). */
  get now(): number {
    return this.analogCore.now;
  }

  /** The playback timer: cycles since the last timer reset. */
  get timer(): number {
    return this.now - this.timerOrigin;
  }

  resetTimer(): void {
    this.drainMadc();
    this.timerOrigin = this.now;
  }

  attachPlasticityProcessor(ppu: 0 | 1, processor: PlasticityProcessor): void {
    this.ppus[ppu].attach(processor);
  }

  /** The processor of PPU `ppu` (top 0, bottom 1), for inspection: registers, cycles, the fault record. */
  plasticityProcessor(ppu: 0 | 1): PlasticityProcessor {
    return this.ppus[ppu].core;
  }

  /** Hands register changes to the physics before anything else happens at the current time. */
  syncConfiguration(): void {
    const changes = this.registers.changes;
    this.configurationPendingSince = undefined;
    if (changes.isEmpty) return;
    changes.forEachInstance(NeuronBackendConfig, (n) => {
      const on = this.registers.chip.get(NeuronBackendConfig, AtomicNeuronOnDLS(n)).enSpikeOut ? 1 : 0;
      this.spikeOutCount += on - (this.spikeOut[n] as number);
      this.spikeOut[n] = on;
    });
    this.analogCore.configure(this.registers.chip, changes, this.now);
    this.eventRouter.configure(this.registers.chip, changes, this.now);
    changes.clear();
  }

  /**
   * Simulates up to absolute cycle `target`: the analog core, background sources, routing of neuron spikes
   * after their latency, and running PPUs, in time order. Events due exactly at `target` are processed.
   */
  advanceTo(target: number): void {
    if (!this.mayDeferConfiguration(target)) this.syncConfiguration();
    this.advance(target, true);
  }

  /**
   * A PPU's access at its own time `cycle`, ahead of the chip within its slice: the analog core, the router and
   * routed spikes are brought up to `cycle` (PPUs not run), so the access sees the chip as of that cycle.
   */
  catchUp(cycle: number): void {
    this.syncConfiguration();
    if (cycle > this.now) this.advance(cycle, false);
  }

  private advance(target: number, runPpus: boolean): void {
    for (;;) {
      const now = this.now;
      // Without neuron spikes entering the router and without running PPUs, the analog core's input up to
      // `target` is the background alone: the core routes it ahead itself (`routeUntil`), which lets it split the
      // stretch (ChipTwinOptions.threads).
      const eventsKnown = this.spikeOutCount === 0 && !this.ppus[0].running && !this.ppus[1].running && this.analogCore.wantsEventsAhead;
      const due = Math.min(eventsKnown ? Infinity : this.eventRouter.nextBackgroundCycle(), this.nextFiredCycle());
      let until = Math.min(target, due);
      const ppusRun = runPpus && (this.ppus[0].running || this.ppus[1].running);
      if (ppusRun) until = Math.min(until, now + PPU_SLICE_CYCLES);
      if (now < until) {
        if (ppusRun) {
          this.ppus[0].runUntil(until);
          this.ppus[1].runUntil(until);
          this.syncConfiguration();
          // A PPU access caught the chip up (`catchUp`): events may now be due before `until`.
          if (this.now !== now) continue;
        }
        const firedBefore = this.fired.count;
        const reached = this.analogCore.advanceTo(until, this, eventsKnown ? this : false);
        if (reached <= now && this.fired.count === firedBefore) {
          throw new ChipError('out-of-range', `internal: the analog core made no progress at cycle ${now} towards ${until}`, { value: now });
        }
        continue;
      }
      if (due <= now) {
        this.deliverDue(now);
        continue;
      }
      if (now >= target) return;
    }
  }

  /** A spike packet from the FPGA at the current time. */
  injectSpike(label: number): void {
    this.syncConfiguration();
    this.eventRouter.fpgaSpike(label, this.now);
  }

  private mayDeferConfiguration(target: number): boolean {
    if (this.registers.changes.isEmpty) return true;
    const pendingSince = this.configurationPendingSince ?? this.now;
    this.configurationPendingSince = pendingSince;
    if (target - pendingSince > CONFIGURATION_BATCH_CYCLES) return false;
    if (this.ppus[0].running || this.ppus[1].running) return false;
    return Math.min(this.eventRouter.nextBackgroundCycle(), this.nextFiredCycle()) > target;
  }

  /** Power-on reset (system.reset): registers, physics and counters back to their initial state. */
  reset(): void {
    const now = this.now;
    this.analogCore.close();
    this.registers.reset();
    this.configurationPendingSince = undefined;
    this.analogCore = this.createAnalog(now);
    this.eventRouter = new EventRouter(this);
    this.firedHead = 0;
    this.fired.count = 0;
    this.madcValues.length = 0;
    this.madcCycles.length = 0;
    this.recorder.clear();
    this.ppus[0].resetCore();
    this.ppus[1].resetCore();
    this.spikeOut.fill(0);
    this.spikeOutCount = 0;
  }

  /** Moves MADC samples taken so far into the recorder, on the timer's time base. */
  drainMadc(): void {
    this.analogCore.drainMadcSamples(this.madcValues, this.madcCycles);
    if (this.madcValues.length === 0) return;
    for (let i = 0; i < this.madcCycles.length; i++) this.madcCycles[i] = (this.madcCycles[i] as number) - this.timerOrigin;
    this.recorder.madcSamples(this.madcValues, this.madcCycles);
    this.madcValues.length = 0;
    this.madcCycles.length = 0;
  }

  /** Writes recorded events to the response stream (before a response that follows them in time). */
  flushRecording(writer: FromFpgaWriter): void {
    this.drainMadc();
    this.recorder.flush(writer);
  }

  // SpikeSink: the analog core reports neurons that fired.
  neuronFired(neuron: number, cycle: number): void {
    this.fired.push(neuron, cycle + SPIKE_LATENCY_CYCLES);
  }

  // RowEventSource: the analog core routes the background ahead while every event is known (`advance`).
  routeUntil(cycle: number): void {
    this.eventRouter.emitBackgroundUntil(cycle);
  }

  // RouterSink: routed events reach synapse rows or leave the chip towards the FPGA.
  synapseRowEvent(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    this.analogCore.synapseRowEvent(synram, row, columns, count, rowMode, activation, cycle);
  }

  l2Event(label: number, cycle: number): void {
    this.recorder.spike(label, cycle - this.timerOrigin);
  }

  private nextFiredCycle(): number {
    return this.firedHead < this.fired.count ? this.fired.cycle(this.firedHead) : Infinity;
  }

  private deliverDue(now: number): void {
    const fired = this.fired;
    while (this.firedHead < fired.count && fired.cycle(this.firedHead) <= now) {
      this.eventRouter.neuronSpike(fired.id(this.firedHead), now);
      this.firedHead++;
    }
    if (this.firedHead === fired.count) {
      this.firedHead = 0;
      fired.count = 0;
    }
    if (this.eventRouter.nextBackgroundCycle() <= now) this.eventRouter.emitBackgroundUntil(now);
  }

  /**
   * A host CADC read (reference §3.1): a triggered read converts the quad's synapse row now; a buffered read
   * returns what the last triggered conversion of that CADC and channel type left in the buffer (twin choice).
   */
  private cadcSamples(quad: CADCSampleQuadOnDLS): { samples: number[] } {
    this.syncConfiguration();
    const synram = CADCSampleQuadOnDLS.toSynramOnDLS(quad);
    const type = CADCSampleQuadOnDLS.toCADCChannelType(quad);
    const buffer = this.cadcBuffers[synram * 2 + type] as Uint8Array;
    if (CADCSampleQuadOnDLS.toCADCReadoutType(quad) === 0) this.analogCore.cadcSampleRow(synram, type, CADCSampleQuadOnDLS.toSynapseRowOnSynram(quad), buffer);
    const first = CADCSampleQuadOnDLS.toSynapseQuadColumnOnDLS(quad) * 4;
    return { samples: [buffer[first] as number, buffer[first + 1] as number, buffer[first + 2] as number, buffer[first + 3] as number] };
  }

  private createAnalog(startCycle = 0): AnalogCore {
    const { identity, fidelity, mismatch, noise, noiseSeed, dtCycles, threads } = this.options;
    const core = new AnalogCore({ identity, fidelity, mismatch, noise, noiseSeed, dtCycles, threads });
    if (startCycle > 0) core.advanceTo(startCycle, this);
    return core;
  }

  private registerHandlers(): void {
    const registers = this.registers;
    registers.handle(SpikeCounterRead, {
      read: (neuron) => {
        this.syncConfiguration();
        return { count: this.analogCore.spikeCounter(neuron), overflow: this.analogCore.spikeCounterOverflow(neuron) };
      },
    });
    registers.handle(SpikeCounterReset, { write: (neuron) => this.analogCore.resetSpikeCounter(neuron) });
    registers.handle(NeuronReset, {
      write: (neuron) => {
        this.syncConfiguration();
        this.analogCore.resetNeuron(neuron);
      },
    });
    registers.handle(BlockPostPulse, {
      write: (block) => {
        this.syncConfiguration();
        this.analogCore.blockPostPulse(block);
      },
    });
    registers.handle(PADIEvent, {
      write: (block, value) => {
        this.syncConfiguration();
        this.eventRouter.padiEvent(block, value as ContainerValue<typeof PADIEvent>, this.now);
      },
    });
    registers.handle(MADCControl, {
      write: (_, value) => {
        const control = value as ContainerValue<typeof MADCControl>;
        this.syncConfiguration();
        if (control.stopRecording) this.analogCore.stopMadc();
        if (control.startRecording) {
          const samples = control.enableContinuousSampling ? Number.MAX_SAFE_INTEGER : registers.chip.get(MADCConfig, MADCConfigOnDLS(0)).numberOfSamples;
          this.analogCore.startMadc(samples, this.now);
        }
      },
    });
    registers.handle(CADCSampleQuad, { read: (quad) => this.cadcSamples(CADCSampleQuadOnDLS(quad)) });
    registers.handle(CorrelationReset, {
      write: (quad) => {
        const coord = CorrelationResetOnDLS(quad);
        const column = CorrelationResetOnDLS.toSynapseQuadColumnOnDLS(coord) * 4;
        this.analogCore.resetCorrelation(CorrelationResetOnDLS.toSynramOnDLS(coord), CorrelationResetOnDLS.toSynapseRowOnSynram(coord), column, 4);
      },
    });
    registers.handle(CrossbarInputDropCounter, { read: (input) => ({ value: this.eventRouter.dropCounter(input) }) });
    registers.handle(CrossbarOutputEventCounter, { read: (output) => ({ value: this.eventRouter.eventCounter(output) }) });
    registers.handle(PPUControlRegister, {
      read: (ppu) => this.ppus[ppu as 0 | 1].control,
      write: (ppu, value) => this.ppus[ppu as 0 | 1].setControl(value as ContainerValue<typeof PPUControlRegister>),
    });
    registers.handle(PPUStatusRegister, { read: (ppu) => this.ppus[ppu as 0 | 1].status });
  }
}
