import { execute } from './execute.js';
import type { PpuBus } from './ppu-bus.js';
import { PpuError } from './ppu-error.js';
import type { PpuFault } from './ppu-fault.js';
import { PPU_CYCLES_PER_FPGA_CYCLE } from './ppu-timing.js';
import { PpuState, type PpuRunState } from './ppu-state.js';
import { BareBus } from './bare-bus.js';
import { VectorDispatch } from './vector-dispatch.js';

/** The scalar registers as plain unsigned numbers (JSON-able). */
export interface PpuRegisters {
  readonly gpr: readonly number[];
  readonly cr: number;
  readonly xer: number;
  readonly lr: number;
  readonly ctr: number;
  readonly pc: number;
}

export interface PpuCoreOptions {
  /** Halt with `instruction-budget-exceeded` after this many instructions since start (default: no limit). */
  readonly maxInstructions?: number;
  /**
   * Compile hot basic blocks to JavaScript (default true); false runs everything in the interpreter. Results
   * are the same either way, only speed differs (`execute.ts`).
   */
  readonly compile?: boolean;
}

/**
 * One PPU (reference §4): the scalar Power core, the FXV vector unit and the clock, driven the way the chip
 * drives a plasticity processor (libs/chip `PlasticityProcessor`): `start` when PPUControlRegister.inhibit_reset
 * is set, `reset` when it is cleared, `runUntil` on the shared FPGA-cycle clock. Program errors halt the core
 * with a `fault` record; they never throw.
 */
export class PpuCore {
  /** The architectural state, for inspection (debugger, tests, the bare runner's dump). */
  readonly state = new PpuState(new BareBus());
  private readonly vectors = new VectorDispatch(this.state);
  private startClock = 0;

  constructor(options: PpuCoreOptions = {}) {
    const budget = options.maxInstructions ?? Number.POSITIVE_INFINITY;
    if (!(budget === Number.POSITIVE_INFINITY || (Number.isSafeInteger(budget) && budget >= 0))) {
      throw new PpuError('invalid-budget', 'maxInstructions must be a non-negative integer', budget, { min: 0, max: Number.MAX_SAFE_INTEGER });
    }
    this.state.maxInstructions = budget;
    if (options.compile === false) this.state.compileAfter = Number.POSITIVE_INFINITY;
  }

  /** Releases the core from reset: registers cleared, execution from address 0 at the bus's current time. */
  start(bus: PpuBus): void {
    this.state.reset();
    this.state.bus = bus;
    this.state.runState = 'running';
    this.state.clock = bus.now * PPU_CYCLES_PER_FPGA_CYCLE;
    this.startClock = this.state.clock;
  }

  /** Holds the core in reset (§4.8). */
  reset(): void {
    this.state.reset();
  }

  /** Executes until the PPU clock reaches FPGA cycle `cycle` (2 PPU cycles each, §4.7), or it sleeps or faults. */
  runUntil(cycle: number, bus: PpuBus): void {
    if (this.state.runState !== 'running') return;
    this.state.bus = bus;
    execute(this.state, this.vectors, cycle * PPU_CYCLES_PER_FPGA_CYCLE);
  }

  /** PPUStatusRegister.sleep: the program executed `wait`. */
  get sleeping(): boolean {
    return this.state.runState === 'sleeping';
  }

  /** Released from reset and neither asleep nor halted by a fault. */
  get running(): boolean {
    return this.state.runState === 'running';
  }

  get runState(): PpuRunState {
    return this.state.runState;
  }

  /** Why the core halted, when it did. */
  get fault(): PpuFault | undefined {
    return this.state.fault;
  }

  /** The core's own time in FPGA cycles (§4.7: two PPU cycles each); within a slice it runs ahead of the chip. */
  get fpgaCycle(): number {
    return Math.floor(this.state.clock / PPU_CYCLES_PER_FPGA_CYCLE);
  }

  /** Instructions executed since start. */
  get instructions(): number {
    return this.state.instructions;
  }

  /** PPU cycles (4 ns) elapsed since start. */
  get cycles(): number {
    return this.state.clock - this.startClock;
  }

  /** A snapshot of the scalar registers. */
  registers(): PpuRegisters {
    const s = this.state;
    return {
      gpr: Array.from(s.gpr.subarray(0, 32), (value) => value >>> 0),
      cr: s.cr >>> 0,
      xer: s.xer,
      lr: s.lr >>> 0,
      ctr: s.ctr >>> 0,
      pc: s.pc >>> 0,
    };
  }
}
