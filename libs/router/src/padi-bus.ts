import { PADIBusBlockOnDLS, PADIBusOnDLS } from '@bss2/coords';
import { CommonPADIBusConfig, type ChangeSet, type Chip, type ContainerValue } from '@bss2/regs';

// Reference §1.2, §1.5: crossbar output k (0..7) drives PADI bus k (bus k % 4 of block k / 4). A crossbar
// (SPL1) event enters the bus only when CommonPADIBusConfig[block].enableSpl1[bus] is set; PADIEvent
// trigger writes bypass that gate (they are injected at the bus itself).

const bussesPerBlock = 4;

/** The SPL1 input gate of the 8 PADI busses. */
export class PADIBusses {
  /** 1 where bus `PADIBusOnDLS` accepts crossbar events. */
  readonly spl1Enabled = new Uint8Array(PADIBusOnDLS.size);

  /** Starts in the register reset state. */
  constructor() {
    const reset = CommonPADIBusConfig.defaults();
    for (let block = 0; block < PADIBusBlockOnDLS.size; block++) this.setBlock(block, reset);
  }

  configure(chip: Chip, changed: ChangeSet): void {
    changed.forEachInstance(CommonPADIBusConfig, (block) =>
      this.setBlock(block, chip.get(CommonPADIBusConfig, PADIBusBlockOnDLS(block))),
    );
  }

  private setBlock(block: number, value: ContainerValue<typeof CommonPADIBusConfig>): void {
    value.enableSpl1.forEach((on, bus) => (this.spl1Enabled[block * bussesPerBlock + bus] = on ? 1 : 0));
  }
}
