// The narrow interface between the chip and an embedded plasticity processor (PPU, reference §4). libs/ppu
// implements `PlasticityProcessor`; the chip gives each attached processor a `PlasticityPort` and runs it on
// the shared FPGA-cycle clock, interleaved with the analog core. Neither side knows the other's insides.

/** What one PPU can do to its hemisphere of the chip (reference §4.5, §4.6). */
export interface PlasticityPort {
  /** 0 = top, 1 = bottom (also the synram and CADC of that hemisphere). */
  readonly ppu: number;
  /** Current time in FPGA cycles (8 ns). The PPU clock is twice as fast (§4.7). */
  readonly now: number;
  /** The PPU's internal memory (4096 words, big-endian words as on the omnibus); shared with the register file. */
  readonly memory: Uint32Array;
  /** 6-bit weights of synapse row `row` (256 columns) into `out`. */
  readSynapseWeights(row: number, out: Uint8Array): void;
  /** Writes weights of row `row` for the columns where `mask` is nonzero (all if omitted); values 0..63. */
  writeSynapseWeights(row: number, values: Uint8Array, mask?: Uint8Array): void;
  readSynapseLabels(row: number, out: Uint8Array): void;
  writeSynapseLabels(row: number, values: Uint8Array, mask?: Uint8Array): void;
  /** One CADC conversion of the hemisphere's 256 channels of `type` (0 causal, 1 acausal) for row `row`. */
  readCadcRow(type: number, row: number, out: Uint8Array): void;
  /** Resets the correlation accumulators of row `row` (§3.3, `dls_correlation_reset`). */
  resetCorrelation(row: number): void;
  /** Spike counter of neuron column `column` of this hemisphere (0..255) and its reset. */
  spikeCounter(column: number): number;
  resetSpikeCounter(column: number): void;
  /** Omnibus access from the PPU (bit 31 selects the FPGA side, §4.6): the same register file as the host's. */
  omnibusRead(address: number): number;
  omnibusWrite(address: number, value: number): void;
}

/** A plasticity processor as the chip drives it. */
export interface PlasticityProcessor {
  /** PPUControlRegister.inhibitReset set: start executing from address 0. */
  start(port: PlasticityPort): void;
  /** inhibitReset cleared: hold the core in reset. */
  reset(): void;
  /** Executes until FPGA cycle `cycle` (or until it sleeps/faults). */
  runUntil(cycle: number, port: PlasticityPort): void;
  /** PPUStatusRegister.sleep: the program finished. */
  readonly sleeping: boolean;
  /** True while the core runs (released from reset and not asleep). */
  readonly running: boolean;
}
