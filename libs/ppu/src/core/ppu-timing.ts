import { FXV_CYCLES } from '../vector/fxv-table.js';

// PPU timing (reference §4.7 clock, §10.8 instruction costs, all twin choices). The scalar core runs strictly
// in order, one instruction after the other, so an instruction's cost is simply added to the clock.

/** The PPU clock is 250 MHz, the FPGA clock 125 MHz: two PPU cycles per FPGA cycle (§4.7, ARCHITECTURE "Time"). */
export const PPU_CYCLES_PER_FPGA_CYCLE = 2;

/** PPU cycles per instruction or access class (§10.8). */
export const PPU_CYCLES = {
  /** Any scalar instruction: ALU, branch, load/store to internal memory, sync. */
  scalar: 1,
  /** A scalar access to external SRAM (0x4000_0000 data alias). */
  externalSramScalar: 25,
  /** A scalar access to external DRAM (0x5000_0000 data alias). */
  externalDramScalar: 150,
  /**
   * A scalar omnibus access (bit 31). §10.8 has no figure; twin choice: the cost of an external SRAM access,
   * the other scalar access that leaves the core over a bus.
   */
  omnibusScalar: 25,
  ...FXV_CYCLES,
} as const;
