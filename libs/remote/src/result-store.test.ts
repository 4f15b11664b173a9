import { describe, expect, it } from 'vitest';
import { ResultStore } from './result-store.js';

const result = (bytes: number): { fingerprint: string; content: Record<string, unknown>; buffers: Uint8Array[] } => ({ fingerprint: 'f', content: { status: 'ok' }, buffers: [new Uint8Array(bytes)] });

describe('ResultStore', () => {
  it('evicts the oldest entries beyond its entry count', () => {
    const store = new ResultStore(2, 1e9);
    store.put('a', result(1));
    store.put('b', result(1));
    store.put('c', result(1));
    expect([store.get('a'), store.get('b') !== undefined, store.get('c') !== undefined]).toEqual([undefined, true, true]);
  });

  it('evicts the oldest entries beyond its byte budget and accounts bytes exactly', () => {
    const store = new ResultStore(100, 3_000);
    store.put('a', result(1_000));
    store.put('b', result(1_000));
    expect(store.storedBytes).toBe(2 * (1_000 + 256));
    store.put('c', result(1_000));
    expect(store.get('a')).toBeUndefined();
    expect(store.size).toBe(2);
    store.put('c', result(10));
    expect(store.storedBytes).toBe(1_256 + 266);
  });
});
