import { CapMemBlockOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { describe, expect, it } from 'vitest';
import { AnalogError } from './analog-error.js';
import { CapMemState } from './capmem.js';
import { correlationAmplitudeLsb, correlationParameters, CorrelationSensors, correlationTauUs } from './correlation.js';
import { FixedPattern } from './fixed-pattern.js';

const us = (t: number): number => Math.round(t / 0.008); // µs → FPGA cycles
const cols = (...c: number[]): Uint8Array => Uint8Array.from(c);

/** Sensors with τ = 5 µs and A = 10 LSB in every block (syn_i_bias_ramp 500, syn_i_bias_store 500). */
function sensors(pattern = FixedPattern.none()): CorrelationSensors {
  const s = new CorrelationSensors(pattern);
  s.configure([5, 5, 5, 5], [10, 10, 10, 10]);
  return s;
}

describe('correlation kernel parameters (§10.3, §10.9)', () => {
  it('τ_corr = 2500 µs/code, A = 10 LSB·code/500; code 0: no decay, no amplitude', () => {
    expect(correlationTauUs(500)).toBe(5);
    expect(correlationTauUs(0)).toBe(Infinity);
    expect(correlationAmplitudeLsb(500)).toBe(10);
    expect(correlationAmplitudeLsb(0)).toBe(0);
  });

  it('reads syn_i_bias_ramp / syn_i_bias_store per CapMem block', () => {
    const capmem = new CapMemState(false);
    capmem.write(CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(2), 'syn_i_bias_ramp'), 500, 0);
    capmem.write(CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(1), 'syn_i_bias_store'), 250, 0);
    const { tauCorrUs, amplitudeLsb } = correlationParameters(capmem, 0);
    expect(Array.from(tauCorrUs)).toEqual([Infinity, Infinity, expect.closeTo(5, 9), Infinity]);
    expect(Array.from(amplitudeLsb)).toEqual([0, expect.closeTo(5, 9), 0, 0]);
  });
});

describe('CorrelationSensors', () => {
  it('causal pairing: pre then post after Δt adds A·exp(−Δt/τ) to the causal accumulator only', () => {
    const s = sensors();
    s.preEvent(0, 17, cols(40), 1, us(100));
    s.postPulse(0, 40, us(103));
    expect(s.valueLsb(0, 17, 0, 40)).toBeCloseTo(30 + 10 * Math.exp(-3 / 5), 9);
    expect(s.valueLsb(0, 17, 1, 40)).toBe(30);
    expect(s.valueLsb(0, 16, 0, 40)).toBe(30); // other rows saw no pre event
  });

  it('acausal pairing: post then pre after Δt adds A·exp(−Δt/τ) to the acausal accumulator', () => {
    const s = sensors();
    s.postPulse(1, 200, us(10));
    s.preEvent(1, 3, cols(199, 200), 2, us(12));
    expect(s.valueLsb(1, 3, 1, 200)).toBeCloseTo(30 + 10 * Math.exp(-2 / 5), 9);
    expect(s.valueLsb(1, 3, 1, 199)).toBe(30);
    expect(s.valueLsb(1, 3, 0, 200)).toBe(30);
  });

  it('nearest neighbour: only the latest pre event counts; every post-pulse reads the trace', () => {
    const s = sensors();
    s.preEvent(0, 0, cols(5), 1, us(0));
    s.preEvent(0, 0, cols(5), 1, us(4));
    s.postPulse(0, 5, us(5));
    s.postPulse(0, 5, us(6));
    expect(s.valueLsb(0, 0, 0, 5)).toBeCloseTo(30 + 10 * Math.exp(-1 / 5) + 10 * Math.exp(-2 / 5), 9);
  });

  it('uses the τ and A of the column’s CapMem block', () => {
    const s = new CorrelationSensors(FixedPattern.none());
    s.configure([5, 2, 5, 5], [10, 4, 0, 10]);
    s.preEvent(0, 1, cols(10, 130), 2, 0);
    s.postPulse(0, 10, us(1));
    s.postPulse(0, 130, us(1));
    expect(s.valueLsb(0, 1, 0, 10)).toBeCloseTo(30 + 10 * Math.exp(-1 / 5), 9);
    expect(s.valueLsb(0, 1, 0, 130)).toBeCloseTo(30 + 4 * Math.exp(-1 / 2), 9);
    s.preEvent(1, 1, cols(10), 1, 0);
    s.postPulse(1, 10, us(1));
    expect(s.valueLsb(1, 1, 0, 10)).toBe(30); // block SW: A = 0
  });

  it('A = 0 accumulates nothing but still records the event times', () => {
    const s = new CorrelationSensors(FixedPattern.none());
    s.configure([5, 5, 5, 5], [0, 0, 0, 0]);
    s.preEvent(0, 2, cols(7), 1, us(0));
    s.postPulse(0, 7, us(1));
    expect(s.valueLsb(0, 2, 0, 7)).toBe(30);
    s.configure([5, 5, 5, 5], [10, 10, 10, 10]);
    s.postPulse(0, 7, us(2));
    expect(s.valueLsb(0, 2, 0, 7)).toBeCloseTo(30 + 10 * Math.exp(-2 / 5), 9);
  });

  it('τ = Infinity: the traces do not decay', () => {
    const s = new CorrelationSensors(FixedPattern.none());
    s.configure([Infinity, 5, 5, 5], [10, 10, 10, 10]);
    s.preEvent(0, 2, cols(7), 1, 0);
    s.postPulse(0, 7, us(1000));
    expect(s.valueLsb(0, 2, 0, 7)).toBeCloseTo(40, 9);
  });

  it('saturates where b + a reaches 255, per synapse baseline', () => {
    const pattern = FixedPattern.draw('saturation-chip');
    const s = sensors(pattern);
    for (let k = 0; k < 40; k++) {
      s.preEvent(0, 9, cols(33), 1, us(10 * k));
      s.postPulse(0, 33, us(10 * k));
    }
    expect(s.valueLsb(0, 9, 0, 33)).toBeCloseTo(255, 9);
    const sAcausal = sensors(pattern);
    for (let k = 0; k < 40; k++) {
      sAcausal.postPulse(0, 33, us(10 * k));
      sAcausal.preEvent(0, 9, cols(33), 1, us(10 * k));
    }
    expect(sAcausal.valueLsb(0, 9, 1, 33)).toBeCloseTo(255, 9);
    expect(pattern.correlationBaselineCausalLsb[9 * 256 + 33]).not.toBe(30);
  });

  it('values sit on the fixed-pattern baselines', () => {
    const pattern = FixedPattern.draw('baseline-chip');
    const s = sensors(pattern);
    const i = 65536 + 4 * 256 + 77;
    expect(s.valueLsb(1, 4, 0, 77)).toBe(pattern.correlationBaselineCausalLsb[i]);
    expect(s.valueLsb(1, 4, 1, 77)).toBe(pattern.correlationBaselineAcausalLsb[i]);
  });

  it('resetColumns clears the masked columns of one row only (a PPU vector: one half of a row)', () => {
    const s = sensors();
    s.preEvent(0, 4, cols(1, 2), 2, 0);
    s.postPulse(0, 1, us(1));
    s.postPulse(0, 2, us(1));
    const excess = (column: number): number => s.valueLsb(0, 4, 0, column) - 30;
    const oddColumns = Uint8Array.from({ length: 256 }, (_, c) => c & 1);
    s.resetColumns(0, 4, oddColumns);
    expect(excess(1)).toBe(0);
    expect(excess(2)).toBeGreaterThan(0);
    expect(() => s.resetColumns(0, 4, new Uint8Array(128))).toThrow(AnalogError);
  });

  it('resetRow clears one row of one synram; resetSynram every row of it', () => {
    const s = sensors();
    for (const synram of [0, 1]) {
      for (const row of [4, 5]) s.preEvent(synram, row, cols(1, 2), 2, 0);
      s.postPulse(synram, 1, us(1));
      s.postPulse(synram, 2, us(1));
      s.preEvent(synram, 4, cols(1), 1, us(2)); // acausal too
    }
    const excess = (synram: number, row: number, type: number, column: number): number => s.valueLsb(synram, row, type, column) - 30;
    s.resetRow(0, 4);
    expect(excess(0, 4, 0, 1)).toBe(0);
    expect(excess(0, 4, 1, 1)).toBe(0);
    expect(excess(0, 5, 0, 1)).toBeGreaterThan(0);
    expect(excess(1, 4, 0, 1)).toBeGreaterThan(0);
    s.resetSynram(1);
    expect(excess(1, 4, 0, 1)).toBe(0);
    expect(excess(1, 4, 1, 1)).toBe(0);
    expect(excess(1, 5, 0, 2)).toBe(0);
    expect(excess(0, 5, 0, 2)).toBeGreaterThan(0);
    expect(() => s.resetRow(0, 256)).toThrow(AnalogError);
    // A quad reset (CorrelationReset register) clears only its four columns.
    s.resetRow(0, 5, 0, 2);
    expect(excess(0, 5, 0, 1)).toBe(0);
    expect(excess(0, 5, 0, 2)).toBeGreaterThan(0);
    expect(() => s.resetRow(0, 5, 254, 4)).toThrow(/column count/);
  });

  it('configure checks lengths and ranges', () => {
    const s = new CorrelationSensors(FixedPattern.none());
    expect(() => s.configure([5, 5, 5], [1, 1, 1, 1])).toThrow(AnalogError);
    expect(() => s.configure([5, 5, 0, 5], [1, 1, 1, 1])).toThrow(/tauCorrUs\[2\]/);
    expect(() => s.configure([5, 5, 5, 5], [1, -1, 1, 1])).toThrow(/amplitudeLsb\[1\]/);
  });
});

describe('pre traces recorded while accumulation is off', () => {
  it('count for a later post-pulse the same whether the event reached a whole row or some columns', () => {
    const all = Uint8Array.from({ length: 256 }, (_, c) => c);
    const whole = sensors();
    const some = sensors();
    for (const s of [whole, some]) s.configure([5, 5, 5, 5], [0, 0, 0, 0]);
    whole.preEvent(1, 40, all, 256, 100);
    some.preEvent(1, 40, all, 255, 100);
    for (const s of [whole, some]) {
      s.configure([5, 5, 5, 5], [10, 10, 10, 10]);
      s.postPulse(1, 7, 100 + 125);
      s.postPulse(1, 255, 100 + 125);
    }
    const baseline = sensors().valueLsb(1, 40, 0, 7);
    const expected = baseline + 10 * Math.exp(-1 / 5);
    expect(whole.valueLsb(1, 40, 0, 7)).toBeCloseTo(expected, 12);
    expect(some.valueLsb(1, 40, 0, 7)).toBeCloseTo(expected, 12);
    // Column 255 was not among the 255 columns of the partial event.
    expect(whole.valueLsb(1, 40, 0, 255)).toBeCloseTo(expected, 12);
    expect(some.valueLsb(1, 40, 0, 255)).toBe(baseline);
  });
});
