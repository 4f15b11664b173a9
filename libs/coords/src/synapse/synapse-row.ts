import { defineCoord, type Coord } from '../ranged.js';
import { SynramOnDLS } from './synram.js';
import { SynapseDriverOnDLS, SynapseDriverOnSynapseDriverBlock } from '../synapse-driver/synapse-driver.js';

// Reference §1.1: 256 synapse rows per synram; synapse driver d feeds rows 2d+1 and 2d (in that order).

const rows = 256;

/**
 * Which of a driver's two rows: 0 ("top" in halco) is the odd row 2d+1, 1 ("bottom") the even row 2d
 * (halco synapse.cpp SynapseRowOnSynram::toSynapseRowOnSynapseDriver; synapse_driver.cpp).
 */
const rowOnDriver = defineCoord('SynapseRowOnSynapseDriver', 1);
export const SynapseRowOnSynapseDriver = Object.assign(rowOnDriver, {
  top: rowOnDriver(0),
  bottom: rowOnDriver(1),
});
export type SynapseRowOnSynapseDriver = Coord<'SynapseRowOnSynapseDriver'>;

/** Synapse row inside its synram, 0..255. */
const rowOnSynram = defineCoord('SynapseRowOnSynram', rows - 1);
export const SynapseRowOnSynram = Object.assign(rowOnSynram, {
  /** Row r is fed by driver r / 2 of its hemisphere (halco synapse.cpp). */
  toSynapseDriverOnSynapseDriverBlock: (r: SynapseRowOnSynram): SynapseDriverOnSynapseDriverBlock =>
    SynapseDriverOnSynapseDriverBlock(Math.floor(rowOnSynram(r) / 2)),
  /** Odd rows are the driver's row 0 (top), even rows its row 1 (bottom) (halco synapse.cpp). */
  toSynapseRowOnSynapseDriver: (r: SynapseRowOnSynram): SynapseRowOnSynapseDriver => rowOnDriver(1 - (rowOnSynram(r) % 2)),
});
export type SynapseRowOnSynram = Coord<'SynapseRowOnSynram'>;

/** Synapse row on the chip: `synram · 256 + row` (halco SynramMixin). */
const rowOnDLS = defineCoord('SynapseRowOnDLS', 2 * rows - 1);
export const SynapseRowOnDLS = Object.assign(rowOnDLS, {
  of: (synram: SynramOnDLS, row: SynapseRowOnSynram): SynapseRowOnDLS => rowOnDLS(SynramOnDLS(synram) * rows + rowOnSynram(row)),
  toSynramOnDLS: (r: SynapseRowOnDLS): SynramOnDLS => SynramOnDLS(Math.floor(rowOnDLS(r) / rows)),
  toSynapseRowOnSynram: (r: SynapseRowOnDLS): SynapseRowOnSynram => rowOnSynram(rowOnDLS(r) % rows),
  /** The driver feeding the row: same hemisphere, driver (row % 256) / 2, i.e. `r / 2` chip-wide. */
  toSynapseDriverOnDLS: (r: SynapseRowOnDLS): SynapseDriverOnDLS => SynapseDriverOnDLS(Math.floor(rowOnDLS(r) / 2)),
  toSynapseRowOnSynapseDriver: (r: SynapseRowOnDLS): SynapseRowOnSynapseDriver => rowOnDriver(1 - (rowOnDLS(r) % 2)),
});
export type SynapseRowOnDLS = Coord<'SynapseRowOnDLS'>;
