import type { RouterSink } from '../src/index.js';

/** One row event as the sink saw it (columns copied, since the router reuses its buffers). */
export interface RowEvent {
  readonly synram: number;
  readonly row: number;
  readonly columns: readonly number[];
  readonly rowMode: number;
  readonly activation: number;
  readonly cycle: number;
}

/** One event on an L2 output. */
export interface L2Event {
  readonly label: number;
  readonly cycle: number;
}

/** A RouterSink that records everything, in call order. */
export class RecordingSink implements RouterSink {
  readonly rows: RowEvent[] = [];
  readonly l2: L2Event[] = [];

  synapseRowEvent(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    this.rows.push({ synram, row, columns: Array.from(columns.subarray(0, count)), rowMode, activation, cycle });
  }

  l2Event(label: number, cycle: number): void {
    this.l2.push({ label, cycle });
  }

  clear(): void {
    this.rows.length = 0;
    this.l2.length = 0;
  }
}

// The crossbar node map of halco include/halco/hicann-dls/vx/routing_crossbar.h (reference §1.2), transcribed
// for the tests' own predicates: one line per input (0–7 neurons, 8–11 L2, 12–19 background), one character
// per output (0–3 top PADI, 4–7 bottom PADI, 8–11 L2).
const nodeMap = `
X...X...X...
.X...X...X..
..X...X...X.
...X...X...X
X...X...X...
.X...X...X..
..X...X...X.
...X...X...X
XXXXXXXXX...
XXXXXXXX.X..
XXXXXXXX..X.
XXXXXXXX...X
X.......X...
.X.......X..
..X.......X.
...X.......X
....X...X...
.....X...X..
......X...X.
.......X...X`
  .trim()
  .split('\n');

/** True where the halco map has a node from `input` to `output`. */
export function nodeInMap(input: number, output: number): boolean {
  return nodeMap[input]?.[output] === 'X';
}
