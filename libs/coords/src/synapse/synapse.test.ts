import { describe, expect, it } from 'vitest';
import {
  ColumnCorrelationQuadOnDLS,
  ColumnCurrentQuadOnDLS,
  type Coord,
  CoordError,
  type CoordType,
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

  it('quad columns 32..63 (synapse columns 128..255) are the east half (halco synapse.cpp)', () => {
    const east = SynapseQuadColumnOnDLS.all().filter((q) => SynapseQuadColumnOnDLS.isEast(q));
    expect(east).toEqual(SynapseQuadColumnOnDLS.all().slice(32));
  });
});

/** The shape both column switch quad types share: `synram · 64 + quad column`. */
type ColumnQuadType<N extends string> = CoordType<N> & {
  of(synram: SynramOnDLS, column: SynapseQuadColumnOnDLS): Coord<N>;
  toSynramOnDLS(q: Coord<N>): SynramOnDLS;
  toSynapseQuadColumnOnDLS(q: Coord<N>): SynapseQuadColumnOnDLS;
};

function columnQuadCases<N extends string>(type: ColumnQuadType<N>): void {
  it(`${type.coordName} is synram · 64 + quad column`, () => {
    expect(type.of(SynramOnDLS.top, SynapseQuadColumnOnDLS(3))).toBe(3);
    expect(type.of(SynramOnDLS.bottom, SynapseQuadColumnOnDLS(0))).toBe(64);
    expect(type.toSynramOnDLS(type(127))).toBe(SynramOnDLS.bottom);
    expect(type.toSynapseQuadColumnOnDLS(type(127))).toBe(63);
  });

  it(`${type.coordName}: every (synram, quad column) is a distinct instance and splits back into its parts`, () => {
    const seen = new Set<number>();
    for (const synram of SynramOnDLS.all()) {
      for (const column of SynapseQuadColumnOnDLS.all()) {
        const q = type.of(synram, column);
        expect(type.toSynramOnDLS(q)).toBe(synram);
        expect(type.toSynapseQuadColumnOnDLS(q)).toBe(column);
        seen.add(q);
      }
    }
    expect(seen.size).toBe(type.size);
  });

  it(`${type.coordName}.of checks its parts, so a forged quad column does not wrap into the other synram`, () => {
    expect(() => type.of(SynramOnDLS.top, 64 as SynapseQuadColumnOnDLS)).toThrow(CoordError);
  });
}

describe('column switch quads (goldens, §1.5, §3.1; halco switch_rows.h)', () => {
  columnQuadCases(ColumnCurrentQuadOnDLS);
  columnQuadCases(ColumnCorrelationQuadOnDLS);
});
