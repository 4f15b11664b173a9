import { describe, expect, it } from 'vitest';
import { run } from './testing/fxv-harness.js';
import type { VectorEnvironment } from './vector-environment.js';
import { VectorUnit } from './vector-unit.js';

// The libnux STDP update of §4.10 on one synapse vector, instruction by instruction, with the expected weights
// worked out by hand below. I/O bases from §4.5.

const WEIGHT = 0x0000_0000;
const CAUSAL = 0x0008_0000;
const ACAUSAL = 0x000c_0000;
const SHIFT_RIGHT_1 = 31; // the VRB field −1 (§10.8)
const SHIFT_LEFT_1 = 1;

class FakeSynapseBus implements VectorEnvironment {
  readonly cells = new Map<number, Uint8Array>();
  readonly writes: { ea: number; data: number[]; mask: number[] | undefined }[] = [];
  loadVector(): void {
    throw new Error('no memory access in this sequence');
  }
  storeVector(): void {
    throw new Error('no memory access in this sequence');
  }
  ioRead(ea: number, out: Uint8Array): void {
    out.set(this.cells.get(ea) ?? new Uint8Array(128));
  }
  ioWrite(ea: number, data: Uint8Array, mask: Uint8Array | undefined): void {
    this.writes.push({ ea, data: Array.from(data), mask: mask && Array.from(mask) });
    this.cells.set(ea, Uint8Array.from(data));
  }
  put(ea: number, lanes: readonly number[]): void {
    const v = new Uint8Array(128);
    v.set(lanes);
    this.cells.set(ea, v);
  }
}

describe('STDP update of §4.10 on one vector', () => {
  it('gives the hand-computed weights', () => {
    const u = new VectorUnit();
    const bus = new FakeSynapseBus();
    const at = (ea: number) => ({ gprA: 0, ea });
    // Registers: 1 causal offset, 2 acausal offset, 3 causal, 4 acausal, 5 factor, 6 weights, 7 zero, 8 reset byte.

    // Measure offsets: baseline reads of 30 everywhere → offsets 15.
    bus.put(CAUSAL, new Array(128).fill(30));
    bus.put(ACAUSAL, new Array(128).fill(30));
    run(u, 'fxvinx', 0, 1, 0, 0, at(CAUSAL), bus);
    run(u, 'fxvshb', 0, 1, 1, SHIFT_RIGHT_1);
    run(u, 'fxvinx', 0, 2, 0, 0, at(ACAUSAL), bus);
    run(u, 'fxvshb', 0, 2, 2, SHIFT_RIGHT_1);

    // Correlation reads and weights of lanes 0..3 (other lanes read 0).
    bus.put(CAUSAL, [200, 40, 255, 30]);
    bus.put(ACAUSAL, [60, 250, 0, 30]);
    bus.put(WEIGHT, [20, 10, 63, 33]);
    run(u, 'fxvsplatb', 0, 5, 0, 0, { gprA: 64, ea: 0 }); // factor 64 acts as 64/128 = 0.5
    run(u, 'fxvsplatb', 0, 7, 0, 0, { gprA: 0, ea: 0 });
    run(u, 'fxvsplatb', 0, 8, 0, 0, { gprA: 3, ea: 0 });

    // 1. read and halve: causal [100, 20, 127, 15], acausal [30, 125, 0, 15]
    run(u, 'fxvinx', 0, 3, 0, 0, at(CAUSAL), bus);
    run(u, 'fxvshb', 0, 3, 3, SHIFT_RIGHT_1);
    run(u, 'fxvinx', 0, 4, 0, 0, at(ACAUSAL), bus);
    run(u, 'fxvshb', 0, 4, 4, SHIFT_RIGHT_1);
    // 2. reset the correlation
    run(u, 'fxvoutx', 0, 8, 0, 0, at(CAUSAL), bus);
    // 3. subtract offsets: causal [85, 5, 112, 0], acausal [15, 110, −15, 0]
    run(u, 'fxvsubbfs', 0, 3, 3, 1);
    run(u, 'fxvsubbfs', 0, 4, 4, 2);
    // 4. difference [70, −105, 127 (112 + 15), 0]; × 0.5 as (2·d·64) >> 8 = [35, −53 (−52.5 floored), 63, 0]
    run(u, 'fxvsubbfs', 0, 3, 3, 4);
    run(u, 'fxvmulbfs', 0, 3, 3, 5);
    // 5. weights << 1 = [40, 20, 126, 66]; + update saturating = [75, −33, 127 (189 clamped), 66]
    run(u, 'fxvinx', 0, 6, 0, 0, at(WEIGHT), bus);
    run(u, 'fxvshb', 0, 6, 6, SHIFT_LEFT_1);
    run(u, 'fxvaddbfs', 0, 6, 6, 3);
    // 6. clamp negatives: where LT, take the zero vector → [75, 0, 127, 66]
    run(u, 'fxvcmpb', 0, 0, 6, 0);
    run(u, 'fxvsel', 2, 6, 6, 7);
    // 7. halve back and store → [37, 0, 63, 33]
    run(u, 'fxvshb', 0, 6, 6, SHIFT_RIGHT_1);
    run(u, 'fxvoutx', 0, 6, 0, 0, at(WEIGHT), bus);

    expect(bus.writes.map((w) => w.ea)).toEqual([CAUSAL, WEIGHT]);
    expect(bus.writes[0]!.data.every((b) => b === 3)).toBe(true);
    const weights = bus.writes[1]!.data;
    expect(weights.slice(0, 4)).toEqual([37, 0, 63, 33]);
    // Lanes without correlation: offsets cancel (−15 − −15 = 0) and weight 0 stays 0.
    expect(weights.slice(4).every((w) => w === 0)).toBe(true);
    expect(bus.writes.every((w) => w.mask === undefined)).toBe(true);
  });
});
