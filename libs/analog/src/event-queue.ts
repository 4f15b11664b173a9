// Row events announced for a later cycle than the facade's present time (the router may deliver an event
// ahead of the executor's clock). They wait here, in time order (stable for equal cycles), and are applied when
// simulated time reaches them, so the membrane and the correlation sensors always see events in time order.
// The router reuses its column buffer, so a queued event keeps a copy.

export interface QueuedRowEvent {
  readonly synram: number;
  readonly row: number;
  readonly columns: Uint8Array;
  readonly rowMode: number;
  readonly activation: number;
  readonly cycle: number;
}

/** Shifted entries are dropped once there are this many and they are at least half of the array. */
const compactAfter = 1024;

export class EventQueue {
  private readonly events: QueuedRowEvent[] = [];
  private head = 0;

  /** Cycle of the earliest queued event (Infinity when empty). */
  get nextCycle(): number {
    return this.head < this.events.length ? (this.events[this.head] as QueuedRowEvent).cycle : Infinity;
  }

  push(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    const event = { synram, row, columns: columns.slice(0, count), rowMode, activation, cycle };
    let at = this.events.length;
    while (at > this.head && (this.events[at - 1] as QueuedRowEvent).cycle > cycle) at--;
    if (at === this.events.length) this.events.push(event);
    else this.events.splice(at, 0, event);
  }

  /** Calls `visit` for every queued event up to `cycle`, in order, without removing them. */
  forEachUntil(cycle: number, visit: (event: QueuedRowEvent) => void): void {
    for (let i = this.head; i < this.events.length && (this.events[i] as QueuedRowEvent).cycle <= cycle; i++) visit(this.events[i] as QueuedRowEvent);
  }

  /** Removes and returns the earliest event. */
  shift(): QueuedRowEvent | undefined {
    const event = this.events[this.head];
    if (event === undefined) return undefined;
    this.head++;
    if (this.head === this.events.length) {
      this.events.length = 0;
      this.head = 0;
    } else if (this.head >= compactAfter && 2 * this.head >= this.events.length) {
      // Events routed ahead (split windows) keep the queue from ever running empty: drop the shifted ones.
      this.events.splice(0, this.head);
      this.head = 0;
    }
    return event;
  }
}
