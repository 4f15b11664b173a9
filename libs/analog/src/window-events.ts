// Row events as flat typed arrays, in time order: the facade's event queue (event-queue.ts) and the events of a
// batch of split windows, copied out of it so they can be handed to another thread in one message
// (hemisphere-thread.ts). Columns of all events share one byte array; event i's are
// columns[columnStart[i] .. + columnCount[i]), or all 256 in order where columnStart[i] is −1 (the common case:
// a row of a fully connected synram; nothing is copied for it).

/** Plain arrays of a `WindowEvents`, as posted between threads (structured clone). */
export interface WindowEventsData {
  readonly count: number;
  readonly cycle: Float64Array<ArrayBuffer>;
  readonly synram: Uint8Array<ArrayBuffer>;
  readonly row: Uint8Array<ArrayBuffer>;
  readonly rowMode: Uint8Array<ArrayBuffer>;
  readonly activation: Int8Array<ArrayBuffer>;
  readonly columnStart: Int32Array<ArrayBuffer>;
  readonly columnCount: Int32Array<ArrayBuffer>;
  readonly columns: Uint8Array<ArrayBuffer>;
}

/** Columns 0..255. */
const allColumns = Uint8Array.from({ length: 256 }, (_, c) => c);

export class WindowEvents {
  count = 0;
  cycle = new Float64Array(64);
  synram = new Uint8Array(64);
  row = new Uint8Array(64);
  rowMode = new Uint8Array(64);
  /** HAGEN activation 0..31, or −1 without modulation. */
  activation = new Int8Array(64);
  columnStart = new Int32Array(64);
  columnCount = new Int32Array(64);
  columns = new Uint8Array(64 * 256);
  private columnsUsed = 0;

  /**
   * Takes the arrays of `data` (as posted by another thread) for this list's own: a thread receiving a list per
   * window reuses one instance instead of allocating a new one's arrays only to drop them.
   */
  adopt(data: WindowEventsData): this {
    this.count = data.count;
    this.cycle = data.cycle;
    this.synram = data.synram;
    this.row = data.row;
    this.rowMode = data.rowMode;
    this.activation = data.activation;
    this.columnStart = data.columnStart;
    this.columnCount = data.columnCount;
    this.columns = data.columns;
    this.columnsUsed = data.columns.length;
    return this;
  }

  clear(): void {
    this.count = 0;
    this.columnsUsed = 0;
  }

  push(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    const i = this.add(synram, row, count, rowMode, activation, cycle);
    // A row event's columns are distinct and come ascending from the router (RouterSink.synapseRowEvent): 256 of
    // them starting at 0 and ending at 255 are 0..255 (the order of columns changes no result). Comparing all 256
    // cost ~170 ns per event, ~0.9 ms of the serial share per hardware ms of the full benchmark chip.
    if (count === 256 && columns[0] === 0 && columns[255] === 255) this.columnStart[i] = -1;
    else this.copyColumns(i, columns, count);
  }

  /** Appends event i of `from` (another list). */
  pushFrom(from: WindowEvents, i: number): void {
    const count = from.columnCount[i] as number;
    const j = this.add(from.synram[i] as number, from.row[i] as number, count, from.rowMode[i] as number, from.activation[i] as number, from.cycle[i] as number);
    if ((from.columnStart[i] as number) < 0) this.columnStart[j] = -1;
    else this.copyColumns(j, from.columnsOf(i), count);
  }

  /** A new event without its columns; returns its index. */
  private add(synram: number, row: number, count: number, rowMode: number, activation: number, cycle: number): number {
    if (this.count === this.cycle.length) this.grow();
    const i = this.count++;
    this.cycle[i] = cycle;
    this.synram[i] = synram;
    this.row[i] = row;
    this.rowMode[i] = rowMode;
    this.activation[i] = activation;
    this.columnCount[i] = count;
    return i;
  }

  private copyColumns(i: number, columns: Uint8Array, count: number): void {
    if (this.columnsUsed + count > this.columns.length) {
      const bigger = new Uint8Array(2 * (this.columnsUsed + count));
      bigger.set(this.columns.subarray(0, this.columnsUsed));
      this.columns = bigger;
    }
    this.columnStart[i] = this.columnsUsed;
    this.columns.set(count === columns.length ? columns : columns.subarray(0, count), this.columnsUsed);
    this.columnsUsed += count;
  }

  /** Moves the last event to index `at`, the events from there on one place up. */
  moveLastTo(at: number): void {
    const last = this.count - 1;
    for (const a of [this.cycle, this.synram, this.row, this.rowMode, this.activation, this.columnStart, this.columnCount]) {
      const moved = a[last] as number;
      a.copyWithin(at + 1, at, last);
      a[at] = moved;
    }
  }

  /** Drops the events before index `first` (their columns too). */
  dropBefore(first: number): void {
    const n = this.count - first;
    let from = this.columnsUsed;
    for (let i = first; i < this.count; i++) if ((this.columnStart[i] as number) >= 0) from = Math.min(from, this.columnStart[i] as number);
    for (const a of [this.cycle, this.synram, this.row, this.rowMode, this.activation, this.columnStart, this.columnCount]) a.copyWithin(0, first, this.count);
    for (let i = 0; i < n; i++) if ((this.columnStart[i] as number) >= 0) this.columnStart[i] = (this.columnStart[i] as number) - from;
    this.columns.copyWithin(0, from, this.columnsUsed);
    this.columnsUsed -= from;
    this.count = n;
  }

  /** The columns of event i (a view). */
  columnsOf(i: number): Uint8Array {
    const start = this.columnStart[i] as number;
    if (start < 0) return allColumns;
    return this.columns.subarray(start, start + (this.columnCount[i] as number));
  }

  /** Copies of the used parts, for posting to another thread. */
  data(): WindowEventsData {
    const n = this.count;
    return {
      count: n,
      cycle: this.cycle.slice(0, n),
      synram: this.synram.slice(0, n),
      row: this.row.slice(0, n),
      rowMode: this.rowMode.slice(0, n),
      activation: this.activation.slice(0, n),
      columnStart: this.columnStart.slice(0, n),
      columnCount: this.columnCount.slice(0, n),
      columns: this.columns.slice(0, this.columnsUsed),
    };
  }

  private grow(): void {
    const size = 2 * this.cycle.length;
    const widen = <T extends Float64Array | Uint8Array | Int8Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const b = make(size);
      b.set(a);
      return b;
    };
    this.cycle = widen(this.cycle, (n) => new Float64Array(n));
    this.synram = widen(this.synram, (n) => new Uint8Array(n));
    this.row = widen(this.row, (n) => new Uint8Array(n));
    this.rowMode = widen(this.rowMode, (n) => new Uint8Array(n));
    this.activation = widen(this.activation, (n) => new Int8Array(n));
    this.columnStart = widen(this.columnStart, (n) => new Int32Array(n));
    this.columnCount = widen(this.columnCount, (n) => new Int32Array(n));
  }
}
