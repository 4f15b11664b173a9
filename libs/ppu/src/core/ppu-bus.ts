// What a PPU can reach on its hemisphere of the chip (reference §4.5, §4.6): the PPU-side view of the chip's
// plasticity port. libs/chip implements it (its `PlasticityPort` has exactly these members); the bare runner
// and the tests implement it with plain arrays. The PPU never sees the chip's objects, only this interface.

/** The chip side of one PPU. */
export interface PpuBus {
  /** 0 = top, 1 = bottom (also the synram and CADC of that hemisphere). */
  readonly ppu: number;
  /** Current time in FPGA cycles (8 ns). The PPU clock is twice as fast (§4.7). */
  readonly now: number;
  /**
   * The PPU's internal memory: 4096 words, each holding the big-endian word as on the omnibus, so byte address
   * a is bits (3 − a mod 4)·8 … +7 of `memory[a >> 2]` (the byte at address 0 is the most significant byte of
   * word 0). Shared with the register file, so the host sees what the PPU stores.
   */
  readonly memory: Uint32Array;
  /** 6-bit weights of synapse row `row` (256 columns) into `out`. */
  readSynapseWeights(row: number, out: Uint8Array): void;
  /** Writes weights of row `row` for the columns where `mask` is nonzero (all if omitted); values 0..63. */
  writeSynapseWeights(row: number, values: Uint8Array, mask?: Uint8Array): void;
  readSynapseLabels(row: number, out: Uint8Array): void;
  writeSynapseLabels(row: number, values: Uint8Array, mask?: Uint8Array): void;
  /** One CADC conversion of the hemisphere's 256 channels of `type` (0 causal, 1 acausal) for row `row`. */
  readCadcRow(type: number, row: number, out: Uint8Array): void;
  /**
   * Resets the correlation accumulators of row `row` (§3.3, `dls_correlation_reset`): the columns whose `mask`
   * entry (256, one per column) is nonzero, or the whole row without a mask.
   */
  resetCorrelation(row: number, mask?: Uint8Array): void;
  /** Spike counter of neuron column `column` of this hemisphere (0..255) and its reset. */
  spikeCounter(column: number): number;
  resetSpikeCounter(column: number): void;
  /** Omnibus access with the host's word addresses (bit 31 selects the FPGA side, §1.7). */
  omnibusRead(address: number): number;
  omnibusWrite(address: number, value: number): void;
}
