import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tableExp } from './exp-table.js';

describe('tableExp', () => {
  it('agrees with Math.exp to 1e-13 relative for |x| < 700', () => {
    fc.assert(
      fc.property(fc.double({ min: -699, max: 699, noNaN: true }), (x) => {
        expect(Math.abs(tableExp(x) / Math.exp(x) - 1)).toBeLessThan(1e-13);
      }),
    );
    for (let x = -12; x <= 120; x += 0.00731) expect(Math.abs(tableExp(x) / Math.exp(x) - 1)).toBeLessThan(1e-13);
    expect(tableExp(0)).toBe(1);
  });
});
