import fc from 'fast-check';
import { CADCChannelColumnOnSynram, CADCChannelOnDLS, CADCChannelType, CADCOnDLS, CapMemBlockOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { CADCChannelConfig, CADCConfig, Chip } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { cadcAnalogCode, cadcIdealCode, cadcQuadrant, CadcReadout } from './cadc.js';
import { CapMemState } from './capmem.js';
import { FixedPattern } from './fixed-pattern.js';

describe('CADC mappings (§10.7)', () => {
  it('calibrated mapping: 0.15 V → 20, 1.05 V → 220, 0.06 V → 0, saturation at 0 and 255', () => {
    expect(cadcIdealCode(0.15)).toBe(20);
    expect(cadcIdealCode(1.05)).toBe(220);
    expect(cadcIdealCode(0.06)).toBe(0);
    expect(cadcIdealCode(0.6)).toBe(120);
    expect(cadcIdealCode(0.1523)).toBe(21); // 20.51 rounds up
    expect(cadcIdealCode(0)).toBe(0);
    expect(cadcIdealCode(1.2)).toBe(253);
    expect(cadcIdealCode(1.25)).toBe(255);
  });

  it('the digital offset acts on the 8-bit sample and is clamped again', () => {
    expect(cadcIdealCode(0.6, 10)).toBe(130);
    expect(cadcIdealCode(0.6, -128)).toBe(0);
    expect(cadcIdealCode(1.25, -5)).toBe(250); // saturated conversion, then offset
    expect(cadcIdealCode(0.0, 5)).toBe(5);
    expect(cadcIdealCode(1.05, 100)).toBe(255);
  });

  it('general form at the calibrated state (V_start 0.06 V, ΔV 4.5 mV, no offsets) equals the calibrated mapping', () => {
    fc.assert(
      fc.property(fc.double({ min: -0.2, max: 1.4, noNaN: true }), fc.integer({ min: -128, max: 127 }), (v, d) => {
        const ideal = cadcIdealCode(v, d);
        const analog = cadcAnalogCode(v, 0.06, 0.0045, 0, d);
        // Equal except where floating-point rounding of the two formulas straddles a half-LSB boundary.
        expect(Math.abs(ideal - analog)).toBeLessThanOrEqual(1);
        const x = (v - 0.06) / 0.0045;
        if (Math.abs(x - Math.round(x)) < 0.499) expect(analog).toBe(ideal);
      }),
    );
  });

  it('general form: start, slope and channel offset', () => {
    expect(cadcAnalogCode(0.5, 0.1, 0.004)).toBe(100);
    expect(cadcAnalogCode(0.5, 0.1, 0.008)).toBe(50); // larger ramp current → larger LSB → smaller read
    expect(cadcAnalogCode(0.5, 0.1, 0.004, 3.4)).toBe(103);
    expect(cadcAnalogCode(0.5, 0.1, 0.004, 3.4, -3)).toBe(100);
    expect(cadcAnalogCode(0.05, 0.1, 0.004)).toBe(0);
    expect(cadcAnalogCode(2, 0.1, 0.004)).toBe(255);
  });

  it('zero ramp slope: 255 above the ramp start, 0 at or below', () => {
    expect(cadcAnalogCode(0.5, 0.1, 0)).toBe(255);
    expect(cadcAnalogCode(0.05, 0.1, 0)).toBe(0);
    expect(cadcAnalogCode(0.05, 0.1, 0, 0, 7)).toBe(7);
  });

  it('quadrants: synram·2 + (column ≥ 128)', () => {
    expect([cadcQuadrant(0, 0), cadcQuadrant(0, 127), cadcQuadrant(0, 128), cadcQuadrant(1, 5), cadcQuadrant(1, 255)]).toEqual([0, 0, 1, 2, 3]);
  });
});

describe('CadcReadout', () => {
  function setup(): { chip: Chip; capmem: CapMemState } {
    const chip = new Chip();
    for (const c of CADCOnDLS.all()) chip.modify(CADCConfig, c, { enable: true });
    return { chip, capmem: new CapMemState(false) };
  }

  it('a disabled CADC reads 0 (the reset state)', () => {
    const r = new CadcReadout();
    r.configure(new Chip(), new CapMemState(false), FixedPattern.none(), 'ideal', 0);
    expect(r.enabled(0)).toBe(false);
    expect(r.code(0, 0, 10, 0.6)).toBe(0);
    expect(r.correlationCode(0, 0, 10, 30)).toBe(0);
  });

  it('ideal: calibrated mapping plus the channel’s digital offset register, per CADC enable', () => {
    const { chip, capmem } = setup();
    chip.modify(CADCConfig, CADCOnDLS(1), { enable: false });
    chip.set(CADCChannelConfig, CADCChannelOnDLS.of(CADCOnDLS(0), CADCChannelType(1), CADCChannelColumnOnSynram(200)), { offset: -7 });
    const r = new CadcReadout();
    r.configure(chip, capmem, FixedPattern.draw('ignored-in-ideal'), 'ideal', 0);
    expect(r.enabled(0)).toBe(true);
    expect(r.enabled(1)).toBe(false);
    expect(r.code(0, 1, 200, 0.6)).toBe(113);
    expect(r.code(0, 0, 200, 0.6)).toBe(120);
    expect(r.code(1, 1, 200, 0.6)).toBe(0);
  });

  it('analog: ramp start and slope from the quadrant’s CapMem cells, with mismatch', () => {
    const { chip, capmem } = setup();
    for (const b of CapMemBlockOnDLS.all()) {
      capmem.write(CapMemCellOnDLS.ofShared(b, 'cadc_v_ramp_offset'), 22, 0); // 0.06 V
      capmem.write(CapMemCellOnDLS.ofShared(b, 'cadc_i_ramp_slope'), 350, 0); // 4.5 mV
    }
    capmem.write(CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(3), 'cadc_i_ramp_slope'), 700, 0); // 9 mV in SE
    const r = new CadcReadout();
    r.configure(chip, capmem, FixedPattern.none(), 'analog', 0);
    expect(r.code(0, 0, 3, 0.6)).toBe(120);
    expect(r.code(1, 0, 200, 0.6)).toBe(60);
    expect(r.code(1, 0, 100, 0.6)).toBe(120);

    const pattern = FixedPattern.draw('cadc-chip');
    r.configure(chip, capmem, pattern, 'analog', 0);
    const q = 1;
    const column = 150;
    const ch = 0 * 512 + 1 * 256 + column;
    const vStart = 0.06 + (pattern.cadcRampStartVolts[q] as number);
    const lsb = 0.0045 * (pattern.cadcRampSlopeFactor[q] as number);
    const expected = Math.round((0.6 - vStart) / lsb + (pattern.cadcChannelOffsetLsb[ch] as number));
    expect(r.code(0, 1, column, 0.6)).toBe(Math.max(0, Math.min(255, expected)));
  });

  it('analog with the CapMem at reset (zero ramp slope) reads 255 above V(0) = 18.75 mV, else 0', () => {
    const { chip, capmem } = setup();
    const r = new CadcReadout();
    r.configure(chip, capmem, FixedPattern.none(), 'analog', 0);
    expect(r.code(0, 0, 0, 0.5)).toBe(255);
    expect(r.code(0, 0, 0, 0.01)).toBe(0);
  });

  it('correlation reads are voltage-free: clamp(round(b + a)) + digital offset', () => {
    const { chip, capmem } = setup();
    chip.set(CADCChannelConfig, CADCChannelOnDLS.of(CADCOnDLS(1), CADCChannelType(0), CADCChannelColumnOnSynram(9)), { offset: 4 });
    const r = new CadcReadout();
    r.configure(chip, capmem, FixedPattern.draw('x'), 'analog', 0);
    expect(r.correlationCode(1, 0, 9, 31.6)).toBe(36);
    expect(r.correlationCode(1, 1, 9, 31.4)).toBe(31);
    expect(r.correlationCode(1, 1, 9, 300)).toBe(255);
  });
});
