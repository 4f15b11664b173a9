// The architectural state of the FXV vector unit (reference §4.2, twin choices §10.8): register file,
// accumulator and vector condition register. Behaviour lives in the handlers listed by `fxv-table.ts`.

import { VECTOR_BYTES, VECTOR_REGISTER_COUNT } from './vector-geometry.js';

/**
 * State of one PPU's vector unit.
 *
 * - `vr`: the 32 vector registers, 128 bytes each, register r at bytes 128·r … 128·r + 127. Byte lane k is byte
 *   k; halfword lane h is bytes 2h (MSB) and 2h + 1, big-endian as the PPU (§10.8).
 * - `acc`: the accumulator as 128 signed 16-bit byte-lane accumulators (§4.2: 16 bit per byte element). A
 *   halfword lane's 32-bit accumulator is the big-endian concatenation of its two byte lanes' accumulators,
 *   acc32[h] = acc[2h]·2^16 + (acc[2h + 1] mod 2^16): the same 2048 bits seen at the two element widths, laid
 *   out like the register file (twin choice: the reference gives only the widths).
 * - `vcr`: the condition flags per byte lane (`VCR_GT` / `VCR_LT` / `VCR_EQ`). A halfword compare sets both
 *   byte lanes of the halfword; a halfword condition reads the halfword's first byte lane (§10.8).
 *
 * Everything starts at zero, so after reset conditions 1–3 hold nowhere.
 */
export class VectorUnit {
  readonly vr = new Uint8Array(VECTOR_REGISTER_COUNT * VECTOR_BYTES);
  readonly acc = new Int16Array(VECTOR_BYTES);
  readonly vcr = new Uint8Array(VECTOR_BYTES);

  /** Signed byte view of `vr` (bytes have no endianness, so a typed view is exact and fastest). */
  readonly vrSigned = new Int8Array(this.vr.buffer);
  /**
   * `vr` and `vcr` as 32-bit words, 4 byte lanes each, for rows that work on all bytes alike (SWAR: shifts,
   * select, splat with a per-byte mask). Lane order within a word does not matter to them, so host byte order
   * does not either. Register r is words 32·r … 32·r + 31.
   */
  readonly vr32 = new Uint32Array(this.vr.buffer);
  readonly vcr32 = new Uint32Array(this.vcr.buffer);
  /** Big-endian halfword access to `vr`: DataView defaults to big-endian, measured faster than byte math. */
  readonly vrView = new DataView(this.vr.buffer);
  /** One 128-byte view per register, built once, handed to the environment for stores and I/O writes. */
  readonly registers: readonly Uint8Array[] = Array.from({ length: VECTOR_REGISTER_COUNT }, (_, r) =>
    this.vr.subarray(r * VECTOR_BYTES, (r + 1) * VECTOR_BYTES),
  );
  /** Landing buffer for loads and I/O reads (conditional writes merge from it) and for permutes that alias. */
  readonly scratch = new Uint8Array(VECTOR_BYTES);
  /** Per-lane write mask handed to masked stores and I/O writes (1 = write). */
  readonly mask = new Uint8Array(VECTOR_BYTES);
  /** `scratch` and `mask` as 32-bit words, 4 byte lanes each, like `vr32`. */
  readonly scratch32 = new Uint32Array(this.scratch.buffer);
  readonly mask32 = new Uint32Array(this.mask.buffer);

  /** The 32-bit accumulator of halfword lane `h` (0..63), signed. */
  accHalfword(h: number): number {
    return (this.acc[2 * h]! << 16) | (this.acc[2 * h + 1]! & 0xffff);
  }

  /** Sets the 32-bit accumulator of halfword lane `h` (0..63); `value` is taken mod 2^32. */
  setAccHalfword(h: number, value: number): void {
    this.acc[2 * h] = value >> 16;
    this.acc[2 * h + 1] = value;
  }

  /** Back to the reset state: registers, accumulator and VCR zero. */
  reset(): void {
    this.vr.fill(0);
    this.acc.fill(0);
    this.vcr.fill(0);
  }
}
