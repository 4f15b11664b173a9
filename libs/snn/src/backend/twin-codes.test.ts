import { describe, expect, it } from 'vitest';
import { SnnError } from '../snn-error.js';
import { leakBiasCode, membraneCodes, refractoryClockScale, refractoryCounts, synapticGainCode, synapticTauCode, tauMemUsOf, voltageCode } from './twin-codes.js';

// The nominal codes against the reference's own examples (§10.3: τ_mem 10 µs at code 200 with C = 63, τ_syn
// 10 µs at 30 and 6 µs at 50; §10.7 with §10.3: CADC 20 ↔ 0.15 V ↔ code 70, CADC 220 ↔ 1.05 V ↔ code 550).
describe('twin codes', () => {
  it('match the reference examples', () => {
    expect(voltageCode('t', 'leak', 20)).toBe(70);
    expect(voltageCode('t', 'leak', 220)).toBe(550);
    expect(voltageCode('t', 'leak', 80)).toBe(214);
    expect(leakBiasCode(63, 10)).toBe(200);
    expect(synapticTauCode('t', 10)).toBe(30);
    expect(synapticTauCode('t', 6)).toBe(50);
  });

  it('give one weight unit 1/scale model units: gm from the jump formula, C lowered until gm fits', () => {
    const voltsPerUnit = 45 * 0.0045;
    const codes = membraneCodes('t', voltsPerUnit, 10, 64, 63);
    expect(codes.gmCode).toBeLessThanOrEqual(1022);
    expect(codes.memCapSize).toBeLessThan(63);
    expect(tauMemUsOf(codes.memCapSize, codes.leakCode)).toBeCloseTo(10, 1);
    // Inverting libs/analog's jump: I(w = 63) = 1000 nA · 0.0216 · gm / 500, Δv per weight unit = I/63 · τ/C · 1e-3 V.
    const jumpNa = (1000 * 0.0216 * synapticGainCode(voltsPerUnit, codes.memCapSize, codes.leakCode, 64)) / 500;
    const capacitancePf = 0.1 + (2.2 * codes.memCapSize) / 63;
    const unitsPerWeight = ((jumpNa / 63) * tauMemUsOf(codes.memCapSize, codes.leakCode)) / capacitancePf / 1000 / voltsPerUnit;
    expect(unitsPerWeight).toBeCloseTo(1 / 64, 6);
  });

  it('reject what the chip cannot do, naming the parameter', () => {
    expect(() => voltageCode('LIF1', 'thresholdCadc', 300)).toThrow(SnnError);
    expect(() => synapticTauCode('LIF1', 0.1)).toThrow(/tauSynUs 0.1/);
    expect(() => membraneCodes('LIF1', 100 * 0.0045, 2, 1, 63)).toThrow(expect.objectContaining({ parameter: 'weightScale', value: 1 }));
  });

  it('fit the refractory time into the 8-bit counter', () => {
    expect(refractoryClockScale([1, 0])).toBe(0);
    expect(refractoryCounts(1, 0)).toBe(125);
    expect(refractoryClockScale([10])).toBe(3);
    expect(refractoryCounts(0, 0)).toBe(1);
  });
});
