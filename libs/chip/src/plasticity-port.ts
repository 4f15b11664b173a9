import type { PpuBus, PpuFault } from '@bss2/ppu';

// The narrow interface between the chip and an embedded plasticity processor (PPU, reference §4). libs/ppu
// implements `PlasticityProcessor`; the chip gives each attached processor a `PlasticityPort` and runs it on
// the shared FPGA-cycle clock, interleaved with the analog core. Neither side knows the other's insides.

/** What one PPU can do to its hemisphere of the chip (reference §4.5, §4.6): libs/ppu's bus, declared there. */
export type PlasticityPort = PpuBus;

/** A plasticity processor as the chip drives it. */
export interface PlasticityProcessor {
  /** PPUControlRegister.inhibitReset set: start executing from address 0. */
  start(port: PlasticityPort): void;
  /** inhibitReset cleared: hold the core in reset. */
  reset(): void;
  /** Executes until FPGA cycle `cycle` (or until it sleeps/faults). */
  runUntil(cycle: number, port: PlasticityPort): void;
  /** PPUStatusRegister.sleep: the program finished. */
  readonly sleeping: boolean;
  /**
   * The processor's own time in FPGA cycles, current during its accesses: it runs ahead of the analog core
   * within a slice, and the chip catches up to this time before serving a CADC, counter or omnibus access.
   */
  readonly fpgaCycle: number;
  /** Why the core halted, when a program error stopped it (PPUStatusRegister.fault). */
  readonly fault: PpuFault | undefined;
  /** True while the core runs (released from reset and not asleep). */
  readonly running: boolean;
}
