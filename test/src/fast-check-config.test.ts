import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

describe('property-test configuration', () => {
  it('is seeded with a fixed number of runs unless FC_NUM_RUNS / FC_SEED say otherwise', () => {
    const config = fc.readConfigureGlobal();
    expect(config.numRuns).toBe(Number(process.env['FC_NUM_RUNS'] ?? 100));
    expect(config.seed).toBe(Number(process.env['FC_SEED'] ?? 20261124));
  });
});
