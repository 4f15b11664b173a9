import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CoordError } from './coord-error.js';
import { coordinates, type CoordinateName } from './coordinates.js';
import type { Coord, CoordType } from './ranged.js';
import * as C from './index.js';

// The coordinate contract, generated from the registry (STYLE item 12): every type constructs exactly its
// integers 0..max, rejects everything else with a CoordError naming the range, and enumerates itself.

function expectRejected(type: CoordType<string>, value: number): void {
  let error: unknown;
  try {
    type(value);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(CoordError);
  const e = error as CoordError;
  expect(e.code).toBe(Number.isInteger(value) ? 'out-of-range' : 'not-integer');
  expect(e.coordinate).toBe(type.coordName);
  expect(e.range).toEqual({ min: 0, max: type.max });
  expect(e.message).toContain(`0..${type.max}`);
  expect(type.is(value)).toBe(false);
  expect(type.tryOf(value).ok).toBe(false);
}

describe('coordinate registry', () => {
  it('names every type once', () => {
    const names = coordinates.map((c) => c.type.coordName);
    expect(new Set(names).size).toBe(names.length);
  });

  const rows = coordinates.map((c): [string, CoordType<string>, number] => [c.type.coordName, c.type, c.size]);
  describe.each(rows)('%s', (_name, type, size) => {
    it(`has the reference size ${size}`, () => {
      expect(type.size).toBe(size);
      expect(type.max).toBe(size - 1);
      expect(type.min).toBe(0);
    });

    it('accepts exactly the integers 0..max', () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: type.max }), (v) => {
          expect(type(v)).toBe(v);
          expect(type.is(v)).toBe(true);
          expect(type.tryOf(v)).toEqual({ ok: true, value: v });
        }),
      );
      expect(type(0)).toBe(0);
      expect(type(type.max)).toBe(type.max);
    });

    it('rejects values outside 0..max and non-integers with a CoordError naming the range', () => {
      for (const v of [-1, type.max + 1, 0.5, type.max - 0.25, Number.NaN, Number.POSITIVE_INFINITY]) expectRejected(type, v);
      fc.assert(fc.property(fc.integer({ min: type.max + 1 }), (v) => expectRejected(type, v)));
      fc.assert(fc.property(fc.integer({ max: -1 }), (v) => expectRejected(type, v)));
      // A singleton's range 0..0 holds no non-integer (filtering for one would never finish), so draw from 0..1.
      fc.assert(
        fc.property(fc.double({ min: 0, max: Math.max(type.max, 1), noNaN: true }).filter((v) => !Number.isInteger(v)), (v) =>
          expectRejected(type, v),
        ),
      );
    });

    it('enumerates size distinct instances, each equal to its index', () => {
      const all: readonly number[] = type.all();
      expect(all).toHaveLength(size);
      expect(new Set(all).size).toBe(size);
      expect(all.findIndex((c, i) => c !== i)).toBe(-1);
    });
  });
});

// Round trips: for every compound type, rebuilding each instance from its parts gives it back, over all
// instances. A `Record` over CoordinateName makes a new registry row fail to compile until its round trips
// are listed here (an empty list marks a type without parts).
type RoundTrip = (value: number) => number;
const rt =
  <N extends string>(type: CoordType<N>, f: (c: Coord<N>) => number): RoundTrip =>
  (v) =>
    f(type(v));
const both = <T>(f: (w: T) => number, values: readonly T[]): number => {
  const results = new Set(values.map(f));
  return results.size === 1 ? [...results][0]! : Number.NaN;
};

const roundTrips: Record<CoordinateName, readonly RoundTrip[]> = {
  HemisphereOnDLS: [],
  NeuronRowOnDLS: [rt(C.NeuronRowOnDLS, (r) => C.NeuronRowOnDLS.fromHemisphereOnDLS(C.NeuronRowOnDLS.toHemisphereOnDLS(r)))],
  NeuronColumnOnDLS: [
    rt(C.NeuronColumnOnDLS, (c) => C.NeuronColumnOnDLS.fromSynapseOnSynapseRow(C.NeuronColumnOnDLS.toSynapseOnSynapseRow(c))),
  ],
  AtomicNeuronOnDLS: [
    rt(C.AtomicNeuronOnDLS, (n) =>
      C.AtomicNeuronOnDLS.of(C.AtomicNeuronOnDLS.toNeuronRowOnDLS(n), C.AtomicNeuronOnDLS.toNeuronColumnOnDLS(n))),
    rt(C.AtomicNeuronOnDLS, (n) =>
      C.AtomicNeuronOnDLS.fromNeuronConfig(C.AtomicNeuronOnDLS.toNeuronConfigBlockOnDLS(n), C.AtomicNeuronOnDLS.toNeuronConfigOnNeuronConfigBlock(n)),
    ),
    rt(C.AtomicNeuronOnDLS, (n) => C.AtomicNeuronOnDLS.fromNeuronConfigOnDLS(C.AtomicNeuronOnDLS.toNeuronConfigOnDLS(n))),
    rt(C.AtomicNeuronOnDLS, (n) =>
      C.AtomicNeuronOnDLS.fromNeuronBackendConfigOnDLS(C.AtomicNeuronOnDLS.toNeuronBackendConfigOnDLS(n))),
  ],
  NeuronConfigBlockOnDLS: [
    rt(C.NeuronConfigBlockOnDLS, (b) =>
      C.NeuronConfigBlockOnDLS.of(C.NeuronConfigBlockOnDLS.toHemisphereOnDLS(b), C.NeuronConfigBlockOnDLS.toNeuronBackendConfigBlockOnDLS(b)),
    ),
    rt(C.NeuronConfigBlockOnDLS, (b) =>
      C.NeuronConfigBlockOnDLS.fromCapMemBlockOnDLS(C.NeuronConfigBlockOnDLS.toCapMemBlockOnDLS(b))),
  ],
  NeuronConfigOnNeuronConfigBlock: [],
  NeuronConfigOnDLS: [
    rt(C.NeuronConfigOnDLS, (n) =>
      C.NeuronConfigOnDLS.of(C.NeuronConfigOnDLS.toNeuronConfigBlockOnDLS(n), C.NeuronConfigOnDLS.toNeuronConfigOnNeuronConfigBlock(n))),
  ],
  NeuronBackendConfigBlockOnDLS: [
    rt(C.NeuronBackendConfigBlockOnDLS, (b) =>
      C.CommonNeuronBackendConfigOnDLS.toNeuronBackendConfigBlockOnDLS(C.NeuronBackendConfigBlockOnDLS.toCommonNeuronBackendConfigOnDLS(b)),
    ),
  ],
  CommonNeuronBackendConfigOnDLS: [],
  NeuronBackendConfigOnNeuronBackendConfigBlock: [],
  NeuronBackendConfigOnDLS: [
    rt(C.NeuronBackendConfigOnDLS, (b) =>
      C.NeuronBackendConfigOnDLS.of(
        C.NeuronBackendConfigOnDLS.toNeuronBackendConfigBlockOnDLS(b),
        C.NeuronBackendConfigOnDLS.toNeuronBackendConfigOnNeuronBackendConfigBlock(b),
      ),
    ),
  ],
  NeuronEventOutputOnNeuronBackendBlock: [],
  NeuronEventOutputOnDLS: [
    rt(C.NeuronEventOutputOnDLS, (e) =>
      C.NeuronEventOutputOnDLS.of(C.NeuronEventOutputOnDLS.toNeuronBackendConfigBlockOnDLS(e), C.NeuronEventOutputOnDLS.toNeuronEventOutputOnNeuronBackendBlock(e)),
    ),
    rt(C.NeuronEventOutputOnDLS, (e) =>
      C.CrossbarInputOnDLS.toNeuronEventOutputOnDLS(C.NeuronEventOutputOnDLS.toCrossbarInputOnDLS(e)) ?? -1),
  ],
  SynramOnDLS: [rt(C.SynramOnDLS, (s) => C.SynramOnDLS.fromHemisphereOnDLS(C.SynramOnDLS.toHemisphereOnDLS(s)))],
  SynapseRowOnSynapseDriver: [],
  SynapseRowOnSynram: [
    rt(C.SynapseRowOnSynram, (r) =>
      C.SynapseDriverOnSynapseDriverBlock.toSynapseRowOnSynram(
        C.SynapseRowOnSynram.toSynapseDriverOnSynapseDriverBlock(r),
        C.SynapseRowOnSynram.toSynapseRowOnSynapseDriver(r),
      ),
    ),
  ],
  SynapseRowOnDLS: [
    rt(C.SynapseRowOnDLS, (r) =>
      C.SynapseRowOnDLS.of(C.SynapseRowOnDLS.toSynramOnDLS(r), C.SynapseRowOnDLS.toSynapseRowOnSynram(r))),
    rt(C.SynapseRowOnDLS, (r) =>
      C.SynapseDriverOnDLS.toSynapseRowOnDLS(C.SynapseRowOnDLS.toSynapseDriverOnDLS(r), C.SynapseRowOnDLS.toSynapseRowOnSynapseDriver(r)),
    ),
  ],
  SynapseQuadColumnOnDLS: [],
  EntryOnQuad: [],
  SynapseQuadOnSynram: [
    rt(C.SynapseQuadOnSynram, (q) =>
      C.SynapseQuadOnSynram.of(C.SynapseQuadOnSynram.toSynapseRowOnSynram(q), C.SynapseQuadOnSynram.toSynapseQuadColumnOnDLS(q))),
  ],
  SynapseQuadOnDLS: [
    rt(C.SynapseQuadOnDLS, (q) =>
      C.SynapseQuadOnDLS.of(C.SynapseQuadOnDLS.toSynramOnDLS(q), C.SynapseQuadOnDLS.toSynapseRowOnSynram(q), C.SynapseQuadOnDLS.toSynapseQuadColumnOnDLS(q)),
    ),
    rt(C.SynapseQuadOnDLS, (q) =>
      C.SynapseQuadOnDLS.ofQuadOnSynram(C.SynapseQuadOnDLS.toSynramOnDLS(q), C.SynapseQuadOnDLS.toSynapseQuadOnSynram(q))),
    rt(C.SynapseQuadOnDLS, (q) =>
      C.SynapseQuadOnDLS.of(
        C.SynapseRowOnDLS.toSynramOnDLS(C.SynapseQuadOnDLS.toSynapseRowOnDLS(q)),
        C.SynapseRowOnDLS.toSynapseRowOnSynram(C.SynapseQuadOnDLS.toSynapseRowOnDLS(q)),
        C.SynapseQuadOnDLS.toSynapseQuadColumnOnDLS(q),
      ),
    ),
  ],
  SynapseOnSynapseRow: [
    rt(C.SynapseOnSynapseRow, (s) =>
      C.SynapseOnSynapseRow.of(C.SynapseOnSynapseRow.toSynapseQuadColumnOnDLS(s), C.SynapseOnSynapseRow.toEntryOnQuad(s))),
  ],
  SynapseOnDLS: [
    rt(C.SynapseOnDLS, (s) =>
      C.SynapseOnDLS.of(C.SynapseOnDLS.toSynramOnDLS(s), C.SynapseOnDLS.toSynapseRowOnSynram(s), C.SynapseOnDLS.toSynapseOnSynapseRow(s))),
    rt(C.SynapseOnDLS, (s) => C.SynapseOnDLS.ofQuad(C.SynapseOnDLS.toSynapseQuadOnDLS(s), C.SynapseOnDLS.toEntryOnQuad(s))),
  ],
  ColumnCurrentQuadOnDLS: [
    rt(C.ColumnCurrentQuadOnDLS, (q) =>
      C.ColumnCurrentQuadOnDLS.of(C.ColumnCurrentQuadOnDLS.toSynramOnDLS(q), C.ColumnCurrentQuadOnDLS.toSynapseQuadColumnOnDLS(q))),
  ],
  ColumnCorrelationQuadOnDLS: [
    rt(C.ColumnCorrelationQuadOnDLS, (q) =>
      C.ColumnCorrelationQuadOnDLS.of(
        C.ColumnCorrelationQuadOnDLS.toSynramOnDLS(q),
        C.ColumnCorrelationQuadOnDLS.toSynapseQuadColumnOnDLS(q),
      ),
    ),
  ],
  CorrelationResetOnDLS: [
    rt(C.CorrelationResetOnDLS, (r) =>
      C.CorrelationResetOnDLS.of(
        C.CorrelationResetOnDLS.toSynramOnDLS(r),
        C.CorrelationResetOnDLS.toSynapseRowOnSynram(r),
        C.CorrelationResetOnDLS.toSynapseQuadColumnOnDLS(r),
      ),
    ),
    rt(C.CorrelationResetOnDLS, (r) => C.CorrelationResetOnDLS.fromSynapseQuadOnDLS(C.CorrelationResetOnDLS.toSynapseQuadOnDLS(r))),
    rt(C.CorrelationResetOnDLS, (r) =>
      C.CorrelationResetOnDLS.fromSynapseQuadOnDLS(
        C.SynapseQuadOnDLS.ofQuadOnSynram(C.CorrelationResetOnDLS.toSynramOnDLS(r), C.CorrelationResetOnDLS.toSynapseQuadOnSynram(r)),
      ),
    ),
  ],
  SynapseDriverOnPADIBus: [
    rt(C.SynapseDriverOnPADIBus, (p) =>
      C.RowSelectAddress.toSynapseDriverOnPADIBus(C.RowSelectAddress.fromSynapseDriverOnPADIBus(p))),
  ],
  SynapseDriverBlockOnDLS: [
    rt(C.SynapseDriverBlockOnDLS, (b) =>
      C.SynapseDriverBlockOnDLS.fromHemisphereOnDLS(C.SynapseDriverBlockOnDLS.toHemisphereOnDLS(b))),
  ],
  SynapseDriverOnSynapseDriverBlock: [
    rt(C.SynapseDriverOnSynapseDriverBlock, (d) =>
      C.SynapseDriverOnSynapseDriverBlock.ofPADIBus(
        C.SynapseDriverOnSynapseDriverBlock.toPADIBusOnPADIBusBlock(d),
        C.SynapseDriverOnSynapseDriverBlock.toSynapseDriverOnPADIBus(d),
      ),
    ),
    rt(C.SynapseDriverOnSynapseDriverBlock, (d) =>
      both((r) => C.SynapseRowOnSynram.toSynapseDriverOnSynapseDriverBlock(r), C.SynapseDriverOnSynapseDriverBlock.toSynapseRowsOnSynram(d)),
    ),
  ],
  SynapseDriverOnDLS: [
    rt(C.SynapseDriverOnDLS, (d) =>
      C.SynapseDriverOnDLS.of(C.SynapseDriverOnDLS.toSynapseDriverBlockOnDLS(d), C.SynapseDriverOnDLS.toSynapseDriverOnSynapseDriverBlock(d))),
    rt(C.SynapseDriverOnDLS, (d) =>
      C.SynapseDriverOnDLS.ofPADIBus(C.SynapseDriverOnDLS.toPADIBusOnDLS(d), C.SynapseDriverOnDLS.toSynapseDriverOnPADIBus(d))),
    rt(C.SynapseDriverOnDLS, (d) =>
      both((r) => C.SynapseRowOnDLS.toSynapseDriverOnDLS(r), C.SynapseDriverOnDLS.toSynapseRowsOnDLS(d))),
  ],
  PADIBusOnPADIBusBlock: [],
  PADIBusBlockOnDLS: [rt(C.PADIBusBlockOnDLS, (b) =>
    C.PADIBusBlockOnDLS.fromHemisphereOnDLS(C.PADIBusBlockOnDLS.toHemisphereOnDLS(b)))],
  PADIBusOnDLS: [
    rt(C.PADIBusOnDLS, (b) =>
      C.PADIBusOnDLS.of(C.PADIBusOnDLS.toPADIBusBlockOnDLS(b), C.PADIBusOnDLS.toPADIBusOnPADIBusBlock(b))),
    rt(C.PADIBusOnDLS, (b) => C.CrossbarOutputOnDLS.toPADIBusOnDLS(C.PADIBusOnDLS.toCrossbarOutputOnDLS(b)) ?? -1),
  ],
  PADIEventOnDLS: [],
  CrossbarInputOnDLS: [
    rt(C.CrossbarInputOnDLS, (i) => {
      const e = C.CrossbarInputOnDLS.toNeuronEventOutputOnDLS(i);
      const a = C.CrossbarInputOnDLS.toSPL1Address(i);
      const b = C.CrossbarInputOnDLS.toBackgroundSpikeSourceOnDLS(i);
      const sources = [e, a, b].filter((x) => x !== undefined);
      if (sources.length !== 1) return -1;
      if (e !== undefined) return C.CrossbarInputOnDLS.fromNeuronEventOutputOnDLS(e);
      if (a !== undefined) return C.CrossbarInputOnDLS.fromSPL1Address(a);
      return C.CrossbarInputOnDLS.fromBackgroundSpikeSourceOnDLS(b!);
    }),
  ],
  CrossbarOutputOnDLS: [
    rt(C.CrossbarOutputOnDLS, (o) => {
      const bus = C.CrossbarOutputOnDLS.toPADIBusOnDLS(o);
      const l2 = C.CrossbarOutputOnDLS.toCrossbarL2OutputOnDLS(o);
      if ((bus === undefined) === (l2 === undefined)) return -1;
      return bus !== undefined ? C.PADIBusOnDLS.toCrossbarOutputOnDLS(bus) : C.CrossbarL2OutputOnDLS.toCrossbarOutputOnDLS(l2!);
    }),
  ],
  CrossbarL2OutputOnDLS: [
    rt(C.CrossbarL2OutputOnDLS, (l) =>
      C.CrossbarOutputOnDLS.toCrossbarL2OutputOnDLS(C.CrossbarL2OutputOnDLS.toCrossbarOutputOnDLS(l)) ?? -1),
    rt(C.CrossbarL2OutputOnDLS, (l) => C.SPL1Address.toCrossbarL2OutputOnDLS(C.CrossbarL2OutputOnDLS.toSPL1Address(l))),
  ],
  CrossbarNodeOnDLS: [
    rt(C.CrossbarNodeOnDLS, (n) =>
      C.CrossbarNodeOnDLS.of(C.CrossbarNodeOnDLS.toCrossbarInputOnDLS(n), C.CrossbarNodeOnDLS.toCrossbarOutputOnDLS(n))),
    rt(C.CrossbarNodeOnDLS, (n) => C.CrossbarGridIndexOnDLS.toCrossbarNodeOnDLS(C.CrossbarNodeOnDLS.toGridIndex(n)) ?? -1),
  ],
  CrossbarGridIndexOnDLS: [
    rt(C.CrossbarGridIndexOnDLS, (g) =>
      C.CrossbarGridIndexOnDLS.of(C.CrossbarGridIndexOnDLS.toCrossbarInputOnDLS(g), C.CrossbarGridIndexOnDLS.toCrossbarOutputOnDLS(g)),
    ),
  ],
  CrossbarOutputConfigOnDLS: [],
  BackgroundSpikeSourceOnDLS: [
    rt(C.BackgroundSpikeSourceOnDLS, (b) =>
      C.CrossbarInputOnDLS.toBackgroundSpikeSourceOnDLS(C.BackgroundSpikeSourceOnDLS.toCrossbarInputOnDLS(b)) ?? -1),
  ],
  CapMemBlockOnHemisphere: [],
  CapMemBlockOnDLS: [
    rt(C.CapMemBlockOnDLS, (b) =>
      C.CapMemBlockOnDLS.of(C.CapMemBlockOnDLS.toHemisphereOnDLS(b), C.CapMemBlockOnDLS.toCapMemBlockOnHemisphere(b))),
    rt(C.CapMemBlockOnDLS, (b) => C.NeuronConfigBlockOnDLS.toCapMemBlockOnDLS(C.CapMemBlockOnDLS.toNeuronConfigBlockOnDLS(b))),
  ],
  CapMemRowOnCapMemBlock: [],
  CapMemColumnOnCapMemBlock: [],
  CapMemCellOnCapMemBlock: [
    rt(C.CapMemCellOnCapMemBlock, (c) =>
      C.CapMemCellOnCapMemBlock.of(C.CapMemCellOnCapMemBlock.toCapMemRowOnCapMemBlock(c), C.CapMemCellOnCapMemBlock.toCapMemColumnOnCapMemBlock(c)),
    ),
  ],
  CapMemCellOnDLS: [
    rt(C.CapMemCellOnDLS, (c) =>
      C.CapMemCellOnDLS.of(C.CapMemCellOnDLS.toCapMemBlockOnDLS(c), C.CapMemCellOnDLS.toCapMemCellOnCapMemBlock(c))),
    rt(C.CapMemCellOnDLS, (c) => {
      const meaning = C.CapMemCellOnDLS.toNeuronParameter(c);
      const kind = C.CapMemCellOnDLS.kind(c);
      const name = C.CapMemCellOnDLS.nameOf(c) as never;
      if (meaning !== undefined) return kind === 'neuron' ? C.CapMemCellOnDLS.ofNeuron(meaning.neuron, meaning.parameter) : -1;
      if (kind === 'shared') return C.CapMemCellOnDLS.ofShared(C.CapMemCellOnDLS.toCapMemBlockOnDLS(c), name);
      if (kind === 'global') return C.CapMemCellOnDLS.ofGlobal(name);
      return kind === 'unused' && name === undefined ? c : -1;
    }),
  ],
  CADCOnDLS: [
    rt(C.CADCOnDLS, (c) => C.CADCOnDLS.fromHemisphereOnDLS(C.CADCOnDLS.toHemisphereOnDLS(c))),
    rt(C.CADCOnDLS, (c) => C.CADCOnDLS.fromHemisphereOnDLS(C.PPUOnDLS.toHemisphereOnDLS(C.CADCOnDLS.toPPUOnDLS(c)))),
  ],
  CADCChannelType: [],
  CADCChannelColumnOnSynram: [
    rt(C.CADCChannelColumnOnSynram, (c) =>
      C.CADCChannelColumnOnSynram.fromNeuronColumnOnDLS(C.CADCChannelColumnOnSynram.toNeuronColumnOnDLS(c))),
  ],
  CADCChannelOnDLS: [
    rt(C.CADCChannelOnDLS, (ch) =>
      C.CADCChannelOnDLS.of(C.CADCChannelOnDLS.toCADCOnDLS(ch), C.CADCChannelOnDLS.toCADCChannelType(ch), C.CADCChannelOnDLS.toCADCChannelColumnOnSynram(ch)),
    ),
    rt(C.CADCChannelOnDLS, (ch) =>
      C.CADCChannelOnDLS.ofNeuron(C.CADCChannelOnDLS.toAtomicNeuronOnDLS(ch), C.CADCChannelOnDLS.toCADCChannelType(ch))),
  ],
  CADCReadoutType: [],
  CADCSampleQuadOnDLS: [
    rt(C.CADCSampleQuadOnDLS, (q) =>
      C.CADCSampleQuadOnDLS.of(
        C.CADCSampleQuadOnDLS.toSynramOnDLS(q),
        C.CADCSampleQuadOnDLS.toCADCReadoutType(q),
        C.CADCSampleQuadOnDLS.toCADCChannelType(q),
        C.SynapseQuadOnSynram.of(C.CADCSampleQuadOnDLS.toSynapseRowOnSynram(q), C.CADCSampleQuadOnDLS.toSynapseQuadColumnOnDLS(q)),
      ),
    ),
    // Entry e of the quad is channel column 4 · quadColumn + e of the same CADC and type.
    rt(C.CADCSampleQuadOnDLS, (q) => {
      const channel = C.CADCSampleQuadOnDLS.toCADCChannelOnDLS(q, C.EntryOnQuad(3));
      const column = C.CADCChannelOnDLS.toCADCChannelColumnOnSynram(channel);
      if (column % 4 !== 3) return -1;
      return C.CADCSampleQuadOnDLS.of(
        C.CADCOnDLS.toSynramOnDLS(C.CADCChannelOnDLS.toCADCOnDLS(channel)),
        C.CADCSampleQuadOnDLS.toCADCReadoutType(q),
        C.CADCChannelOnDLS.toCADCChannelType(channel),
        C.SynapseQuadOnSynram.of(C.CADCSampleQuadOnDLS.toSynapseRowOnSynram(q), C.SynapseQuadColumnOnDLS(Math.floor(column / 4))),
      );
    }),
  ],
  MADCConfigOnDLS: [],
  MADCControlOnDLS: [],
  PPUOnDLS: [rt(C.PPUOnDLS, (p) => C.PPUOnDLS.fromHemisphereOnDLS(C.PPUOnDLS.toHemisphereOnDLS(p)))],
  PPUMemoryWordOnPPU: [rt(C.PPUMemoryWordOnPPU, (w) =>
    C.PPUMemoryByteOnPPU.toPPUMemoryWordOnPPU(C.PPUMemoryWordOnPPU.toPPUMemoryByteOnPPU(w)))],
  PPUMemoryWordOnDLS: [
    rt(C.PPUMemoryWordOnDLS, (w) =>
      C.PPUMemoryWordOnDLS.of(C.PPUMemoryWordOnDLS.toPPUOnDLS(w), C.PPUMemoryWordOnDLS.toPPUMemoryWordOnPPU(w))),
  ],
  ByteOnPPUMemoryWord: [],
  PPUMemoryByteOnPPU: [
    rt(C.PPUMemoryByteOnPPU, (b) =>
      C.PPUMemoryByteOnPPU.of(C.PPUMemoryByteOnPPU.toPPUMemoryWordOnPPU(b), C.PPUMemoryByteOnPPU.toByteOnPPUMemoryWord(b))),
  ],
  SPL1Address: [rt(C.SPL1Address, (a) => C.CrossbarInputOnDLS.toSPL1Address(C.SPL1Address.toCrossbarInputOnDLS(a)) ?? -1)],
  NeuronLabel: [],
  PADILabel: [],
  RowSelectAddress: [],
  SynapseLabel: [],
  NeuronBackendAddressOut: [],
  SpikeLabel: [
    rt(C.SpikeLabel, (l) =>
      C.SpikeLabel.of({ spl1Address: C.SpikeLabel.toSPL1Address(l), neuronLabel: C.SpikeLabel.toNeuronLabel(l) })),
    rt(C.SpikeLabel, (l) =>
      C.SpikeLabel.of({
        spl1Address: C.SpikeLabel.toSPL1Address(l),
        neuronLabel: C.SpikeLabel.toNeuronLabel(l),
        padiLabel: C.SpikeLabel.toPADILabel(l),
        neuronEventOutput: C.SpikeLabel.toNeuronEventOutputOnDLS(l),
        addressOut: C.SpikeLabel.toNeuronBackendAddressOut(l),
        rowSelectAddress: C.SpikeLabel.toRowSelectAddress(l),
        synapseLabel: C.SpikeLabel.toSynapseLabel(l),
      }),
    ),
  ],
};

describe('round trips over all instances', () => {
  const cases = coordinates.flatMap(({ type }) =>
    roundTrips[type.coordName].map((f, i) => [`${type.coordName} #${i + 1}`, type, f] as const),
  );
  it.each(cases)('%s', (_label, type, f) => {
    for (const c of type.all()) if (f(c) !== c) expect(f(c)).toBe(c);
  });
});
