import { describe, expect, it } from 'vitest';
import { CoordArray, CoordError, NeuronEventOutputOnDLS, type Coord } from './index.js';

describe('CoordArray', () => {
  it('holds one value per instance, either one given value or one computed per coordinate', () => {
    expect(new CoordArray(NeuronEventOutputOnDLS, 'x').toArray()).toEqual(['x', 'x', 'x', 'x', 'x', 'x', 'x', 'x']);
    const squares = CoordArray.from(NeuronEventOutputOnDLS, (e) => e * e);
    expect(squares.size).toBe(NeuronEventOutputOnDLS.size);
    expect(squares.toArray()).toEqual([0, 1, 4, 9, 16, 25, 36, 49]);
  });

  it('stores functions as values (the constructor never calls its value)', () => {
    const handler = (): string => 'called';
    const handlers = new CoordArray(NeuronEventOutputOnDLS, handler);
    expect(handlers.get(NeuronEventOutputOnDLS(3))).toBe(handler);
  });

  it('gets and sets by coordinate, and lists its entries in enumeration order', () => {
    const counts = new CoordArray(NeuronEventOutputOnDLS, 0);
    counts.set(NeuronEventOutputOnDLS(6), 42);
    expect(counts.get(NeuronEventOutputOnDLS(6))).toBe(42);
    expect(counts.get(NeuronEventOutputOnDLS(5))).toBe(0);
    expect([...counts.entries()].filter(([, v]) => v !== 0)).toEqual([[6, 42]]);
    expect([...counts.entries()].map(([c]) => c)).toEqual(NeuronEventOutputOnDLS.all());
  });

  it('maps to a new array over the same type, leaving the original alone', () => {
    const labels = CoordArray.from(NeuronEventOutputOnDLS, (e) => e);
    const described = labels.map((v, c) => `${c}:${v * 10}`);
    expect(described.type).toBe(NeuronEventOutputOnDLS);
    expect(described.get(NeuronEventOutputOnDLS(2))).toBe('2:20');
    expect(labels.get(NeuronEventOutputOnDLS(2))).toBe(2);
  });

  it('rejects a forged coordinate on get and set with a CoordError naming the range', () => {
    const counts = new CoordArray(NeuronEventOutputOnDLS, 0);
    for (const forged of [8, -1, 0.5] as Coord<'NeuronEventOutputOnDLS'>[]) {
      expect(() => counts.get(forged)).toThrow(CoordError);
      expect(() => counts.set(forged, 1)).toThrow(/NeuronEventOutputOnDLS .*0\.\.7/);
    }
    expect(counts.size).toBe(8);
    expect(counts.toArray()).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });
});
