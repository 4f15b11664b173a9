// The architectural state of the FXV vector unit (reference §4.2, twin choices §10.8): register file,
// accumulator and vector condition register. Behaviour lives in the handlers listed by `fxv-table.ts`.

import { allocateUnit, UNIT_LAYOUT, type FxvKernel, type FxvUnitStorage } from './fxv-kernel.js';
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
  /**
   * Where the state lives: WebAssembly memory shared with the wasm rows (`fxv-kernel.ts`), `base` the unit's
   * byte offset there. Every array below is a view on it.
   */
  private readonly storage: FxvUnitStorage = allocateUnit();
  /** The unit's offset in the kernel's memory and the kernel's rows (assembly/fxv.ts), for the FXV handlers. */
  readonly base = this.storage.base;
  readonly kernel: FxvKernel = this.storage.kernel;

  readonly vr = new Uint8Array(this.storage.buffer, this.base + UNIT_LAYOUT.registers, VECTOR_REGISTER_COUNT * VECTOR_BYTES);
  readonly acc = new Int16Array(this.storage.buffer, this.base + UNIT_LAYOUT.acc, VECTOR_BYTES);
  readonly vcr = new Uint8Array(this.storage.buffer, this.base + UNIT_LAYOUT.vcr, VECTOR_BYTES);

  /** Signed byte view of `vr` (bytes have no endianness, so a typed view is exact and fastest). */
  readonly vrSigned = new Int8Array(this.vr.buffer, this.vr.byteOffset, this.vr.length);
  /** Big-endian halfword access to `vr`: DataView defaults to big-endian, measured faster than byte math. */
  readonly vrView = new DataView(this.vr.buffer, this.vr.byteOffset, this.vr.length);
  /** One 128-byte view per register, built once, handed to the environment for stores and I/O writes. */
  readonly registers: readonly Uint8Array[] = Array.from({ length: VECTOR_REGISTER_COUNT }, (_, r) =>
    this.vr.subarray(r * VECTOR_BYTES, (r + 1) * VECTOR_BYTES),
  );
  /** Landing buffer for loads and I/O reads (conditional writes merge from it) and for permutes that alias. */
  readonly scratch = new Uint8Array(this.storage.buffer, this.base + UNIT_LAYOUT.scratch, VECTOR_BYTES);
  /** Per-lane write mask handed to masked stores and I/O writes (1 = write). */
  readonly mask = new Uint8Array(this.storage.buffer, this.base + UNIT_LAYOUT.mask, VECTOR_BYTES);
  /**
   * Vector I/O staging for the vector bus (`core/vector-bus.ts`): a synapse or CADC row of 256 columns, and 128
   * lanes, in the kernel's memory so that the kernel's `gather` / `scatter` move a row half (§4.5).
   */
  readonly ioRow = new Uint8Array(this.storage.buffer, this.base + UNIT_LAYOUT.ioRow, 2 * VECTOR_BYTES);
  readonly ioLanes = new Uint8Array(this.storage.buffer, this.base + UNIT_LAYOUT.ioLanes, VECTOR_BYTES);

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
