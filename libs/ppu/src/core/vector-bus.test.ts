import { describe, expect, it } from 'vitest';
import { PpuCore } from './ppu-core.js';
import { FakeBus } from './testing/fake-bus.js';
import { loadProgram } from './testing/load-program.js';

// FXV instructions executed by the core against internal memory and a fake chip (§4.5, §4.6, §10.8).

function run(bus: FakeBus, source: string): PpuCore {
  loadProgram(bus, source);
  const core = new PpuCore({ maxInstructions: 100_000 });
  core.start(bus);
  core.runUntil(Number.POSITIVE_INFINITY, bus);
  return core;
}

/** Byte `address` of internal memory. */
const byte = (bus: FakeBus, address: number): number => (bus.memory[address >>> 2]! >>> ((3 - (address & 3)) * 8)) & 0xff;

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
    const setByte = (address: number, value: number): void => {
      const shift = (3 - (address & 3)) * 8;
      bus.memory[address >>> 2] = ((bus.memory[address >>> 2]! & ~(0xff << shift)) | ((value & 0xff) << shift)) >>> 0;
    };
    a.forEach((v, k) => setByte(0x1000 + k, v));
    b.forEach((v, k) => setByte(0x1080 + k, v));
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

  it('resets correlation through the vreset bases and reads acausal CADC at 135 cycles', () => {
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
    expect(bus.log).toEqual(['readCadcRow 1 255', 'resetCorrelation 255', 'resetCorrelation 0']);
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
});
