import { PADIBusOnDLS, SynapseDriverOnDLS, SynapseDriverOnPADIBus } from '@bss2/coords';

// The two routing resources a source takes (reference §1.3, §1.4), and their bookkeeping:
//
// - A synapse driver of its own in each target hemisphere; the driver's two rows are the source's row pair
//   (top row excitatory, bottom row inhibitory, §1.5, §6.5). Drivers compare only the 2 low bits of the 5-bit
//   row-select address (rowAddressCompareMask 0b00011, §1.4 step 3), because a neuron's label fixes the upper
//   3 bits to its event output (§1.3): so the 8 drivers at positions p ≡ σ (mod 4) of a bus all hear every
//   event whose row-select address is ≡ σ, and the synapse label tells the sources apart.
// - An 8-bit address (σ << 6 | synapse label), unique among everything that can reach the same drivers: the
//   neurons of event outputs β and β + 4, which share PADI bus β of each hemisphere (§1.2 node sparsity), and
//   the FPGA inputs sent to bus β or β + 4. Unique addresses mean no two sources ever match the same synapse,
//   whatever rows they share a bus with. For neurons the address is `address_out` (§1.8).

/** Row-select values a driver compares (rowAddressCompareMask 0b00011): 4 selector groups. */
export const SELECTORS = 4;
export const ROW_ADDRESS_COMPARE_MASK = SELECTORS - 1;
/** Drivers on one bus per selector group: 32 positions / 4. */
export const DRIVERS_PER_SELECTOR = SynapseDriverOnPADIBus.size / SELECTORS;
/** 8-bit addresses per bus group β (address_out is 8 bit, §1.3). */
export const ADDRESSES = 256;
const synapseLabels = 64;
const busGroups = 4;

export class RouteAllocator {
  /** freePositions[bus · 4 + σ]: free driver positions p ≡ σ (mod 4) on chip bus `bus`, ascending. */
  private readonly freePositions: number[][] = [];
  /** Taken addresses of bus group β at `β · 256 + address`. */
  private readonly takenAddress = new Uint8Array(busGroups * ADDRESSES);

  constructor() {
    for (let bus = 0; bus < PADIBusOnDLS.size; bus++) {
      for (let sigma = 0; sigma < SELECTORS; sigma++) {
        this.freePositions.push(Array.from({ length: DRIVERS_PER_SELECTOR }, (_, i) => i * SELECTORS + sigma));
      }
    }
  }

  /** Free drivers with selector `sigma` on chip bus `bus`. */
  freeDrivers(bus: number, sigma: number): number {
    return (this.freePositions[bus * SELECTORS + sigma] as number[]).length;
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

  /** Takes the lowest free driver with selector `sigma` on chip bus `bus` (the caller checked there is one). */
  takeDriver(bus: number, sigma: number): SynapseDriverOnDLS {
    const position = (this.freePositions[bus * SELECTORS + sigma] as number[]).shift() as number;
    return SynapseDriverOnDLS.ofPADIBus(PADIBusOnDLS(bus), SynapseDriverOnPADIBus(position));
  }
}
