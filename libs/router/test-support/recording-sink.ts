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

