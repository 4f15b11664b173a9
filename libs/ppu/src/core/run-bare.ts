import { BareBus } from './bare-bus.js';
import { PpuCore, type PpuRegisters } from './ppu-core.js';
import { PpuError } from './ppu-error.js';
import type { PpuFault } from './ppu-fault.js';
import { INTERNAL_MEMORY_BYTES } from './memory-map.js';
import type { PpuRunState } from './ppu-state.js';

/** What `bss2 ppu run` prints: plain JSON-able data. */
export interface BareRunResult {
  /** `sleeping` after `wait`, `faulted` otherwise (including an exhausted budget). */
  readonly runState: PpuRunState;
  readonly registers: PpuRegisters;
  /** Internal memory after the run: 4096 words, each the big-endian word at byte address 4·i. */
  readonly memory: readonly number[];
  readonly fault?: PpuFault;
  readonly instructions: number;
  /** PPU cycles (4 ns at 250 MHz, §4.7). */
  readonly cycles: number;
}

export interface BareRunOptions {
  readonly maxInstructions: number;
}

/**
 * Runs a flat big-endian program image (as `assemble` or `objcopy -O binary` make it) on a PPU without a chip:
 * loaded at address 0 with the rest of memory zero (§4.8, haldls `load_from_file`), started, and run until it
 * executes `wait`, faults, or exhausts `maxInstructions`.
 */
export function runBare(image: Uint8Array, options: BareRunOptions): BareRunResult {
  if (image.length > INTERNAL_MEMORY_BYTES) {
    throw new PpuError('image-too-large', 'program image larger than the 16 KiB internal memory', image.length, { min: 0, max: INTERNAL_MEMORY_BYTES });
  }
  if (!Number.isSafeInteger(options.maxInstructions) || options.maxInstructions < 0) {
    throw new PpuError('invalid-budget', 'maxInstructions must be a non-negative integer', options.maxInstructions, { min: 0, max: Number.MAX_SAFE_INTEGER });
  }
  const bus = new BareBus();
  for (let i = 0; i < image.length; i++) bus.memory[i >>> 2] = (bus.memory[i >>> 2]! | (image[i]! << ((3 - (i & 3)) * 8))) >>> 0;
  const core = new PpuCore({ maxInstructions: options.maxInstructions });
  core.start(bus);
  core.runUntil(Number.POSITIVE_INFINITY, bus);
  return {
    runState: core.runState,
    registers: core.registers(),
    memory: Array.from(bus.memory),
    ...(core.fault === undefined ? {} : { fault: core.fault }),
    instructions: core.instructions,
    cycles: core.cycles,
  };
}
