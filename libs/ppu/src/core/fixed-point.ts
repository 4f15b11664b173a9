// Pure helpers of the fixed-point facility (Power ISA Book I ch. 3) that the execution loop inlines: the
// 64-bit high product words, rotate masks and the CR field a comparison yields. Values are int32 numbers.

/** CR field bits (Power ISA §2.3.1): LT, GT, EQ, SO from the left. */
export const CR_LT = 8;
export const CR_GT = 4;
export const CR_EQ = 2;
export const CR_SO = 1;

/** High 32 bits of the unsigned 64-bit product of `a` and `b` (mulhwu), as int32. */
export function mulhwu(a: number, b: number): number {
  const a0 = a & 0xffff, a1 = a >>> 16, b0 = b & 0xffff, b1 = b >>> 16;
  const low = a0 * b0, cross1 = a0 * b1, cross2 = a1 * b0;
  // Every partial sum stays below 2^53, so the doubles are exact.
  const carry = Math.floor((Math.floor(low / 65536) + (cross1 % 65536) + (cross2 % 65536)) / 65536);
  return (a1 * b1 + Math.floor(cross1 / 65536) + Math.floor(cross2 / 65536) + carry) | 0;
}

/** High 32 bits of the signed 64-bit product of `a` and `b` (mulhw), as int32. */
export function mulhw(a: number, b: number): number {
  // Signed = unsigned product minus the two's complement corrections of the high word.
  return (mulhwu(a, b) - (a < 0 ? b : 0) - (b < 0 ? a : 0)) | 0;
}

/** The rlwinm/rlwimi/rlwnm mask MASK(MB, ME) in IBM bit numbering; wraps around when MB > ME. */
export function rotateMask(mb: number, me: number): number {
  const fromMb = 0xffffffff >>> mb;
  const toMe = (0xffffffff << (31 - me)) >>> 0;
  return (mb <= me ? fromMb & toMe : fromMb | toMe) | 0;
}

/** `value` rotated left by `n` (0..31) bits. */
export function rotl(value: number, n: number): number {
  return (value << n) | (value >>> (32 - n));
}

/** The CR field of a signed comparison of `a` with `b`, with XER.SO copied into its SO bit. */
export function compareSigned(a: number, b: number, so: number): number {
  return (a < b ? CR_LT : a > b ? CR_GT : CR_EQ) | so;
}

/** The CR field of an unsigned comparison of `a` with `b` (both taken mod 2^32). */
export function compareUnsigned(a: number, b: number, so: number): number {
  const ua = a >>> 0, ub = b >>> 0;
  return (ua < ub ? CR_LT : ua > ub ? CR_GT : CR_EQ) | so;
}

/** CR with field `bf` (0..7, 0 = leftmost) replaced by the 4-bit `bits`. */
export function setCrField(cr: number, bf: number, bits: number): number {
  const shift = 28 - 4 * bf;
  return (cr & ~(0xf << shift)) | (bits << shift);
}
