import { SynapseDriverOnDLS, SynapseQuadColumnOnDLS, SynapseQuadOnDLS, SynapseRowOnSynram, SynramOnDLS } from '@bss2/coords';
import { SynapseDriverConfig, SynapseQuad } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { BENCH_ROW_RATE_KHZ, benchmarkChip } from './chip-network.js';

describe('the bench:chip network', () => {
  const chip = benchmarkChip({ neuron: 'adex' });

  it('gives the 64 rows of every PADI bus distinct synapse labels, so each background event reaches one row', () => {
    for (const synram of SynramOnDLS.all()) {
      for (let bus = 0; bus < 4; bus++) {
        const labels = new Set<number>();
        for (let row = 0; row < 256; row++) {
          if ((row >> 1) % 4 !== bus) continue;
          const quad = chip.get(SynapseQuad, SynapseQuadOnDLS.of(synram, SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(17)));
          expect(new Set(quad.labels).size).toBe(1);
          labels.add(quad.labels[0] as number);
        }
        expect(labels.size).toBe(64);
      }
    }
  });

  it('makes rows 0..191 excitatory and the rest inhibitory, every driver accepting every row-select address', () => {
    for (const driver of SynapseDriverOnDLS.all()) {
      const config = chip.get(SynapseDriverConfig, driver);
      const bottom = (driver % 128) * 2;
      expect(config.rowModeBottom).toBe(bottom < 192 ? 'excitatory' : 'inhibitory');
      expect(config.rowAddressCompareMask).toBe(0);
      expect(config.enableReceiver).toBe(true);
    }
    expect(BENCH_ROW_RATE_KHZ).toBeGreaterThan(9.5);
    expect(BENCH_ROW_RATE_KHZ).toBeLessThan(10.5);
  });
});
