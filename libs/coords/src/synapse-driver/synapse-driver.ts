import { defineCoord, type Coord } from '../ranged.js';
import { HemisphereOnDLS } from '../hemisphere.js';
import { SynramOnDLS } from '../synapse/synram.js';
import { SynapseRowOnDLS, SynapseRowOnSynapseDriver, SynapseRowOnSynram } from '../synapse/synapse-row.js';
import { PADIBusBlockOnDLS, PADIBusOnDLS, PADIBusOnPADIBusBlock } from '../padi/padi-bus.js';
import { CapMemBlockOnDLS } from '../capmem/capmem-block.js';

// Reference §1.1: 128 synapse drivers per hemisphere; driver d sits on PADI bus d % 4 at position d / 4
// (32 drivers per bus) and feeds synapse rows 2d+1 and 2d (halco synapse_driver.cpp).

const perBlock = 128;
const busses = 4;

/** Position of a driver on its PADI bus, 0..31: the 5-bit row-select address it answers to (§1.3, §1.4). */
export const SynapseDriverOnPADIBus = defineCoord('SynapseDriverOnPADIBus', perBlock / busses - 1);
export type SynapseDriverOnPADIBus = Coord<'SynapseDriverOnPADIBus'>;

/** Synapse driver block: 0 top, 1 bottom (one per hemisphere). */
const driverBlock = defineCoord('SynapseDriverBlockOnDLS', 1);
export const SynapseDriverBlockOnDLS = Object.assign(driverBlock, {
  top: driverBlock(0),
  bottom: driverBlock(1),
  toHemisphereOnDLS: (b: SynapseDriverBlockOnDLS): HemisphereOnDLS => HemisphereOnDLS(driverBlock(b)),
  fromHemisphereOnDLS: (h: HemisphereOnDLS): SynapseDriverBlockOnDLS => driverBlock(HemisphereOnDLS(h)),
  toSynramOnDLS: (b: SynapseDriverBlockOnDLS): SynramOnDLS => SynramOnDLS(driverBlock(b)),
  toPADIBusBlockOnDLS: (b: SynapseDriverBlockOnDLS): PADIBusBlockOnDLS => PADIBusBlockOnDLS(driverBlock(b)),
});
export type SynapseDriverBlockOnDLS = Coord<'SynapseDriverBlockOnDLS'>;

/** Driver inside its block, 0..127. */
const driverOnBlock = defineCoord('SynapseDriverOnSynapseDriverBlock', perBlock - 1);
export const SynapseDriverOnSynapseDriverBlock = Object.assign(driverOnBlock, {
  /** The driver at `position` on bus `bus`: `position · 4 + bus` (halco synapse_driver.cpp). */
  ofPADIBus: (bus: PADIBusOnPADIBusBlock, position: SynapseDriverOnPADIBus): SynapseDriverOnSynapseDriverBlock =>
    driverOnBlock(SynapseDriverOnPADIBus(position) * busses + PADIBusOnPADIBusBlock(bus)),
  toPADIBusOnPADIBusBlock: (d: SynapseDriverOnSynapseDriverBlock): PADIBusOnPADIBusBlock =>
    PADIBusOnPADIBusBlock(driverOnBlock(d) % busses),
  toSynapseDriverOnPADIBus: (d: SynapseDriverOnSynapseDriverBlock): SynapseDriverOnPADIBus =>
    SynapseDriverOnPADIBus(Math.floor(driverOnBlock(d) / busses)),
  /** Row 0 (top) of driver d is row 2d+1, row 1 (bottom) is 2d (halco synapse_driver.cpp toSynapseRowOnSynram). */
  toSynapseRowOnSynram: (d: SynapseDriverOnSynapseDriverBlock, which: SynapseRowOnSynapseDriver): SynapseRowOnSynram =>
    SynapseRowOnSynram(2 * driverOnBlock(d) + 1 - SynapseRowOnSynapseDriver(which)),
  /** Both rows, indexed by SynapseRowOnSynapseDriver: `[2d+1, 2d]`. */
  toSynapseRowsOnSynram: (d: SynapseDriverOnSynapseDriverBlock): readonly [SynapseRowOnSynram, SynapseRowOnSynram] => [
    SynapseDriverOnSynapseDriverBlock.toSynapseRowOnSynram(d, SynapseRowOnSynapseDriver.top),
    SynapseDriverOnSynapseDriverBlock.toSynapseRowOnSynram(d, SynapseRowOnSynapseDriver.bottom),
  ],
});
export type SynapseDriverOnSynapseDriverBlock = Coord<'SynapseDriverOnSynapseDriverBlock'>;

/** Driver on the chip: `block · 128 + driver` (halco SynapseDriverOnDLS). */
const driverOnDLS = defineCoord('SynapseDriverOnDLS', 2 * perBlock - 1);
export const SynapseDriverOnDLS = Object.assign(driverOnDLS, {
  of: (block: SynapseDriverBlockOnDLS, driver: SynapseDriverOnSynapseDriverBlock): SynapseDriverOnDLS =>
    driverOnDLS(driverBlock(block) * perBlock + driverOnBlock(driver)),
  /** The driver at `position` on chip-wide bus `bus` (bus 0..3 top, 4..7 bottom). */
  ofPADIBus: (bus: PADIBusOnDLS, position: SynapseDriverOnPADIBus): SynapseDriverOnDLS =>
    SynapseDriverOnDLS.of(
      SynapseDriverBlockOnDLS(PADIBusOnDLS.toPADIBusBlockOnDLS(bus)),
      SynapseDriverOnSynapseDriverBlock.ofPADIBus(PADIBusOnDLS.toPADIBusOnPADIBusBlock(bus), position),
    ),
  toSynapseDriverBlockOnDLS: (d: SynapseDriverOnDLS): SynapseDriverBlockOnDLS =>
    driverBlock(Math.floor(driverOnDLS(d) / perBlock)),
  toSynapseDriverOnSynapseDriverBlock: (d: SynapseDriverOnDLS): SynapseDriverOnSynapseDriverBlock =>
    driverOnBlock(driverOnDLS(d) % perBlock),
  toHemisphereOnDLS: (d: SynapseDriverOnDLS): HemisphereOnDLS => HemisphereOnDLS(Math.floor(driverOnDLS(d) / perBlock)),
  /** Bus `d % 4` of the driver's hemisphere (§1.1). */
  toPADIBusOnDLS: (d: SynapseDriverOnDLS): PADIBusOnDLS =>
    PADIBusOnDLS(SynapseDriverOnDLS.toSynapseDriverBlockOnDLS(d) * busses + (d % busses)),
  toSynapseDriverOnPADIBus: (d: SynapseDriverOnDLS): SynapseDriverOnPADIBus =>
    SynapseDriverOnPADIBus(Math.floor((driverOnDLS(d) % perBlock) / busses)),
  /** Row 0 (top) is 2d+1, row 1 (bottom) 2d, in the driver's own synram. */
  toSynapseRowOnDLS: (d: SynapseDriverOnDLS, which: SynapseRowOnSynapseDriver): SynapseRowOnDLS =>
    SynapseRowOnDLS(2 * driverOnDLS(d) + 1 - SynapseRowOnSynapseDriver(which)),
  /** Both rows, indexed by SynapseRowOnSynapseDriver: `[2d+1, 2d]` (see README on halco's order). */
  toSynapseRowsOnDLS: (d: SynapseDriverOnDLS): readonly [SynapseRowOnDLS, SynapseRowOnDLS] => [
    SynapseDriverOnDLS.toSynapseRowOnDLS(d, SynapseRowOnSynapseDriver.top),
    SynapseDriverOnDLS.toSynapseRowOnDLS(d, SynapseRowOnSynapseDriver.bottom),
  ],
  /** Even drivers use the hemisphere's west CapMem block, odd ones the east block (halco synapse_driver.cpp). */
  toCapMemBlockOnDLS: (d: SynapseDriverOnDLS): CapMemBlockOnDLS =>
    CapMemBlockOnDLS(2 * SynapseDriverOnDLS.toSynapseDriverBlockOnDLS(d) + (d % 2)),
});
export type SynapseDriverOnDLS = Coord<'SynapseDriverOnDLS'>;
