import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { MT19937 } from './mt19937.js';
import { NumpyRandomState } from './numpy-random-state.js';

// Golden values from numpy's legacy RandomState, made by fixtures/make-numpy-golden.py (see its docstring).
const golden = JSON.parse(readFileSync(new URL('../../fixtures/numpy-golden.json', import.meta.url), 'utf8')) as {
  uint32: Record<string, number[]>;
  uint32Seed42Outputs620To629: number[];
  randomSampleSeed42: number[];
  randint3Seed42: number[];
  permutations23Seed7: number[][];
};

describe('MT19937 (numpy RandomState bit generator)', () => {
  it('gives the canonical first outputs for the reference seed 5489', () => {
    const mt = new MT19937(5489);
    expect([mt.nextUint32(), mt.nextUint32(), mt.nextUint32()]).toEqual([3499211612, 581869302, 3890346734]);
  });
  it.each(Object.entries(golden.uint32))('matches numpy for seed %s', (seed, expected) => {
    const mt = new MT19937(Number(seed));
    expect(expected.map(() => mt.nextUint32())).toEqual(expected);
  });
  it('stays exact across a state regeneration (outputs 620..629 straddle the second twist)', () => {
    const mt = new MT19937(42);
    for (let i = 0; i < 620; i++) mt.nextUint32();
    expect(golden.uint32Seed42Outputs620To629.map(() => mt.nextUint32())).toEqual(golden.uint32Seed42Outputs620To629);
  });
  it('rejects seeds numpy rejects, naming the legal range', () => {
    expect(() => new MT19937(-1)).toThrow(DatasetError);
    expect(() => new MT19937(2 ** 32)).toThrow(/seed must lie in 0\.\.4294967295/);
    expect(() => new MT19937(1.5)).toThrow(expect.objectContaining({ code: 'not-integer', parameter: 'seed' }));
  });
});

describe('NumpyRandomState', () => {
  it('random_sample matches numpy bit for bit', () => {
    const rs = new NumpyRandomState(42);
    expect(golden.randomSampleSeed42.map(() => rs.randomSample())).toEqual(golden.randomSampleSeed42);
  });
  it('randint(3) matches numpy (masked rejection of 32-bit draws)', () => {
    const rs = new NumpyRandomState(42);
    expect(golden.randint3Seed42.map(() => rs.randint(3))).toEqual(golden.randint3Seed42);
  });
  it('successive permutations match numpy', () => {
    const rs = new NumpyRandomState(7);
    for (const expected of golden.permutations23Seed7) expect(Array.from(rs.permutation(23))).toEqual(expected);
  });
  it('rejects a randint bound outside 1..2^32', () => {
    expect(() => new NumpyRandomState(0).randint(0)).toThrow(expect.objectContaining({ code: 'out-of-range', parameter: 'high', range: { min: 1, max: 2 ** 32 } }));
  });
});
