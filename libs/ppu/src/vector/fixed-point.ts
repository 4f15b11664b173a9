// The fixed-point primitives of the nux guide (reference §4.4), one function per width so that each call site
// stays monomorphic and inlines into the lane loops. Inputs are signed element values; results are exact
// integers (float64 arithmetic is exact below 2^53, so no intermediate here can round).

/** add_sat at 16 bit: clamp to [−2^15, 2^15 − 1]. */
export function saturate16(x: number): number {
  return x > 32767 ? 32767 : x < -32768 ? -32768 : x;
}

/** add_sat at 32 bit: clamp to [−2^31, 2^31 − 1]. */
export function saturate32(x: number): number {
  return x > 2147483647 ? 2147483647 : x < -2147483648 ? -2147483648 : x;
}

/**
 * msf(a, b, 8) ("mult_sat_fract"): 2ab as a 16-bit fraction; only (−2^7)·(−2^7) overflows and saturates to
 * 2^15 − 1.
 */
export function multSatFract8(a: number, b: number): number {
  const p = a * b;
  return p === 16384 ? 32767 : p * 2;
}

/** msf(a, b, 16): 2ab as a 32-bit fraction; only (−2^15)·(−2^15) saturates, to 2^31 − 1. */
export function multSatFract16(a: number, b: number): number {
  const p = a * b;
  return p === 1073741824 ? 2147483647 : p * 2;
}
