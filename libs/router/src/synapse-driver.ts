import { PADIBusOnDLS, SynapseDriverOnDLS, SynapseDriverOnPADIBus } from '@bss2/coords';
import { SynapseDriverConfig, type ChangeSet, type Chip, type ContainerValue } from '@bss2/regs';

// Reference §1.1, §1.4, §1.5. Driver d of block k sits on bus d % 4 of that block at position p = d >> 2
// (0..31). It accepts an event on its bus when its receiver is on and the event's 5-bit row-select address
// (label bits 6–10) agrees with p on every bit its rowAddressCompareMask keeps ((rowSelect ^ p) & mask == 0).
// It then forwards the 6-bit address to its rows 2d+1 (rowModeTop) and 2d (rowModeBottom).

const drivers = SynapseDriverOnDLS.size;
const positions = SynapseDriverOnPADIBus.size;
const busses = PADIBusOnDLS.size;

/** Row mode numbers as the sink sees them (§1.5; the enum order of SynapseDriverConfig). */
const rowModeCode = { disabled: 0, excitatory: 1, inhibitory: 2, excitatory_and_inhibitory: 3 } as const;

/** The 256 driver configurations as typed arrays, plus which drivers accept each (bus, row select). */
export class SynapseDrivers {
  readonly receiver = new Uint8Array(drivers);
  readonly compareMask = new Uint8Array(drivers);
  readonly addressOut = new Uint8Array(drivers);
  readonly hagenModulation = new Uint8Array(drivers);
  /** Mode of row 2d+1 (0..3). */
  readonly rowModeTop = new Uint8Array(drivers);
  /** Mode of row 2d (0..3). */
  readonly rowModeBottom = new Uint8Array(drivers);
  /**
   * `accepting[bus · 32 + rowSelect]`: bit p set when the driver at position p of `bus` accepts an event with
   * that row-select address. Precomputed so a delivery visits only the accepting drivers.
   */
  readonly accepting = new Uint32Array(busses * positions);

  /** Starts in the register reset state. */
  constructor() {
    const reset = SynapseDriverConfig.defaults();
    for (let d = 0; d < drivers; d++) this.setDriver(d, reset);
    this.rebuildAccepting();
  }

  configure(chip: Chip, changed: ChangeSet): void {
    if (!changed.has(SynapseDriverConfig)) return;
    changed.forEachInstance(SynapseDriverConfig, (d) => this.setDriver(d, chip.get(SynapseDriverConfig, SynapseDriverOnDLS(d))));
    this.rebuildAccepting();
  }

  /** The driver at `position` of chip-wide `bus`: block · 128 + position · 4 + bus % 4 (§1.1). */
  static driverOf(bus: number, position: number): number {
    return ((bus >> 2) << 7) | (position << 2) | (bus & 3);
  }

  private setDriver(d: number, value: ContainerValue<typeof SynapseDriverConfig>): void {
    this.receiver[d] = value.enableReceiver ? 1 : 0;
    this.compareMask[d] = value.rowAddressCompareMask;
    this.addressOut[d] = value.enableAddressOut ? 1 : 0;
    this.hagenModulation[d] = value.enableHagenModulation ? 1 : 0;
    this.rowModeTop[d] = rowModeCode[value.rowModeTop];
    this.rowModeBottom[d] = rowModeCode[value.rowModeBottom];
  }

  // 8 busses × 32 row-select values × 32 positions: cheap enough to redo whenever any driver changed.
  private rebuildAccepting(): void {
    for (let bus = 0; bus < busses; bus++) {
      for (let rowSelect = 0; rowSelect < positions; rowSelect++) {
        let bits = 0;
        for (let p = 0; p < positions; p++) {
          const d = SynapseDrivers.driverOf(bus, p);
          if (this.receiver[d] === 1 && ((rowSelect ^ p) & (this.compareMask[d] as number)) === 0) bits |= 1 << p;
        }
        this.accepting[bus * positions + rowSelect] = bits >>> 0;
      }
    }
  }
}
