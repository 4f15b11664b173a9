import { AtomicNeuronOnDLS, CapMemBlockOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { AnalogError } from './analog-error.js';
import { CAPMEM_SETTLING_CYCLES, CapMemState, capMemNanoamps, capMemVolts } from './capmem.js';

const vLeak = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(5), 'v_leak');
const iLeak = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(5), 'i_bias_leak');
const dac = CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(1), 'syn_i_bias_dac');
const rampOffset = CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(0), 'cadc_v_ramp_offset');

describe('CapMem transfer curves (§10.3)', () => {
  it('voltage cells pass the calix CADC anchors and saturate at 1.2 V', () => {
    expect(capMemVolts(70)).toBeCloseTo(0.15, 12);
    expect(capMemVolts(550)).toBeCloseTo(1.05, 12);
    expect(capMemVolts(0)).toBeCloseTo(0.01875, 12);
    expect(capMemVolts(630)).toBeCloseTo(1.2, 12);
    expect(capMemVolts(800)).toBe(1.2);
    expect(capMemVolts(1022)).toBe(1.2);
    expect(capMemVolts(22)).toBeCloseTo(0.06, 12);
  });

  it('current cells give 0..1 µA', () => {
    expect(capMemNanoamps(0)).toBe(0);
    expect(capMemNanoamps(1022)).toBeCloseTo(1000, 9);
    expect(capMemNanoamps(511)).toBeCloseTo(500, 9);
    expect(capMemNanoamps(600)).toBeCloseTo(587.084, 3);
  });
});

describe('CapMemState', () => {
  it('starts at code 0 everywhere: V(0) on voltage cells, 0 nA on current cells', () => {
    const s = new CapMemState(false);
    expect(s.code(vLeak)).toBe(0);
    expect(s.value(vLeak, 0)).toBeCloseTo(0.01875, 12);
    expect(s.value(iLeak, 0)).toBe(0);
    expect(s.value(rampOffset, 0)).toBeCloseTo(0.01875, 12);
    expect(s.value(dac, 0)).toBe(0);
    expect(s.settled(0)).toBe(true);
  });

  it('ideal (no settling): a write takes effect at once, in the cell’s own unit', () => {
    const s = new CapMemState(false);
    s.write(vLeak, 550, 1000);
    s.write(iLeak, 511, 1000);
    s.write(dac, 1022, 1000);
    expect(s.value(vLeak, 1000)).toBeCloseTo(1.05, 12);
    expect(s.value(iLeak, 1000)).toBeCloseTo(500, 9);
    expect(s.value(dac, 1000)).toBeCloseTo(1000, 9);
    expect(s.code(iLeak)).toBe(511);
    expect(s.settled(1000)).toBe(true);
  });

  it('analog: settles exponentially with τ = 4 ms = 500,000 cycles', () => {
    expect(CAPMEM_SETTLING_CYCLES).toBe(500_000);
    const s = new CapMemState(true);
    const t0 = 1_000;
    s.write(vLeak, 550, t0);
    const v0 = capMemVolts(0);
    const v1 = capMemVolts(550);
    expect(s.value(vLeak, t0)).toBeCloseTo(v0, 12);
    expect(s.value(vLeak, t0 + 500_000)).toBeCloseTo(v1 + (v0 - v1) * Math.exp(-1), 12);
    expect(s.value(vLeak, t0 + 1_000_000)).toBeCloseTo(v1 + (v0 - v1) * Math.exp(-2), 12);
    // The calix 20 ms wait leaves < 1 % (§2.3, §10.3).
    const residual = Math.abs(s.value(vLeak, t0 + 2_500_000) - v1) / Math.abs(v1 - v0);
    expect(residual).toBeLessThan(0.01);
  });

  it('a write during settling starts from the present output', () => {
    const s = new CapMemState(true);
    s.write(iLeak, 1000, 0);
    const mid = s.value(iLeak, 250_000);
    s.write(iLeak, 0, 250_000);
    expect(s.value(iLeak, 250_000)).toBeCloseTo(mid, 9);
    expect(s.value(iLeak, 750_000)).toBeCloseTo(mid * Math.exp(-1), 9);
  });

  it('settled() turns true once every cell is within half an LSB of its target', () => {
    const s = new CapMemState(true);
    s.write(vLeak, 600, 0); // step of 600 LSB (below the 1.2 V ceiling)
    s.write(dac, 100, 400_000); // step of 100 LSB, later
    expect(s.settled(0)).toBe(false);
    expect(s.settled(2_500_000)).toBe(false); // 600·e^−5 ≈ 4 LSB left on v_leak
    // 600·e^(−t/τ) < 0.5 needs t > 7.09 τ ≈ 3.55 M cycles after the first write.
    const firstWriteDone = 500_000 * Math.log(600 / 0.5);
    expect(s.settled(firstWriteDone + 400_000 + 1)).toBe(true);
    expect(Math.abs(s.value(vLeak, 4_000_000) - capMemVolts(600)) / 1.875e-3).toBeLessThan(0.5);
  });

  it('code 1023 (DisableRefresh) keeps the previous output, also mid-settling', () => {
    const ideal = new CapMemState(false);
    ideal.write(vLeak, 300, 0);
    ideal.write(vLeak, 1023, 10);
    expect(ideal.code(vLeak)).toBe(1023);
    expect(ideal.value(vLeak, 1e9)).toBeCloseTo(capMemVolts(300), 12);

    const analog = new CapMemState(true);
    analog.write(iLeak, 1000, 0);
    const frozen = analog.value(iLeak, 500_000);
    analog.write(iLeak, 1023, 500_000);
    expect(analog.value(iLeak, 500_000)).toBeCloseTo(frozen, 9);
    expect(analog.value(iLeak, 5_000_000)).toBeCloseTo(frozen, 9);
    // Re-enabling refresh settles from the frozen value to the new target.
    analog.write(iLeak, 500, 5_000_000);
    expect(analog.value(iLeak, 5_500_000)).toBeCloseTo(capMemNanoamps(500) + (frozen - capMemNanoamps(500)) * Math.exp(-1), 9);
  });

  it('rejects illegal codes and cells with AnalogError naming the range', () => {
    const s = new CapMemState(false);
    expect(() => s.write(vLeak, 1024, 0)).toThrow(AnalogError);
    expect(() => s.write(vLeak, -1, 0)).toThrow(/0\.\.1023/);
    expect(() => s.write(vLeak, 1.5, 0)).toThrow(expect.objectContaining({ code: 'not-integer' }));
    expect(() => s.write(12480, 5, 0)).toThrow(expect.objectContaining({ code: 'out-of-range', range: { min: 0, max: 12479 } }));
  });
});
