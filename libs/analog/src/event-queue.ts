import { WindowEvents } from './window-events.js';

// Row events announced for a later cycle than the facade's present time (the router may deliver an event
// ahead of the executor's clock). They wait here, in time order (stable for equal cycles), and are applied when
// simulated time reaches them, so the membrane and the correlation sensors always see events in time order.
// The router reuses its column buffer, so a queued event keeps a copy. Flat typed arrays (window-events.ts), no
// object per event: with split windows the chip routes ~5,000 events per hardware ms ahead through here, and a
// window's own events are read in place.

/** Shifted entries are dropped once there are this many and they are at least half of the list. */
const compactAfter = 1024;

export class EventQueue {
  /** The events from `head` on are queued; those before it were shifted. */
  readonly events = new WindowEvents();
  private first = 0;

  /** Index of the earliest queued event in `events`. */
  get head(): number {
    return this.first;
  }

  /** Cycle of the earliest queued event (Infinity when empty). */
  get nextCycle(): number {
    return this.first < this.events.count ? (this.events.cycle[this.first] as number) : Infinity;
  }

  push(synram: number, row: number, columns: Uint8Array, count: number, rowMode: number, activation: number, cycle: number): void {
    const e = this.events;
    // Shifted events are dropped here, not in `shift`, so an index `shift` returned stays valid until the next push.
    if (this.first === e.count) {
      e.clear();
      this.first = 0;
    } else if (this.first >= compactAfter && 2 * this.first >= e.count) {
      e.dropBefore(this.first);
      this.first = 0;
    }
    let at = e.count;
    while (at > this.first && (e.cycle[at - 1] as number) > cycle) at--;
    e.push(synram, row, columns, count, rowMode, activation, cycle);
    if (at < e.count - 1) e.moveLastTo(at);
  }

  /** Index in `events` of the first queued event after `cycle` (`head` when there is none up to it). */
  endOf(cycle: number): number {
    const e = this.events;
    let i = this.first;
    while (i < e.count && (e.cycle[i] as number) <= cycle) i++;
    return i;
  }

  /** Removes the earliest event and returns its index in `events` (valid until the next push), or −1 when empty. */
  shift(): number {
    return this.first < this.events.count ? this.first++ : -1;
  }
}
