import { describe, expect, it } from 'vitest';
import { ThreadChoice } from './thread-choice.js';

describe('ThreadChoice', () => {
  it('tries both ways, then keeps the faster and probes the other every 8th window', () => {
    const choice = new ThreadChoice();
    expect(choice.next()).toBe(true);
    choice.record(true, 30, 1000);
    expect(choice.next()).toBe(false);
    choice.record(false, 20, 1000);
    const picks = Array.from({ length: 16 }, () => choice.next());
    // Windows 3..18: one thread is faster; windows 8 and 16 probe two threads.
    expect(picks.filter((two) => two)).toHaveLength(2);
    expect(picks[5]).toBe(true);
    expect(picks[13]).toBe(true);
  });

  it('follows a change: two threads win once their windows get faster', () => {
    const choice = new ThreadChoice();
    choice.next();
    choice.record(true, 30, 1000);
    choice.next();
    choice.record(false, 20, 1000);
    for (let i = 0; i < 8; i++) choice.record(true, 10, 1000);
    expect(choice.next()).toBe(true);
  });

  it('takes a probe of the slower way as it is: one fast probe after a slow first measure switches', () => {
    const choice = new ThreadChoice();
    choice.next();
    choice.record(true, 100, 1000);
    choice.next();
    choice.record(false, 20, 1000);
    // Batches 3..7 on one thread.
    for (let i = 0; i < 5; i++) {
      expect(choice.next()).toBe(false);
      choice.record(false, 20, 1000);
    }
    // Batch 8 probes two threads, and they are faster now.
    expect(choice.next()).toBe(true);
    choice.record(true, 12, 1000);
    expect(choice.next()).toBe(true);
  });

  it('repeats the way of a batch that gave no measure', () => {
    const choice = new ThreadChoice();
    choice.next();
    choice.record(true, 30, 1000);
    choice.next();
    choice.record(false, 20, 1000);
    for (let i = 0; i < 5; i++) choice.next();
    // Batch 8 probes two threads, but the worker re-prepared first.
    expect(choice.next()).toBe(true);
    choice.skip(true);
    expect(choice.next()).toBe(true);
    choice.record(true, 40, 1000);
    expect(choice.next()).toBe(false);
  });
});
