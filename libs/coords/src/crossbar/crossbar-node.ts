import { defineCoord, type Coord } from '../ranged.js';
import { CoordError } from '../coord-error.js';
import { CrossbarInputOnDLS } from './crossbar-input.js';
import { CrossbarOutputOnDLS } from './crossbar-output.js';

// Reference §1.2 node sparsity, and the node map in halco routing_crossbar.h / the node list in
// routing_crossbar.cpp. Only 76 of the 20 × 12 input/output positions have a node:
//   neuron input i (0..7):      PADI bus i % 4 (top), PADI bus 4 + i % 4 (bottom), L2 output i % 4
//   L2 input l (8..11):         all 8 PADI busses, L2 output l − 8
//   background input b (12..19): PADI bus b − 12, L2 output (b − 12) % 4

const inputs = 20;
const outputs = 12;

/** True when the crossbar has a node from `input` to `output` (§1.2). */
function nodeExists(input: number, output: number): boolean {
  if (input < 8) return output % 4 === input % 4;
  if (input < 12) return output < 8 || output === 8 + (input - 8);
  const source = input - 12;
  return output === source || output === 8 + (source % 4);
}

/** Position in the full input × output grid: `input · 12 + output`. */
const gridIndex = defineCoord('CrossbarGridIndexOnDLS', inputs * outputs - 1);

// The existing nodes, counted "continuously from the top-left to the bottom-right corner" of the halco map,
// i.e. input-major, outputs ascending (halco routing_crossbar.h); haldls addresses node n at
// crossbar_node_base_address + n, so this dense order is also the register-file order.
const nodeGrid: readonly number[] = Array.from({ length: inputs * outputs }, (_, g) => g).filter((g) =>
  nodeExists(Math.floor(g / outputs), g % outputs),
);
const gridToNode = new Int16Array(inputs * outputs).fill(-1);
nodeGrid.forEach((g, n) => (gridToNode[g] = n));

/**
 * Crossbar node, enumerating only the 76 nodes that exist, in halco's (and the register file's) order.
 * `of(input, output)` throws `CoordError` `no-such-node` where the chip has no node.
 */
const node = defineCoord('CrossbarNodeOnDLS', nodeGrid.length - 1);
export const CrossbarNodeOnDLS = Object.assign(node, {
  exists: (input: CrossbarInputOnDLS, output: CrossbarOutputOnDLS): boolean =>
    nodeExists(CrossbarInputOnDLS(input), CrossbarOutputOnDLS(output)),
  of: (input: CrossbarInputOnDLS, output: CrossbarOutputOnDLS): CrossbarNodeOnDLS => {
    const n = gridToNode[CrossbarGridIndexOnDLS.of(input, output)] ?? -1;
    if (n < 0) throw noSuchNode(input, output);
    return node(n);
  },
  toCrossbarInputOnDLS: (n: CrossbarNodeOnDLS): CrossbarInputOnDLS => CrossbarInputOnDLS(Math.floor(gridOf(n) / outputs)),
  toCrossbarOutputOnDLS: (n: CrossbarNodeOnDLS): CrossbarOutputOnDLS => CrossbarOutputOnDLS(gridOf(n) % outputs),
  /** The node's position `input · 12 + output` in the full 20 × 12 grid (for dense matrices). */
  toGridIndex: (n: CrossbarNodeOnDLS): CrossbarGridIndexOnDLS => gridIndex(gridOf(n)),
  /** All nodes fed by `input`, outputs ascending. */
  allOfInput: (input: CrossbarInputOnDLS): readonly CrossbarNodeOnDLS[] => {
    const i = CrossbarInputOnDLS(input);
    return node.all().filter((n) => CrossbarNodeOnDLS.toCrossbarInputOnDLS(n) === i);
  },
  /** All nodes driving `output`, inputs ascending. */
  allOfOutput: (output: CrossbarOutputOnDLS): readonly CrossbarNodeOnDLS[] => {
    const o = CrossbarOutputOnDLS(output);
    return node.all().filter((n) => CrossbarNodeOnDLS.toCrossbarOutputOnDLS(n) === o);
  },
});
export type CrossbarNodeOnDLS = Coord<'CrossbarNodeOnDLS'>;

/** A position of the full crossbar grid, whether or not a node exists there: `input · 12 + output`. */
export const CrossbarGridIndexOnDLS = Object.assign(gridIndex, {
  of: (input: CrossbarInputOnDLS, output: CrossbarOutputOnDLS): CrossbarGridIndexOnDLS =>
    gridIndex(CrossbarInputOnDLS(input) * outputs + CrossbarOutputOnDLS(output)),
  toCrossbarInputOnDLS: (g: CrossbarGridIndexOnDLS): CrossbarInputOnDLS => CrossbarInputOnDLS(Math.floor(gridIndex(g) / outputs)),
  toCrossbarOutputOnDLS: (g: CrossbarGridIndexOnDLS): CrossbarOutputOnDLS => CrossbarOutputOnDLS(gridIndex(g) % outputs),
  /** The node at this position, `undefined` where the chip has none. */
  toCrossbarNodeOnDLS: (g: CrossbarGridIndexOnDLS): CrossbarNodeOnDLS | undefined => {
    const n = gridToNode[gridIndex(g)] ?? -1;
    return n < 0 ? undefined : node(n);
  },
});
export type CrossbarGridIndexOnDLS = Coord<'CrossbarGridIndexOnDLS'>;

function gridOf(n: CrossbarNodeOnDLS): number {
  return nodeGrid[node(n)] as number;
}

function noSuchNode(input: CrossbarInputOnDLS, output: CrossbarOutputOnDLS): CoordError {
  return new CoordError(
    'no-such-node',
    'CrossbarNodeOnDLS',
    { input, output },
    { min: 0, max: nodeGrid.length - 1 },
    `CrossbarNodeOnDLS: the crossbar has no node from input ${input} to output ${output} (reference §1.2 node sparsity)`,
  );
}
