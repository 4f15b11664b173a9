import { describe, expect, it } from 'vitest';
import { MAX_SPLIT_NEURON, MIN_SPLIT_NEURON, SplitBalance } from './split-balance.js';

/**
 * A batch of `windows` windows at split point `split` on two threads whose stepping costs `ownPerNeuron` and
 * `workerPerNeuron` ms per neuron and window, with `serialMs` between windows; `pause` adds to one window's serial
 * share. Returns the next split point.
 */
function batch(balance: SplitBalance, split: number, ownPerNeuron: number, workerPerNeuron: number, serialMs: number, pause = 0): number {
  balance.startBatch();
  for (let w = 0; w < 16; w++) {
    balance.window(split * ownPerNeuron, w === 0 ? undefined : serialMs + (w === 8 ? pause : 0), (512 - split) * workerPerNeuron);
  }
  return balance.next(split);
}

describe('SplitBalance', () => {
  it('moves halfway towards equal busy times, the serial share on the calling thread', () => {
    const balance = new SplitBalance();
    // Equal per-neuron costs, 0.512 ms serial per window: equal at 0.002 · s + 0.512 = 0.002 · (512 − s), s = 128,
    // reached in halfway steps on multiples of 4.
    let split = 256;
    const path: number[] = [];
    for (let k = 0; k < 6; k++) path.push((split = batch(balance, split, 0.002, 0.002, 0.512)));
    expect(path).toEqual([192, 160, 144, 136, 132, 132]);
  });

  it('gives a thread on a busier core fewer neurons', () => {
    const balance = new SplitBalance();
    let split = 256;
    // The worker's core is twice as slow and nothing is serial: equal at s = 2 · (512 − s), s = 341.
    for (let k = 0; k < 12; k++) split = batch(balance, split, 0.001, 0.002, 0);
    expect(split).toBeGreaterThanOrEqual(336);
    expect(split).toBeLessThanOrEqual(344);
  });

  it('ignores a pause in one window: the medians of the windows, not their sums', () => {
    const balance = new SplitBalance();
    // Balanced at 244 (0.002 ms per neuron on both, 0.048 ms serial); one 30 ms pause between two windows.
    expect(batch(balance, 244, 0.002, 0.002, 0.048, 30)).toBe(244);
  });

  it('keeps each thread an eighth of the neurons at least, and stays put without a measure', () => {
    const balance = new SplitBalance();
    expect(batch(balance, 256, 0.002, 0.002, 100)).toBe(MIN_SPLIT_NEURON);
    expect(batch(balance, 440, 0.001, 1, 0)).toBe(MAX_SPLIT_NEURON);
    balance.startBatch();
    expect(balance.next(200)).toBe(200);
  });
});
