import { describe, expect, it } from 'vitest';
import {
  AtomicNeuronOnDLS,
  CoordError,
  CrossbarInputOnDLS,
  NeuronBackendConfigOnDLS,
  NeuronColumnOnDLS,
  NeuronConfigBlockOnDLS,
  NeuronEventOutputOnDLS,
  NeuronRowOnDLS,
} from '../index.js';

describe('neuron coordinates (goldens)', () => {
  it('column 33 → event output 1 → crossbar input 1 (§1.1, §1.2)', () => {
    const out = NeuronColumnOnDLS.toNeuronEventOutputOnDLS(NeuronColumnOnDLS(33));
    expect(out).toBe(1);
    expect(NeuronEventOutputOnDLS.toCrossbarInputOnDLS(out)).toBe(1);
    expect(CrossbarInputOnDLS.kind(CrossbarInputOnDLS(1))).toBe('neuron');
  });

  it('the top and bottom neuron of a column share its event output (§1.1)', () => {
    const top = AtomicNeuronOnDLS.of(NeuronRowOnDLS.top, NeuronColumnOnDLS(255));
    const bottom = AtomicNeuronOnDLS.of(NeuronRowOnDLS.bottom, NeuronColumnOnDLS(255));
    expect(AtomicNeuronOnDLS.toNeuronEventOutputOnDLS(top)).toBe(7);
    expect(AtomicNeuronOnDLS.toNeuronEventOutputOnDLS(bottom)).toBe(7);
  });

  it('each event output collects 64 neurons (§1.1)', () => {
    const counts = new Array<number>(8).fill(0);
    for (const n of AtomicNeuronOnDLS.all()) counts[AtomicNeuronOnDLS.toNeuronEventOutputOnDLS(n)]! += 1;
    expect(counts).toEqual([64, 64, 64, 64, 64, 64, 64, 64]);
  });

  it('neuron (bottom, column 200) is in quadrant 3, east backend block (§1.1; halco neuron.cpp)', () => {
    const n = AtomicNeuronOnDLS.of(NeuronRowOnDLS(1), NeuronColumnOnDLS(200));
    expect(n).toBe(456);
    expect(AtomicNeuronOnDLS.toHemisphereOnDLS(n)).toBe(1);
    expect(AtomicNeuronOnDLS.toNeuronConfigBlockOnDLS(n)).toBe(3);
    expect(AtomicNeuronOnDLS.toNeuronConfigOnNeuronConfigBlock(n)).toBe(72);
    expect(AtomicNeuronOnDLS.toNeuronBackendConfigBlockOnDLS(n)).toBe(1);
    expect(AtomicNeuronOnDLS.toNeuronBackendConfigOnNeuronBackendConfigBlock(n)).toBe(200);
    expect(AtomicNeuronOnDLS.toNeuronBackendConfigOnDLS(n)).toBe(456);
    expect(AtomicNeuronOnDLS.toNeuronEventOutputOnDLS(n)).toBe(6);
    expect(AtomicNeuronOnDLS.toCapMemBlockOnDLS(n)).toBe(3);
    expect(AtomicNeuronOnDLS.toCapMemColumnOnCapMemBlock(n)).toBe(72);
  });

  it('quadrants: 0 top-west, 1 top-east, 2 bottom-west, 3 bottom-east (halco synapse.cpp)', () => {
    const quadrant = (row: number, column: number): number =>
      AtomicNeuronOnDLS.toNeuronConfigBlockOnDLS(AtomicNeuronOnDLS.of(NeuronRowOnDLS(row), NeuronColumnOnDLS(column)));
    expect([quadrant(0, 0), quadrant(0, 128), quadrant(1, 127), quadrant(1, 255)]).toEqual([0, 1, 2, 3]);
    expect(AtomicNeuronOnDLS.fromNeuronConfig(NeuronConfigBlockOnDLS(2), AtomicNeuronOnDLS.toNeuronConfigOnNeuronConfigBlock(AtomicNeuronOnDLS(5)))).toBe(261);
  });

  it('a backend block holds the neurons of its half in both rows (halco neuron.cpp)', () => {
    const west = NeuronBackendConfigOnDLS.all().filter((b) => NeuronBackendConfigOnDLS.toNeuronBackendConfigBlockOnDLS(b) === 0);
    const columns = new Set(west.map((b) => NeuronBackendConfigOnDLS.toNeuronColumnOnDLS(b)));
    const rows = new Set(west.map((b) => NeuronBackendConfigOnDLS.toNeuronRowOnDLS(b)));
    expect(west).toHaveLength(256);
    expect(Math.max(...columns)).toBe(127);
    expect(columns.size).toBe(128);
    expect([...rows].sort()).toEqual([0, 1]);
  });

  it('of() checks its parts: a forged column never wraps into the next row', () => {
    expect(() => AtomicNeuronOnDLS.of(NeuronRowOnDLS(0), 300 as NeuronColumnOnDLS)).toThrow(/NeuronColumnOnDLS 300 is out of range 0..255/);
    expect(() => AtomicNeuronOnDLS.fromNeuronConfig(NeuronConfigBlockOnDLS(0), 128 as never)).toThrow(CoordError);
  });
});
