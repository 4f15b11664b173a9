// Where the router's events go (ARCHITECTURE.md: analog, router and ppu meet only in libs/chip, through narrow
// interfaces). libs/chip implements this and forwards row events to the analog core.

/** Receiver of routed events. Arguments are plain numbers so the hot path allocates nothing. */
export interface RouterSink {
  /**
   * An event reaches synapse row `row` (0..255) of synram `synram` (0..1) at `cycle`. `columns[0..count)` are
   * the synapse columns (ascending) whose stored 6-bit label equals the delivered address (§1.4 step 5); only
   * called when count > 0. `rowMode`: 1 excitatory, 2 inhibitory, 3 excitatory_and_inhibitory (§1.5; disabled
   * rows are never reported). `activation`: HAGEN activation 0..31 when the driver has
   * enableHagenModulation, else −1. `columns` belongs to the router: consume it synchronously.
   */
  synapseRowEvent(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void;
  /**
   * An event leaves the chip on crossbar L2 output 8..11 towards the FPGA: `label` is the 16-bit SpikeLabel
   * with SPL1 bits 14–15 = output − 8 and the event's NeuronLabel in bits 0–13 (§1.2, §1.3).
   */
  l2Event(label: number, cycle: number): void;
}
