// Geometry of the FXV vector unit (reference §4.2) and the encoding of its condition field (§4.3).

/** Bytes per vector register: 8 slices × 16 bytes (§4.2, libnux dls_vector_size). */
export const VECTOR_BYTES = 128;
/** Halfword elements per vector register. */
export const VECTOR_HALFWORDS = 64;
/** Slices per vector; each slice holds 16 bytes = 8 halfwords (§4.2). */
export const VECTOR_SLICES = 8;
/** Bytes per slice (libnux dls_bytes_per_vector_slice). */
export const SLICE_BYTES = 16;
/** Vector registers in the register file (§4.2). */
export const VECTOR_REGISTER_COUNT = 32;

/**
 * The 2-bit C field (§4.3): 0 = always, 1 = GT, 2 = LT, 3 = EQ. fxvpckb* / fxvupckb* read the same field as a
 * size (8 − C bits per packed number) instead.
 */
export type FxvCondition = 0 | 1 | 2 | 3;

// VCR flags of one byte lane. The flag of condition C sits at bit C, so "condition C holds" is
// ((flags | 1) >>> C) & 1: bit 0 is never stored and the OR makes C = 0 (always) true without a branch. The
// JavaScript lane loops still test `c === 0 ||` first: C is constant per instruction, so the branch is
// predictable. assembly/fxv.ts tests the same bit on 16 lanes at once.
/** VCR flag: the compared element was greater than 0 (condition 1). */
export const VCR_GT = 0b0010;
/** VCR flag: the compared element was less than 0 (condition 2). */
export const VCR_LT = 0b0100;
/** VCR flag: the compared element was 0 (condition 3). */
export const VCR_EQ = 0b1000;

/** True when condition `c` holds for a byte lane whose VCR flags are `flags`. */
export function conditionHolds(flags: number, c: FxvCondition): boolean {
  return (((flags | 1) >>> c) & 1) === 1;
}
