import { describe, expect, it } from 'vitest';
import { ThreadChoice } from './thread-choice.js';

/** A choice that has measured two threads at `twoMs` and one at `oneMs` per 1000 cycles. */
function measured(twoMs: number, oneMs: number): ThreadChoice {
  const choice = new ThreadChoice();
  expect(choice.next()).toBe(true);
  choice.record(true, twoMs, 1000);
  expect(choice.next()).toBe(false);
  choice.record(false, oneMs, 1000);
  return choice;
}

/** The ways of the next `count` batches, each recorded at `ms(two)` per 1000 cycles. */
function run(choice: ThreadChoice, count: number, ms: (two: boolean) => number): boolean[] {
  return Array.from({ length: count }, () => {
    const two = choice.next();
    choice.record(two, ms(two), 1000);
    return two;
  });
}

/** Indices of the batches that used two threads. */
const twoThreadBatches = (picks: boolean[]) => picks.flatMap((two, i) => (two ? [i] : []));

describe('ThreadChoice', () => {
  it('keeps the faster way and probes the other every 8th batch at first, spaced out while it stays clearly slower', () => {
    const choice = measured(30, 20);
    // Probes after 8, 16, 32 and 64 batches, then every 64th.
    expect(twoThreadBatches(run(choice, 250, (two) => (two ? 30 : 20)))).toEqual([7, 23, 55, 119, 183, 247]);
  });

  it('keeps probing every 8th batch while the other way is close', () => {
    const choice = measured(22, 20);
    expect(twoThreadBatches(run(choice, 40, (two) => (two ? 22 : 20)))).toEqual([7, 15, 23, 31, 39]);
  });

  it('probes every 8th batch again after a probe that is not clearly slower', () => {
    const choice = measured(30, 20);
    // Probes after 8, 16 and 32 batches find two threads clearly slower: the next comes 64 batches later.
    expect(twoThreadBatches(run(choice, 56, (two) => (two ? 30 : 20)))).toEqual([7, 23, 55]);
    // Two threads got close (21 against 20): that probe brings the spacing back to 8.
    expect(twoThreadBatches(run(choice, 80, (two) => (two ? 21 : 20)))).toEqual([63, 71, 79]);
  });

  it('follows a change: two threads win once their batches get faster', () => {
    const choice = measured(30, 20);
    for (let i = 0; i < 8; i++) choice.record(true, 10, 1000);
    expect(choice.next()).toBe(true);
  });

  it('follows a change of the used way without waiting for a probe', () => {
    const choice = measured(20, 30);
    run(choice, 100, (two) => (two ? 20 : 30));
    // The machine gets busy: two threads slow down to 40, and the next batches take one thread.
    expect(run(choice, 4, (two) => (two ? 40 : 30))).toEqual([true, true, true, false]);
  });

  it('probes every 8th batch again once the used way changed, however far the probes were spaced', () => {
    const choice = measured(20, 30);
    run(choice, 200, (two) => (two ? 20 : 30));
    // One slow batch of two threads (a pause of the process) tips the averages: one thread is used from the next
    // batch on, and two threads are probed 8 batches later, not 64.
    expect(run(choice, 1, () => 80)).toEqual([true]);
    expect(twoThreadBatches(run(choice, 8, (two) => (two ? 20 : 30)))).toEqual([7]);
    expect(run(choice, 4, (two) => (two ? 20 : 30))).toEqual([true, true, true, true]);
  });

  it('takes a probe of the slower way as it is: one fast probe after a slow first measure switches', () => {
    const choice = measured(100, 20);
    // Batches 1..7 after the measures on one thread.
    expect(run(choice, 7, () => 20)).toEqual(Array(7).fill(false));
    // Batch 8 probes two threads, and they are faster now.
    expect(choice.next()).toBe(true);
    choice.record(true, 12, 1000);
    expect(choice.next()).toBe(true);
  });

  it('repeats the way of a batch that gave no measure', () => {
    const choice = measured(30, 20);
    for (let i = 0; i < 7; i++) choice.next();
    // Batch 8 probes two threads, but the worker re-prepared first.
    expect(choice.next()).toBe(true);
    choice.skip(true);
    expect(choice.next()).toBe(true);
    choice.record(true, 40, 1000);
    expect(choice.next()).toBe(false);
  });
});
