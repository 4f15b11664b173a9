import { VectorUnit } from '../vector/vector-unit.js';
import { BlockCache } from './block-cache.js';
import { DecodeCache } from './decode-cache.js';
import type { PpuBus } from './ppu-bus.js';
import type { PpuFault } from './ppu-fault.js';

/**
 * Run state of the core (§4.8): held in `reset` (PPUControlRegister.inhibit_reset = 0), `running`, `sleeping`
 * after `wait` (PPUStatusRegister.sleep, the clock stops), or `faulted` (halted with a fault record).
 */
export type PpuRunState = 'reset' | 'running' | 'sleeping' | 'faulted';

/** XER bits (Power ISA §3.2.2): SO, OV, CA from the left. */
export const XER_SO = 0x8000_0000;
export const XER_OV = 0x4000_0000;
export const XER_CA = 0x2000_0000;
/**
 * XER bits other than SO/OV/CA that mtxer stores and mfxer returns. The PPU's XER is undocumented; the twin
 * keeps what qemu's PowerPC model keeps (everything except OV32 and CA32, bits 19 and 18 from the right), so
 * the qemu cross-check can compare XER whole.
 */
export const XER_OTHER_MASK = 0x1ff3_ffff;

/** Default `compileAfter`: loops compile after a few passes, run-once code stays interpreted. */
export const DEFAULT_COMPILE_AFTER = 16;

/**
 * The architectural state of one PPU: scalar registers, vector unit, clock and counters. Plain mutable fields,
 * read and written directly by the execution loop.
 */
export class PpuState {
  /** r0..r31, plus a 33rd register that is always 0 (`ZERO_REGISTER`, the `(RA|0)` base). */
  readonly gpr = new Int32Array(33);
  cr = 0;
  so = 0;
  ov = 0;
  ca = 0;
  xerOther = 0;
  lr = 0;
  ctr = 0;
  pc = 0;
  readonly vector = new VectorUnit();
  readonly cache = new DecodeCache();
  readonly blocks = new BlockCache();
  /**
   * Arrivals at a block start before it is compiled (`block-cache.ts`); `Infinity` keeps the core in the
   * interpreter, 1 compiles every block at once (tests comparing the two).
   */
  compileAfter = DEFAULT_COMPILE_AFTER;
  runState: PpuRunState = 'reset';
  fault: PpuFault | undefined = undefined;
  /** PPU clock in PPU cycles (4 ns), on the chip's time base: 2 · FPGA cycles (§4.7). */
  clock = 0;
  /** Instructions executed since start. */
  instructions = 0;
  /** Halt with `instruction-budget-exceeded` when `instructions` reaches this. */
  maxInstructions = Number.POSITIVE_INFINITY;
  /** Cycles of the last access that left the core (set by the slow memory paths). */
  accessCycles = 0;
  /**
   * State of the random generator vector I/O base (§4.5): 32-bit words it has produced since start. Each word
   * is a hash of this count and the PPU index (vector-bus.ts), so a restarted core replays the same numbers.
   */
  randomDraws = 0;

  constructor(public bus: PpuBus) {}

  /** XER as mfxer reads it. */
  get xer(): number {
    return ((this.so * XER_SO) | (this.ov * XER_OV) | (this.ca * XER_CA) | this.xerOther) >>> 0;
  }

  set xer(value: number) {
    this.so = (value >>> 31) & 1;
    this.ov = (value >>> 30) & 1;
    this.ca = (value >>> 29) & 1;
    this.xerOther = value & XER_OTHER_MASK;
  }

  /** Stops the core with `fault`. */
  halt(fault: PpuFault): void {
    this.fault = fault;
    this.runState = 'faulted';
  }

  /** The reset state (§4.8): registers, vector unit, counters and random generator zero, PC at 0, held in reset. */
  reset(): void {
    this.gpr.fill(0);
    this.cr = this.so = this.ov = this.ca = this.xerOther = this.lr = this.ctr = this.pc = 0;
    this.vector.reset();
    this.runState = 'reset';
    this.fault = undefined;
    this.instructions = 0;
    this.randomDraws = 0;
  }
}
