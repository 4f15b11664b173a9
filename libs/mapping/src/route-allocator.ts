import { PADIBusOnDLS, SynapseDriverOnDLS, SynapseDriverOnPADIBus } from '@bss2/coords';
import type { ColumnSets } from './column-sets.js';

// The two routing resources a source takes (reference §1.3, §1.4), and their bookkeeping:
//
// - A synapse driver in each hemisphere it stores weights in; the driver's two rows are the source's row pair
//   (top row excitatory, bottom row inhibitory, §1.5, §6.5). Drivers compare only the 2 low bits of the 5-bit
//   row-select address (rowAddressCompareMask 0b00011, §1.4 step 3), because a neuron's label fixes the upper
//   3 bits to its event output (§1.3): so the 8 drivers at positions p ≡ σ (mod 4) of a bus all hear every
//   event whose row-select address is ≡ σ, and the synapse label tells the sources apart.
// - An 8-bit address (σ << 6 | synapse label), unique among everything that can reach the same drivers: the
//   neurons of event outputs β and β + 4, which share PADI bus β of each hemisphere (§1.2 node sparsity), and
//   the FPGA inputs sent to bus β or β + 4. Unique addresses mean no two sources ever match the same synapse,
//   whatever rows they share a bus with. For neurons the address is `address_out` (§1.8).
//
// A driver is shared by sources whose weights occupy disjoint columns of its rows (e.g. an input into hidden
// columns and a hidden neuron into readout columns): each synapse stores the label of the one source whose
// weight it holds (§1.5), so each source's events act only on its own columns.

/** Row-select values a driver compares (rowAddressCompareMask 0b00011): 4 selector groups. */
export const SELECTORS = 4;
export const ROW_ADDRESS_COMPARE_MASK = SELECTORS - 1;
/** Drivers on one bus per selector group: 32 positions / 4. */
export const DRIVERS_PER_SELECTOR = SynapseDriverOnPADIBus.size / SELECTORS;
/** 8-bit addresses per bus group β (address_out is 8 bit, §1.3). */
export const ADDRESSES = 256;
const synapseLabels = 64;
const busGroups = 4;
const driversPerBus = SynapseDriverOnPADIBus.size;

export class RouteAllocator {
  /** occupants[bus · 32 + position]: the column sets of the sources a driver already serves. */
  private readonly occupants: number[][] = Array.from({ length: PADIBusOnDLS.size * driversPerBus }, () => []);
  /** Taken addresses of bus group β at `β · 256 + address`. */
  private readonly takenAddress = new Uint8Array(busGroups * ADDRESSES);

  constructor(private readonly sets: ColumnSets) {}

  /** Drivers with selector `sigma` on chip bus `bus` that can take a source with column set `set`. */
  freeDrivers(bus: number, sigma: number, set: number): number {
    let free = 0;
    for (let p = sigma; p < driversPerBus; p += SELECTORS) if (this.fits(bus, p, set)) free++;
    return free;
  }

  /** Drivers of chip bus `bus` that cannot take a source with column set `set`. */
  blockedDrivers(bus: number, set: number): number {
    let blocked = 0;
    for (let p = 0; p < driversPerBus; p++) if (!this.fits(bus, p, set)) blocked++;
    return blocked;
  }

  /** The lowest free synapse label with selector `sigma` in bus group `group`, or −1. */
  freeLabel(group: number, sigma: number): number {
    for (let label = 0; label < synapseLabels; label++) if (this.takenAddress[group * ADDRESSES + (sigma << 6) + label] === 0) return label;
    return -1;
  }

  /** The lowest free address of bus group `group`, or −1. */
  freeAddress(group: number): number {
    return this.takenAddress.subarray(group * ADDRESSES, (group + 1) * ADDRESSES).indexOf(0);
  }

  takeAddress(group: number, address: number): void {
    this.takenAddress[group * ADDRESSES + address] = 1;
  }

  /** Takes the lowest driver with selector `sigma` on chip bus `bus` that fits `set` (the caller checked there is one). */
  takeDriver(bus: number, sigma: number, set: number): SynapseDriverOnDLS {
    let position = sigma;
    while (!this.fits(bus, position, set)) position += SELECTORS;
    (this.occupants[bus * driversPerBus + position] as number[]).push(set);
    return SynapseDriverOnDLS.ofPADIBus(PADIBusOnDLS(bus), SynapseDriverOnPADIBus(position));
  }

  private fits(bus: number, position: number, set: number): boolean {
    const held = this.occupants[bus * driversPerBus + position] as number[];
    for (let i = 0; i < held.length; i++) if (!this.sets.disjoint(held[i] as number, set)) return false;
    return true;
  }
}
