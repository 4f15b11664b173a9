import { defineCoord, type Coord } from '../ranged.js';

// Reference §2.3: a CapMem block has 24 rows × 130 columns; columns 0..127 belong to the 128 neurons of the
// block's quadrant (one parameter per row), columns 128 and 129 hold shared and global cells
// (halco capmem.h CapMemColumnOnCapMemBlock, v3/capmem.h CapMemCellOnCapMemBlock).

const rows = 24;
const columns = 130;
const neuronColumns = 128;

/** CapMem row 0..23; in a per-neuron column, the row is the parameter (see `neuronParameters`). */
export const CapMemRowOnCapMemBlock = defineCoord('CapMemRowOnCapMemBlock', rows - 1);
export type CapMemRowOnCapMemBlock = Coord<'CapMemRowOnCapMemBlock'>;

/** CapMem column 0..129: 0..127 per neuron (`column % 128` of the neuron), 128 and 129 shared/global. */
const column = defineCoord('CapMemColumnOnCapMemBlock', columns - 1);
export const CapMemColumnOnCapMemBlock = Object.assign(column, {
  /** True for the two non-neuron columns 128 and 129 (halco capmem.h isShared). */
  isShared: (c: CapMemColumnOnCapMemBlock): boolean => column(c) >= neuronColumns,
});
export type CapMemColumnOnCapMemBlock = Coord<'CapMemColumnOnCapMemBlock'>;

/** Cell inside a block: `row · 130 + column` (halco v3/capmem.h grid, x = column, y = row). */
const cell = defineCoord('CapMemCellOnCapMemBlock', rows * columns - 1);
export const CapMemCellOnCapMemBlock = Object.assign(cell, {
  of: (row: CapMemRowOnCapMemBlock, col: CapMemColumnOnCapMemBlock): CapMemCellOnCapMemBlock =>
    cell(CapMemRowOnCapMemBlock(row) * columns + column(col)),
  toCapMemRowOnCapMemBlock: (c: CapMemCellOnCapMemBlock): CapMemRowOnCapMemBlock =>
    CapMemRowOnCapMemBlock(Math.floor(cell(c) / columns)),
  toCapMemColumnOnCapMemBlock: (c: CapMemCellOnCapMemBlock): CapMemColumnOnCapMemBlock => column(cell(c) % columns),
  /** True for the cells in the shared columns 128 and 129. */
  isShared: (c: CapMemCellOnCapMemBlock): boolean =>
    CapMemColumnOnCapMemBlock.isShared(CapMemCellOnCapMemBlock.toCapMemColumnOnCapMemBlock(c)),
});
export type CapMemCellOnCapMemBlock = Coord<'CapMemCellOnCapMemBlock'>;
