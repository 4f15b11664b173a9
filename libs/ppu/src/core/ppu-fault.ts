// Why a PPU program stopped other than by `wait` (reference §4.6 lists the program and alignment interrupts;
// ARCHITECTURE.md "Errors and bad input"). A fault halts the core and is read by the caller; it is never thrown
// into the host.

/**
 * - `illegal-instruction`: the word at `pc` decodes to no row of the instruction table (isr_program).
 * - `misaligned-access`: a halfword/word/multiple-word access at an address not a multiple of its size
 *   (isr_alignment; the PPU does not split unaligned accesses).
 * - `out-of-range-access`: a data address outside every window of the memory map (`memory-map.ts`).
 * - `unsupported-access`: a window the twin's bus cannot serve that way: sub-word omnibus access, the vector
 *   I/O bases without a bit layout in the reference (config even/odd, raw), writes to the random generator and
 *   reads of the neuron reset base.
 * - `bus-error`: the chip rejected an omnibus or vector I/O access (unknown or read-only register).
 * - `fetch-out-of-range`: the program counter left the 16 KiB internal memory.
 * - `instruction-budget-exceeded`: the run's `maxInstructions` were executed without reaching `wait`.
 */
export const PPU_FAULT_CODES = [
  'illegal-instruction',
  'misaligned-access',
  'out-of-range-access',
  'unsupported-access',
  'bus-error',
  'fetch-out-of-range',
  'instruction-budget-exceeded',
] as const;

export type PpuFaultCode = (typeof PPU_FAULT_CODES)[number];

/**
 * The number the chip shows for a fault in PPUStatusRegister.fault (a twin extension, libs/regs): 0 while no
 * fault, otherwise 1 + the code's position in `PPU_FAULT_CODES`.
 */
export function faultNumber(fault: { readonly code: PpuFaultCode } | undefined): number {
  return fault === undefined ? 0 : PPU_FAULT_CODES.indexOf(fault.code) + 1;
}

/** The fault record of a halted core: plain data, JSON-able. */
export interface PpuFault {
  readonly code: PpuFaultCode;
  /** Address of the instruction that faulted (it did not execute). */
  readonly pc: number;
  /** The data or I/O address of an access fault. */
  readonly address?: number;
  /** The instruction word, for `illegal-instruction`. */
  readonly word?: number;
  readonly message: string;
}

/** `0x` and eight hex digits, how faults print addresses and words. */
export function hex32(value: number): string {
  return `0x${(value >>> 0).toString(16).padStart(8, '0')}`;
}
