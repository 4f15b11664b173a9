// What the vector unit needs from the rest of the PPU and the chip. The unit owns no memory and no bus: the
// simulator implements this over internal/external memory (§4.6) and the parallel I/O bus to synapse SRAM and
// CADC (§4.5).
//
// Buffers passed in are views into the unit's own storage, valid only during the call: an implementation
// copies what it needs and never keeps a reference.

/** The memory and I/O side of the vector unit. */
export interface VectorEnvironment {
  /** fxvlax: fill `out` (128 bytes) from memory; lane k is the byte at `ea` + k (§10.8). */
  loadVector(ea: number, out: Uint8Array): void;
  /**
   * fxvstax: write `data` (128 bytes) to memory; lane k goes to byte `ea` + k. With `mask`, only lanes whose
   * mask byte is nonzero are written (C > 0); without it, all 128.
   */
  storeVector(ea: number, data: Uint8Array, mask: Uint8Array | undefined): void;
  /** fxvinx: read 128 bytes from the vector I/O address `ea` (§4.5) into `out`. */
  ioRead(ea: number, out: Uint8Array): void;
  /**
   * fxvoutx: write 128 bytes to the vector I/O address `ea` (§4.5). With `mask` (C > 0), lanes whose mask byte
   * is 0 leave the destination unchanged (§10.8).
   */
  ioWrite(ea: number, data: Uint8Array, mask: Uint8Array | undefined): void;
}

/**
 * The scalar operands of an FXV instruction, computed by the caller. Reuse one mutable object across
 * instructions so that nothing is allocated per instruction.
 */
export interface FxvOperands {
  /** Value of GPR RA (fxvsplath / fxvsplatb broadcast it). */
  gprA: number;
  /** Effective address (RA|0) + RB (fxvlax, fxvstax, fxvinx, fxvoutx; §4.4 notes). */
  ea: number;
}
