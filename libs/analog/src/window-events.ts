// The row events of one window of a split run (hemisphere-thread.ts), as flat typed arrays: one list per
// synram, in time order, copied out of the facade's event queue so they can be handed to another thread in one
// message. Columns of all events share one byte array; event i's are columns[columnStart[i] .. + columnCount[i]).

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

  static from(data: WindowEventsData): WindowEvents {
    const e = new WindowEvents();
    Object.assign(e, data);
    e.columnsUsed = data.columns.length;
    return e;
  }

  clear(): void {
    this.count = 0;
    this.columnsUsed = 0;
  }

  push(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    if (this.count === this.cycle.length) this.grow();
    if (this.columnsUsed + count > this.columns.length) {
      const bigger = new Uint8Array(2 * (this.columnsUsed + count));
      bigger.set(this.columns.subarray(0, this.columnsUsed));
      this.columns = bigger;
    }
    const i = this.count++;
    this.cycle[i] = cycle;
    this.synram[i] = synram;
    this.row[i] = row;
    this.rowMode[i] = rowMode;
    this.activation[i] = activation;
    this.columnStart[i] = this.columnsUsed;
    this.columnCount[i] = count;
    this.columns.set(count === columns.length ? columns : columns.subarray(0, count), this.columnsUsed);
    this.columnsUsed += count;
  }

  /** The columns of event i (a view). */
  columnsOf(i: number): Uint8Array {
    const start = this.columnStart[i] as number;
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
