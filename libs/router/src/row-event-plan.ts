import { SynapseDrivers } from './synapse-driver.js';
import type { SynapseLabelIndex } from './synapse-label-index.js';

// Reference §1.4 steps 3–5 for one PADI event: the synapse rows it reaches, each with its row mode, synapse
// address and HAGEN activation. They depend only on the bus, the 11-bit label and the driver and label
// registers, and a bus carries few distinct labels, while walking the accepting drivers costs a test per row (64
// on a bus whose drivers compare no address bits, where an event usually matches one row). So each
// (bus, label) is worked out once, in delivery order, and replayed from a flat list until the registers change.

const busses = 8;
const labels = 2048;
const rowSelectShift = 6;
const synapseLabelMask = 0x3f;
const addressMsb = 0x20;
const hagenActivationMask = 0x1f;
/** Values per planned row event: row (SynapseRowOnDLS), row mode, synapse address, activation (−1: none). */
export const PLAN_FIELDS = 4;

/** The row events of each (bus, label), computed on first use from the drivers and the label index. */
export class RowEventPlans {
  /** Per bus · 2048 + label: first entry of its plan in `entries` (−1: not worked out yet), and the end. */
  private readonly start = new Int32Array(busses * labels).fill(-1);
  private readonly end = new Int32Array(busses * labels);
  /** The plans, PLAN_FIELDS values per row event (a delivery in progress keeps reading the array it started on). */
  entries = new Int32Array(64 * PLAN_FIELDS);
  private used = 0;

  constructor(
    private readonly drivers: SynapseDrivers,
    private readonly labelIndex: SynapseLabelIndex,
  ) {}

  /** Forgets every plan (the driver or label registers changed). */
  clear(): void {
    this.start.fill(-1);
    this.used = 0;
  }

  /** First entry of the plan of `label` on `bus` (its end: `endOf`), worked out if needed. */
  startOf(bus: number, label: number): number {
    const key = bus * labels + label;
    const at = this.start[key] as number;
    return at >= 0 ? at : this.work(bus, label, key);
  }

  /** End of the plan of `label` on `bus` (valid after `startOf`). */
  endOf(bus: number, label: number): number {
    return this.end[bus * labels + label] as number;
  }

  /** Every accepting driver in position order, bottom row then top row (§1.4 steps 3–5). */
  private work(bus: number, label: number, key: number): number {
    const drivers = this.drivers;
    const first = this.used;
    let accepting = drivers.accepting[bus * 32 + (label >>> rowSelectShift)] as number;
    while (accepting !== 0) {
      const bit = accepting & -accepting;
      accepting ^= bit;
      const driver = SynapseDrivers.driverOf(bus, 31 - Math.clz32(bit));
      // §1.4 step 4; without enable_address_out only the MSB reaches the synapses (twin choice, README).
      const address = drivers.addressOut[driver] === 1 ? label & synapseLabelMask : label & addressMsb;
      const activation = drivers.hagenModulation[driver] === 1 ? label & hagenActivationMask : -1;
      // Driver d (chip-wide) feeds rows 2d (bottom) and 2d + 1 (top) of its synram, as SynapseRowOnDLS.
      this.add(2 * driver, drivers.rowModeBottom[driver] as number, address, activation);
      this.add(2 * driver + 1, drivers.rowModeTop[driver] as number, address, activation);
    }
    this.start[key] = first;
    this.end[key] = this.used;
    return first;
  }

  /** Appends a row event unless the row is off (mode 0) or no synapse of it holds the address. */
  private add(row: number, rowMode: number, address: number, activation: number): void {
    if (rowMode === 0 || !this.labelIndex.has(row, address)) return;
    if (this.used + PLAN_FIELDS > this.entries.length) {
      const grown = new Int32Array(2 * this.entries.length);
      grown.set(this.entries);
      this.entries = grown;
    }
    const e = this.entries;
    const at = this.used;
    e[at] = row;
    e[at + 1] = rowMode;
    e[at + 2] = address;
    e[at + 3] = activation;
    this.used = at + PLAN_FIELDS;
  }
}
