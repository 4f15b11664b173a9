import { describe, expect, it } from 'vitest';
import { DatasetError } from '../dataset-error.js';
import { checkYinYangGeometry, insideYinYangCircle, yinYangClass } from './yin-yang-geometry.js';

describe('Yin-Yang class predicate (§9 which_class)', () => {
  it('classifies landmark points', () => {
    expect(yinYangClass(0.75, 0.5)).toBe(2); // centre of the right dot
    expect(yinYangClass(0.25, 0.5)).toBe(2); // centre of the left dot
    expect(yinYangClass(0.25, 0.68)).toBe(1); // ring around the left dot: is_yin
    expect(yinYangClass(0.5, 0.9)).toBe(1); // upper half, outside the right disc: is_yin
    expect(yinYangClass(0.5, 0.1)).toBe(0); // lower half, outside the left disc
    expect(yinYangClass(0.75, 0.32)).toBe(0); // inside the right disc, outside its dot
  });
  it('puts the dot boundary (distance exactly r_small) outside the dot', () => {
    // d < r_small is a dot; d = r_small on the right dot is criterion 1, so is_yin. Radii exact in binary.
    const exact = { rSmall: 0.125, rBig: 0.5 };
    expect(yinYangClass(0.75, 0.625, exact)).toBe(1);
    expect(yinYangClass(0.75, 0.625 - 2 ** -20, exact)).toBe(2);
  });
  it('accepts the circle boundary and rejects beyond it', () => {
    expect(insideYinYangCircle(0.5, 1)).toBe(true);
    expect(insideYinYangCircle(0, 0)).toBe(false);
    expect(insideYinYangCircle(0.5, 0.5)).toBe(true);
  });
  it('rejects radii the reference generator rejects', () => {
    expect(() => checkYinYangGeometry({ rSmall: 0.25, rBig: 0.5 })).toThrow(DatasetError);
    expect(() => checkYinYangGeometry({ rSmall: 0.25, rBig: 0.5 })).toThrow(/rSmall must be below rBig \/ 2/);
    expect(() => checkYinYangGeometry({ rSmall: 0, rBig: 0.5 })).toThrow(expect.objectContaining({ parameter: 'rSmall', code: 'out-of-range' }));
    expect(() => checkYinYangGeometry({ rSmall: 0.1, rBig: Number.NaN })).toThrow(expect.objectContaining({ parameter: 'rBig', code: 'not-finite' }));
  });
});
