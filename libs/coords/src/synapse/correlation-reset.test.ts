import { describe, expect, it } from 'vitest';
import { CorrelationResetOnDLS, SynapseQuadColumnOnDLS, SynapseQuadOnDLS, SynapseRowOnSynram, SynramOnDLS } from '../index.js';

describe('correlation resets (goldens, §3.3; halco synapse.h)', () => {
  it('enumerate like the synapse quads: synram · 16384 + row · 64 + quadColumn', () => {
    const r = CorrelationResetOnDLS.of(SynramOnDLS.bottom, SynapseRowOnSynram(2), SynapseQuadColumnOnDLS(3));
    expect(r).toBe(16_384 + 2 * 64 + 3);
    expect(CorrelationResetOnDLS.toSynapseQuadOnDLS(r)).toBe(
      SynapseQuadOnDLS.of(SynramOnDLS.bottom, SynapseRowOnSynram(2), SynapseQuadColumnOnDLS(3)),
    );
    expect(CorrelationResetOnDLS.toSynapseRowOnSynram(r)).toBe(2);
    expect(CorrelationResetOnDLS.toSynapseQuadColumnOnDLS(r)).toBe(3);
    expect(CorrelationResetOnDLS.toSynramOnDLS(r)).toBe(SynramOnDLS.bottom);
  });
});
