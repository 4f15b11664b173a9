import { describe, expect, it } from 'vitest';
import {
  CADCChannelOnDLS,
  CADCChannelType,
  CADCReadoutType,
  CADCSampleQuadOnDLS,
  EntryOnQuad,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnSynram,
  SynapseRowOnSynram,
  SynramOnDLS,
} from '../index.js';

describe('CADC sample quads (goldens, §3.1; halco cadc.h)', () => {
  it('value = synram · 65536 + readout · 32768 + type · 16384 + row · 64 + quadColumn', () => {
    // Bottom synram, buffered, acausal, row 3, quad column 5: 65536 + 32768 + 16384 + 3 · 64 + 5 = 114885.
    const quad = SynapseQuadOnSynram.of(SynapseRowOnSynram(3), SynapseQuadColumnOnDLS(5));
    const q = CADCSampleQuadOnDLS.of(SynramOnDLS.bottom, CADCReadoutType.buffered, CADCChannelType.acausal, quad);
    expect(q).toBe(114_885);
    expect(CADCSampleQuadOnDLS.toSynapseRowOnSynram(q)).toBe(3);
    expect(CADCSampleQuadOnDLS.toSynapseQuadColumnOnDLS(q)).toBe(5);
    expect(CADCSampleQuadOnDLS.toCADCReadoutType(q)).toBe(CADCReadoutType.buffered);
    expect(CADCSampleQuadOnDLS.toCADCChannelType(q)).toBe(CADCChannelType.acausal);
    // Entry 2 is column 4 · 5 + 2 = 22 of the bottom CADC's acausal channels: 512 + 256 + 22 = 790.
    expect(CADCSampleQuadOnDLS.toCADCChannelOnDLS(q, EntryOnQuad(2))).toBe(790);
    expect(CADCChannelOnDLS.toCADCChannelColumnOnSynram(CADCChannelOnDLS(790))).toBe(22);
  });

  it('defaults to the first instance: top synram, triggered read, causal, row 0, quad column 0', () => {
    const q = CADCSampleQuadOnDLS(0);
    expect(CADCSampleQuadOnDLS.toSynramOnDLS(q)).toBe(SynramOnDLS.top);
    expect(CADCSampleQuadOnDLS.toCADCReadoutType(q)).toBe(CADCReadoutType.triggerRead);
    expect(CADCSampleQuadOnDLS.toCADCChannelType(q)).toBe(CADCChannelType.causal);
    expect(CADCSampleQuadOnDLS.toSynapseQuadOnSynram(q)).toBe(0);
  });
});
