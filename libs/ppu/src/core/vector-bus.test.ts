import { AtomicNeuronOnDLS } from '@bss2/coords';
import { NeuronReset } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { BareBus } from './bare-bus.js';
import type { PpuBus } from './ppu-bus.js';
import { PpuCore } from './ppu-core.js';
import { FakeBus } from './testing/fake-bus.js';
import { loadProgram } from './testing/load-program.js';

// FXV instructions executed by the core against internal memory and a fake chip (§4.5, §4.6, §10.8).

function run(bus: PpuBus, source: string): PpuCore {
  loadProgram(bus, source);
  const core = new PpuCore({ maxInstructions: 100_000 });
  core.start(bus);
  core.runUntil(Number.POSITIVE_INFINITY, bus);
  return core;
}

/** Byte `address` of internal memory. */
const byte = (bus: PpuBus, address: number): number => (bus.memory[address >>> 2]! >>> ((3 - (address & 3)) * 8)) & 0xff;

/** Sets byte `address` of internal memory. */
function setByte(bus: PpuBus, address: number, value: number): void {
  const shift = (3 - (address & 3)) * 8;
  bus.memory[address >>> 2] = ((bus.memory[address >>> 2]! & ~(0xff << shift)) | ((value & 0xff) << shift)) >>> 0;
}

/** `bus` as the bottom hemisphere's PPU (FakeBus is PPU 0). */
function onBottomPpu<B extends PpuBus>(bus: B): B {
  return Object.defineProperty(bus, 'ppu', { value: 1 });
}

/** The omnibus writes a neuron reset of `neurons` (AtomicNeuronOnDLS enums) makes, as FakeBus logs them. */
const resetWrites = (neurons: readonly number[]): string[] =>
  neurons.map((n) => `omnibusWrite 0x${NeuronReset.addresses(AtomicNeuronOnDLS(n))[0]!.toString(16)} 0x0`);

/** The 128 bytes of an fxvinx into v1. */
const v1 = (core: PpuCore): number[] => Array.from(core.state.vector.vr.subarray(128, 256));

describe('FXV through the core', () => {
  it('adds two vectors from internal memory with saturation and stores the sum', () => {
    const bus = new FakeBus();
    const core = run(
      bus,
      `
        li r3, 0x1000
        li r4, 0x1080
        li r5, 0x1100
        fxvlax v1, 0, r3
        fxvlax v2, 0, r4
        fxvaddbfs v3, v1, v2
        fxvstax v3, 0, r5
        wait
    `,
    );
    // The source vectors were all zero: fill them and run again.
    expect(core.sleeping).toBe(true);
    const a = [100, -100, 5, 127, -128, 0];
    const b = [100, -100, -7, 1, -1, 0];
    a.forEach((v, k) => setByte(bus, 0x1000 + k, v));
    b.forEach((v, k) => setByte(bus, 0x1080 + k, v));
    core.start(bus);
    core.runUntil(Number.POSITIVE_INFINITY, bus);
    const sums = Array.from({ length: 6 }, (_, k) => (byte(bus, 0x1100 + k) << 24) >> 24);
    expect(sums).toEqual([127, -128, -2, 127, -128, 0]);
    // 3 + 1 scalar cycles, 3 × 4 memory, 2 arithmetic (§10.8).
    expect(core.cycles).toBe(3 + 12 + 2 + 1);
  });

  it('reads and writes the weights of a row half through fxvinx/fxvoutx at base + row·2 + half', () => {
    const bus = new FakeBus();
    bus.weights[5]!.forEach((_, column) => (bus.weights[5]![column] = column % 64));
    const core = run(
      bus,
      `
        li r4, 11
        fxvinx v1, 0, r4
        li r5, 1
        fxvsplatb v2, r5
        fxvaddbm v1, v1, v2
        fxvoutx v1, 0, r4
        wait
    `,
    );
    expect(bus.log).toEqual(['readSynapseWeights 5', 'writeSynapseWeights 5']);
    // Odd columns (half 1) got +1; even columns kept their value.
    expect([bus.weights[5]![0], bus.weights[5]![1], bus.weights[5]![2], bus.weights[5]![3], bus.weights[5]![63]]).toEqual([0, 2, 2, 4, 0]);
    expect(core.cycles).toBe(1 + 8 + 1 + 2 + 2 + 8 + 1);
  });

  it('moves every lane of both halves to and from its own column, 6 bits on the way out', () => {
    const bus = new FakeBus();
    bus.cadc[1]![9]!.forEach((_, column) => (bus.cadc[1]![9]![column] = (column * 37 + 11) & 0xff));
    const core = run(
      bus,
      `
        lis r4, 0xc
        li r5, 18
        fxvinx v1, r4, r5
        li r5, 19
        fxvinx v2, r4, r5
        li r6, 6
        fxvoutx v1, 0, r6
        li r6, 7
        fxvoutx v2, 0, r6
        wait
    `,
    );
    const cadc = Array.from(bus.cadc[1]![9]!);
    const lanes = (register: number): number[] => Array.from(core.state.vector.vr.subarray(128 * register, 128 * register + 128));
    expect(lanes(1)).toEqual(cadc.filter((_, column) => column % 2 === 0));
    expect(lanes(2)).toEqual(cadc.filter((_, column) => column % 2 === 1));
    // Row 3 gets the acausal row 9, each column's value masked to 6 bits.
    expect(Array.from(bus.weights[3]!)).toEqual(cadc.map((value) => value & 0x3f));
  });

  it('writes only the lanes whose condition holds, masked to 6 bits', () => {
    const bus = new FakeBus();
    bus.labels[0]!.fill(9);
    bus.cadc[0]![0]!.set(Array.from({ length: 256 }, (_, c) => (c < 4 ? 0 : 200)));
    run(
      bus,
      `
        lis r4, 0x8
        fxvinx v1, 0, r4
        fxvcmpb v1
        li r5, 0xff
        fxvsplatb v2, r5
        lis r6, 0x4
        fxvoutx v2, 0, r6, 3
        wait
    `,
    );
    // Causal CADC row 0, even half: lanes 0 and 1 (columns 0, 2) read 0 → EQ → label 0x3f written there.
    expect(bus.log).toEqual(['readCadcRow 0 0', 'writeSynapseLabels 0']);
    expect(Array.from(bus.labels[0]!.subarray(0, 6))).toEqual([0x3f, 9, 0x3f, 9, 9, 9]);
  });

  it('resets the correlation only of the lanes whose condition holds in a masked reset', () => {
    const bus = new FakeBus();
    run(
      bus,
      `
        li r4, values
        fxvlax v2, 0, r4
        fxvcmpb v2
        lis r5, 0x8
        li r6, 3
        fxvoutx v2, r5, r6, 2
        wait
        .data
        .align 4
values: .byte -1, 0, -1, 0
    `,
    );
    // Row 1, odd half: lanes 0 and 2 are negative (LT), so columns 1 and 5.
    expect(bus.log).toEqual(['resetCorrelation 1 1,5']);
  });

  it('keeps the two halves apart when masked resets of one row follow each other (the column mask is reused)', () => {
    const bus = new FakeBus();
    run(
      bus,
      `
        li r4, values
        fxvlax v2, 0, r4
        fxvcmpb v2
        lis r5, 0x8
        fxvoutx v2, r5, r0, 2
        li r6, 1
        fxvoutx v2, r5, r6, 3
        fxvoutx v2, r5, r0
        wait
        .data
        .align 4
values: .byte -1, 0, -1, 0
    `,
    );
    // Row 0: even half, LT lanes 0 and 2 (columns 0, 4); odd half, EQ lanes (all but 0 and 2); even half, all.
    const odd = Array.from({ length: 128 }, (_, k) => k).filter((k) => k !== 0 && k !== 2).map((k) => 2 * k + 1);
    const even = Array.from({ length: 128 }, (_, k) => 2 * k);
    expect(bus.log).toEqual(['resetCorrelation 0 0,4', `resetCorrelation 0 ${odd.join(',')}`, `resetCorrelation 0 ${even.join(',')}`]);
  });

  it('resets the correlation of the vector half through the vreset bases and reads acausal CADC at 135 cycles', () => {
    const bus = new FakeBus();
    bus.cadc[1]![255]![255] = 77;
    const core = run(
      bus,
      `
        lis r4, 0xd
        ori r4, r4, 511
        fxvinx v1, 0, r4
        lis r5, 0x9
        fxvoutx v1, r5, r0
        wait
    `,
    );
    const odd = Array.from({ length: 128 }, (_, k) => 2 * k + 1).join(',');
    const even = Array.from({ length: 128 }, (_, k) => 2 * k).join(',');
    expect(bus.log).toEqual(['readCadcRow 1 255', `resetCorrelation 255 ${odd}`, `resetCorrelation 0 ${even}`]);
    expect(core.state.vector.vr[128 + 127]).toBe(77);
    expect(core.cycles).toBe(2 + 135 + 1 + 8 + 1);
  });

  it('faults on vector I/O bases the port does not model and on indices beyond row 255', () => {
    const bus = new FakeBus();
    expect(run(bus, 'lis r4, 0xf\nfxvinx v1, 0, r4\nwait').fault).toMatchObject({ code: 'unsupported-access', pc: 4, address: 0xf_0000 });
    expect(run(bus, 'li r4, 512\nfxvinx v1, 0, r4\nwait').fault).toMatchObject({ code: 'out-of-range-access', pc: 4, address: 512 });
    expect(run(bus, 'li r4, 0x3f90\nfxvlax v1, 0, r4\nwait').fault).toMatchObject({ code: 'out-of-range-access', pc: 4 });
  });

  it('moves vectors to and from external SRAM over the omnibus', () => {
    const bus = new FakeBus();
    const core = run(
      bus,
      `
        li r3, 0x2a
        fxvsplatb v1, r3
        lis r4, 0x4000
        fxvstax v1, r4, r0
        lis r5, 0x8000
        fxvinx v2, r5, r0
        wait
    `,
    );
    expect(bus.registers.get(0x8000_0000)).toBe(0x2a2a2a2a);
    expect(bus.registers.get(0x8000_001f)).toBe(0x2a2a2a2a);
    expect(core.state.vector.vr[2 * 128 + 100]).toBe(0x2a);
    expect(core.cycles).toBe(1 + 2 + 1 + 100 + 1 + 100 + 1);
  });

  it('moves vectors to and from external DRAM: fxvstax/fxvlax at 0x5000_0000, fxvinx/fxvoutx at 0x8100_0000', () => {
    const bus = new BareBus();
    for (let k = 0; k < 128; k++) setByte(bus, 0x1000 + k, k);
    const core = run(
      bus,
      `
        li r3, 0x1000
        fxvlax v1, 0, r3
        lis r4, 0x5000
        li r5, 0x100
        fxvstax v1, r4, r5
        lis r6, 0x8100
        fxvinx v2, r6, r5
        li r7, 0x180
        fxvoutx v2, r6, r7
        fxvlax v3, r4, r7
        wait
    `,
    );
    // Byte 0x100 of DRAM is omnibus word 0x8400_0040, big-endian (§10.8 lane k = byte a + k).
    expect(bus.omnibusRead(0x8400_0040)).toBe(0x0001_0203);
    expect(bus.omnibusRead(0x8400_005f)).toBe(0x7c7d_7e7f);
    expect(bus.omnibusRead(0x8400_0060)).toBe(0x0001_0203);
    expect(Array.from(core.state.vector.vr.subarray(3 * 128, 4 * 128))).toEqual(Array.from({ length: 128 }, (_, k) => k));
    expect(core.cycles).toBe(1 + 4 + 2 + 600 + 1 + 600 + 1 + 600 + 600 + 1);
  });

  it('merges a masked vector store into the DRAM words, leaving lanes whose condition fails unchanged', () => {
    const bus = new BareBus();
    for (let w = 0; w < 32; w++) bus.omnibusWrite(0x8400_0000 + w, 0x1111_1111);
    // Lanes 1 and 6 compare equal to 0, all others greater.
    for (let k = 0; k < 128; k++) setByte(bus, 0x1000 + k, k === 1 || k === 6 ? 0 : 1);
    run(
      bus,
      `
        li r3, 0x1000
        fxvlax v1, 0, r3
        fxvcmpb v1
        li r5, 0xee
        fxvsplatb v2, r5
        lis r4, 0x8100
        fxvoutx v2, 0, r4, 3
        wait
    `,
    );
    expect([bus.omnibusRead(0x8400_0000), bus.omnibusRead(0x8400_0001), bus.omnibusRead(0x8400_0002)]).toEqual([
      0x11ee_1111, 0x1111_ee11, 0x1111_1111,
    ]);
  });

  it('needs word alignment for DRAM vectors and faults at the first address whose vector leaves the DRAM', () => {
    const fault = (source: string): unknown => run(new BareBus(), `${source}\nwait`).fault;
    expect(fault('lis r4, 0x5000\nfxvlax v1, r4, r0\nli r5, 2\nfxvlax v1, r4, r5')).toMatchObject({ code: 'misaligned-access', pc: 12, address: 0x5000_0002 });
    expect(fault('lis r4, 0x8100\nori r4, r4, 1\nfxvinx v1, 0, r4')).toMatchObject({ code: 'misaligned-access', pc: 8, address: 0x8100_0001 });
    // The last vector of the 256 MiB starts 128 bytes before the end; 4 bytes further it would run past it.
    expect(fault('lis r4, 0x6000\naddi r4, r4, -128\nfxvstax v1, 0, r4\naddi r4, r4, 4\nfxvlax v1, 0, r4')).toMatchObject({
      code: 'out-of-range-access',
      pc: 16,
      address: 0x5fff_ff84,
    });
    expect(fault('lis r4, 0x9100\naddi r4, r4, -128\nfxvoutx v1, 0, r4\naddi r4, r4, 4\nfxvinx v1, 0, r4')).toMatchObject({
      code: 'out-of-range-access',
      pc: 16,
      address: 0x90ff_ff84,
    });
  });

  it('draws reproducible, varying pseudo-random bytes from the random generator base', () => {
    const source = `
        lis r4, 0xe
        fxvinx v1, 0, r4
        fxvinx v2, 0, r4
        wait
    `;
    const bus = new FakeBus();
    const core = run(bus, source);
    const first = v1(core);
    const second = Array.from(core.state.vector.vr.subarray(256, 384));
    expect(new Set(first).size).toBeGreaterThan(64);
    expect(second).not.toEqual(first);
    expect(core.cycles).toBe(1 + 8 + 8 + 1);
    expect(bus.log).toEqual([]);
    // A restarted core replays the stream; the other PPU has its own.
    expect(v1(run(bus, source))).toEqual(first);
    expect(v1(run(onBottomPpu(new FakeBus()), source))).not.toEqual(first);
  });

  it('faults on writes to the random generator and on indices beyond its 512', () => {
    expect(run(new FakeBus(), 'lis r4, 0xe\nfxvoutx v1, 0, r4\nwait').fault).toMatchObject({ code: 'unsupported-access', pc: 4, address: 0xe_0000 });
    expect(run(new FakeBus(), 'lis r4, 0xe\nori r4, r4, 512\nfxvinx v1, 0, r4\nwait').fault).toMatchObject({ code: 'out-of-range-access', pc: 8 });
  });

  it('resets the neurons of the even or odd columns through NeuronReset on the omnibus', () => {
    const source = (index: number): string => `
        lis r4, 0xc9
        ori r4, r4, ${0x200 + index}
        fxvoutx v1, 0, r4
        wait
    `;
    const columns = (half: number): number[] => Array.from({ length: 128 }, (_, k) => 2 * k + half);
    const even = new FakeBus();
    expect(run(even, source(0)).cycles).toBe(2 + 8 + 1);
    expect(even.log).toEqual(resetWrites(columns(0)));
    const odd = new FakeBus();
    run(odd, source(1));
    expect(odd.log).toEqual(resetWrites(columns(1)));
    // The bottom PPU resets the bottom row of neurons, AtomicNeuronOnDLS 256 + column.
    const bottom = onBottomPpu(new FakeBus());
    run(bottom, source(1));
    expect(bottom.log).toEqual(resetWrites(columns(1).map((c) => 256 + c)));
  });

  it('resets only the neurons whose lane condition holds in a masked neuron reset', () => {
    const bus = new FakeBus();
    // Lanes 0, 5 and 127 compare equal to 0.
    for (let k = 0; k < 128; k++) setByte(bus, 0x1000 + k, k === 0 || k === 5 || k === 127 ? 0 : 1);
    run(
      bus,
      `
        li r3, 0x1000
        fxvlax v1, 0, r3
        fxvcmpb v1
        lis r4, 0xc9
        ori r4, r4, 0x201
        fxvoutx v1, 0, r4, 3
        wait
    `,
    );
    expect(bus.log).toEqual(resetWrites([1, 11, 255]));
  });

  it('faults on reading the neuron reset base and on indices beside it', () => {
    expect(run(new FakeBus(), 'lis r4, 0xc9\nori r4, r4, 0x200\nfxvinx v1, 0, r4\nwait').fault).toMatchObject({
      code: 'unsupported-access',
      pc: 8,
      address: 0xc9_0200,
    });
    expect(run(new FakeBus(), 'lis r4, 0xc9\nori r4, r4, 0x202\nfxvoutx v1, 0, r4\nwait').fault).toMatchObject({ code: 'out-of-range-access', pc: 8 });
    expect(run(new FakeBus(), 'lis r4, 0x1\nfxvoutx v1, 0, r4\nwait').fault).toMatchObject({ code: 'unsupported-access', pc: 4 });
  });
});
