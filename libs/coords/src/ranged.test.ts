import { describe, expect, it } from 'vitest';
import { AtomicNeuronOnDLS, CoordError, NeuronColumnOnDLS, NeuronRowOnDLS } from './index.js';

describe('defineCoord', () => {
  it('rejects out-of-range values with the legal range', () => {
    expect(() => NeuronColumnOnDLS(256)).toThrow(CoordError);
    try {
      NeuronColumnOnDLS(256);
    } catch (e) {
      expect(e).toMatchObject({ code: 'out-of-range', coordinate: 'NeuronColumnOnDLS', value: 256, range: { min: 0, max: 255 } });
    }
    expect(() => NeuronColumnOnDLS(1.5)).toThrow(/integer/);
  });
  it('round-trips compound coordinates', () => {
    const n = AtomicNeuronOnDLS.of(NeuronRowOnDLS(1), NeuronColumnOnDLS(3));
    expect(n).toBe(259);
    expect(AtomicNeuronOnDLS.toNeuronRowOnDLS(n)).toBe(1);
    expect(AtomicNeuronOnDLS.toNeuronColumnOnDLS(n)).toBe(3);
  });
});
