import { defineCoord, type Coord } from '../ranged.js';
import { unknownNameError } from '../coord-error.js';
import { AtomicNeuronOnDLS } from '../neuron/atomic-neuron.js';
import { NeuronConfigOnNeuronConfigBlock } from '../neuron/neuron-config.js';
import { CapMemBlockOnDLS } from './capmem-block.js';
import { CapMemCellOnCapMemBlock, CapMemColumnOnCapMemBlock, CapMemRowOnCapMemBlock } from './capmem-cell-on-block.js';
import { NeuronParameter, type CapMemQuantity } from './neuron-parameter.js';
import { globalCapMemCells, sharedCapMemCells, type GlobalCapMemCell, type SharedCapMemCell } from './named-cells.js';

// Reference §2.3: 4 blocks × 24 rows × 130 columns = 12,480 cells. Enumerated `block · 3120 + row · 130 +
// column` (halco v3/capmem.h CapMemCellOnDLS = CapMemMixin<CapMemCellOnCapMemBlock>).

const perBlock = CapMemCellOnCapMemBlock.size;
const columns = CapMemColumnOnCapMemBlock.size;

/** What a CapMem cell holds. */
export type CapMemCellKind = 'neuron' | 'shared' | 'global' | 'unused';

/** A (neuron, parameter) pair: the meaning of a per-neuron CapMem cell. */
export interface NeuronParameterCell {
  readonly neuron: AtomicNeuronOnDLS;
  readonly parameter: NeuronParameter;
}

interface NamedCell {
  readonly kind: 'shared' | 'global';
  readonly name: SharedCapMemCell | GlobalCapMemCell;
  readonly quantity: CapMemQuantity;
}

// The named (shared and global) cells by CapMemCellOnDLS value; every other cell in columns 128/129 is unused.
const namedCells = new Map<number, NamedCell>([
  ...sharedCapMemCells.flatMap((c) =>
    CapMemBlockOnDLS.all().map((b): [number, NamedCell] => [b * perBlock + c.row * columns + c.column, { kind: 'shared', ...c }]),
  ),
  ...globalCapMemCells.map((c): [number, NamedCell] =>
    [c.block * perBlock + c.row * columns + c.column, { kind: 'global', ...c }]),
]);
const sharedByName = new Map<string, (typeof sharedCapMemCells)[number]>(sharedCapMemCells.map((c) => [c.name, c]));
const globalByName = new Map<string, (typeof globalCapMemCells)[number]>(globalCapMemCells.map((c) => [c.name, c]));

/** One CapMem cell on the chip. */
const cell = defineCoord('CapMemCellOnDLS', 4 * perBlock - 1);
export const CapMemCellOnDLS = Object.assign(cell, {
  of: (block: CapMemBlockOnDLS, onBlock: CapMemCellOnCapMemBlock): CapMemCellOnDLS =>
    cell(CapMemBlockOnDLS(block) * perBlock + CapMemCellOnCapMemBlock(onBlock)),
  toCapMemBlockOnDLS: (c: CapMemCellOnDLS): CapMemBlockOnDLS => CapMemBlockOnDLS(Math.floor(cell(c) / perBlock)),
  toCapMemCellOnCapMemBlock: (c: CapMemCellOnDLS): CapMemCellOnCapMemBlock => CapMemCellOnCapMemBlock(cell(c) % perBlock),
  toCapMemRowOnCapMemBlock: (c: CapMemCellOnDLS): CapMemRowOnCapMemBlock =>
    CapMemCellOnCapMemBlock.toCapMemRowOnCapMemBlock(CapMemCellOnDLS.toCapMemCellOnCapMemBlock(c)),
  toCapMemColumnOnCapMemBlock: (c: CapMemCellOnDLS): CapMemColumnOnCapMemBlock =>
    CapMemCellOnCapMemBlock.toCapMemColumnOnCapMemBlock(CapMemCellOnDLS.toCapMemCellOnCapMemBlock(c)),
  /** True for the cells in the shared columns 128 and 129 (shared, global or unused), false for per-neuron cells. */
  isShared: (c: CapMemCellOnDLS): boolean => CapMemCellOnCapMemBlock.isShared(CapMemCellOnDLS.toCapMemCellOnCapMemBlock(c)),
  /** The cell holding `parameter` of `neuron`: the neuron's quadrant block, column `column % 128`, the parameter's row. */
  ofNeuron: (neuron: AtomicNeuronOnDLS, parameter: NeuronParameter): CapMemCellOnDLS =>
    cell(
      AtomicNeuronOnDLS.toCapMemBlockOnDLS(neuron) * perBlock +
        NeuronParameter.toCapMemRowOnCapMemBlock(parameter) * columns +
        AtomicNeuronOnDLS.toCapMemColumnOnCapMemBlock(neuron),
    ),
  /** The (neuron, parameter) a per-neuron cell holds; `undefined` for cells in the shared columns 128/129. */
  toNeuronParameter: (c: CapMemCellOnDLS): NeuronParameterCell | undefined =>
    CapMemCellOnDLS.isShared(c) ? undefined : { neuron: neuronOf(c), parameter: parameterOf(c) },
  /** The shared cell `name` of `block`; throws `CoordError` `unknown-name` for a name not in `sharedCapMemCells`. */
  ofShared: (block: CapMemBlockOnDLS, name: SharedCapMemCell): CapMemCellOnDLS => {
    const c = sharedByName.get(name);
    if (c === undefined) throw unknownNameError('SharedCapMemCell', name, [...sharedByName.keys()]);
    return cell(CapMemBlockOnDLS(block) * perBlock + c.row * columns + c.column);
  },
  /** The global cell `name`; throws `CoordError` `unknown-name` for a name not in `globalCapMemCells`. */
  ofGlobal: (name: GlobalCapMemCell): CapMemCellOnDLS => {
    const c = globalByName.get(name);
    if (c === undefined) throw unknownNameError('GlobalCapMemCell', name, [...globalByName.keys()]);
    return cell(c.block * perBlock + c.row * columns + c.column);
  },
  kind: (c: CapMemCellOnDLS): CapMemCellKind => (CapMemCellOnDLS.isShared(c) ? (namedCells.get(c)?.kind ?? 'unused') : 'neuron'),
  /** The parameter name of a per-neuron cell, the name of a shared or global cell, `undefined` for unused cells. */
  nameOf: (c: CapMemCellOnDLS): NeuronParameter | SharedCapMemCell | GlobalCapMemCell | undefined =>
    CapMemCellOnDLS.isShared(c) ? namedCells.get(c)?.name : parameterOf(c),
  /** Whether the cell drives a voltage or a current (§10.3); `undefined` for unused cells. */
  quantityOf: (c: CapMemCellOnDLS): CapMemQuantity | undefined => {
    const name = CapMemCellOnDLS.nameOf(c);
    return NeuronParameter.is(name) ? NeuronParameter.quantityOf(name) : namedCells.get(c)?.quantity;
  },
});
export type CapMemCellOnDLS = Coord<'CapMemCellOnDLS'>;

function parameterOf(c: CapMemCellOnDLS): NeuronParameter {
  return NeuronParameter.fromCapMemRowOnCapMemBlock(CapMemCellOnDLS.toCapMemRowOnCapMemBlock(c));
}

function neuronOf(c: CapMemCellOnDLS): AtomicNeuronOnDLS {
  const block = CapMemBlockOnDLS.toNeuronConfigBlockOnDLS(CapMemCellOnDLS.toCapMemBlockOnDLS(c));
  const column = CapMemCellOnDLS.toCapMemColumnOnCapMemBlock(c);
  return AtomicNeuronOnDLS.fromNeuronConfig(block, NeuronConfigOnNeuronConfigBlock(column));
}
