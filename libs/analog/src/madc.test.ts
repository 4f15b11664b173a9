import { describe, expect, it } from 'vitest';
import { madcCode, MADC_SAMPLE_PERIOD_CYCLES } from './madc.js';

describe('MADC (§10.7)', () => {
  it('10 bit over 0..1.2 V, rounded, clamped', () => {
    expect(madcCode(0)).toBe(0);
    expect(madcCode(1.2)).toBe(1023);
    expect(madcCode(0.6)).toBe(512); // 511.5 rounds up
    expect(madcCode(0.15)).toBe(128); // 127.875
    expect(madcCode(-0.1)).toBe(0);
    expect(madcCode(1.5)).toBe(1023);
    expect(madcCode(0.001)).toBe(1); // 0.8525 → 1: the LSB is 1.17 mV
  });

  it('samples every 4 FPGA cycles (32 ns)', () => {
    expect(MADC_SAMPLE_PERIOD_CYCLES).toBe(4);
  });
});
