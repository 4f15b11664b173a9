import { describe, expect, it } from 'vitest';
import {
  EntryOnQuad,
  SynapseOnDLS,
  SynapseOnSynapseRow,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseRowOnSynram,
  SynramOnDLS,
} from '../index.js';

describe('synapses and quads (goldens, §1.1, §1.5)', () => {
  it('quad (synram 1, row 2, quad column 3) = 16515', () => {
    const q = SynapseQuadOnDLS.of(SynramOnDLS.bottom, SynapseRowOnSynram(2), SynapseQuadColumnOnDLS(3));
    expect(q).toBe(16515);
    expect(SynapseQuadOnDLS.toSynapseRowOnDLS(q)).toBe(258);
    expect(SynapseQuadOnDLS.toSynapseQuadOnSynram(q)).toBe(131);
  });

  it('entry e of quad column q is synapse column 4q + e (halco synapse.h)', () => {
    expect(SynapseOnSynapseRow.of(SynapseQuadColumnOnDLS(3), EntryOnQuad(2))).toBe(14);
    const s = SynapseOnDLS.ofQuad(SynapseQuadOnDLS(16515), EntryOnQuad(2));
    expect(s).toBe(65536 + 2 * 256 + 14);
    expect(SynapseOnDLS.toSynapseOnSynapseRow(s)).toBe(14);
    expect(SynapseOnDLS.toSynapseRowOnSynram(s)).toBe(2);
    expect(SynapseOnDLS.toSynramOnDLS(s)).toBe(1);
  });

  it('a quad lies above the neuron quadrant of its hemisphere and half (halco synapse.cpp)', () => {
    const quadrant = (synram: number, quadColumn: number): number =>
      SynapseQuadOnDLS.toNeuronConfigBlockOnDLS(SynapseQuadOnDLS.of(SynramOnDLS(synram), SynapseRowOnSynram(100), SynapseQuadColumnOnDLS(quadColumn)));
    expect([quadrant(0, 31), quadrant(0, 32), quadrant(1, 0), quadrant(1, 63)]).toEqual([0, 1, 2, 3]);
  });
});
