import { describe, expect, it } from 'vitest';
import { FairScheduler } from './fair-scheduler.js';

const job = (session: string, n: number): { session: string; n: number } => ({ session, n });

describe('FairScheduler', () => {
  it('serves sessions round robin, each in its own arrival order', () => {
    const s = new FairScheduler<{ session: string; n: number }>(1, 100);
    for (let n = 0; n < 5; n++) s.enqueue(0, job('greedy', n));
    s.enqueue(0, job('a', 0));
    s.enqueue(0, job('b', 0));
    s.enqueue(0, job('a', 1));
    const order: string[] = [];
    for (let next = s.next(0); next; next = s.next(0)) order.push(`${next.session}${next.n}`);
    expect(order).toEqual(['greedy0', 'a0', 'b0', 'greedy1', 'a1', 'greedy2', 'greedy3', 'greedy4']);
  });

  it('keeps chips apart', () => {
    const s = new FairScheduler<{ session: string; n: number }>(2, 10);
    s.enqueue(1, job('a', 1));
    expect(s.next(0)).toBeUndefined();
    expect(s.next(1)).toEqual(job('a', 1));
  });

  it('refuses beyond its capacity per chip instead of growing', () => {
    const s = new FairScheduler<{ session: string; n: number }>(2, 2);
    expect([s.enqueue(0, job('a', 0)), s.enqueue(0, job('b', 0)), s.enqueue(0, job('c', 0)), s.enqueue(1, job('c', 0))]).toEqual([true, true, false, true]);
    expect(s.queued(0)).toBe(2);
    expect(s.totalQueued).toBe(3);
  });

  it('removes the work of a session that left and keeps the turn order of the rest', () => {
    const s = new FairScheduler<{ session: string; n: number }>(1, 10);
    for (const session of ['a', 'gone', 'b', 'gone', 'a']) s.enqueue(0, job(session, 0));
    expect(s.removeWhere((j) => j.session === 'gone')).toHaveLength(2);
    expect(s.sessions()).toEqual(new Set(['a', 'b']));
    expect([s.next(0)?.session, s.next(0)?.session, s.next(0)?.session, s.next(0)]).toEqual(['a', 'b', 'a', undefined]);
  });
});
