import { describe, expect, it } from 'vitest';
import { run, setBytes, bytes } from './testing/fxv-harness.js';
import type { VectorEnvironment } from './vector-environment.js';
import { VectorUnit } from './vector-unit.js';

// fxvlax/fxvstax and fxvinx/fxvoutx pass the effective address through and turn C > 0 into a per-lane mask
// (§4.4, §4.5, §10.8).

interface Call {
  op: string;
  ea: number;
  data?: number[];
  mask?: number[] | undefined;
}

function recordingEnv(source: (ea: number, k: number) => number): { env: VectorEnvironment; calls: Call[] } {
  const calls: Call[] = [];
  const fill = (op: string) => (ea: number, out: Uint8Array) => {
    calls.push({ op, ea });
    for (let k = 0; k < 128; k++) out[k] = source(ea, k);
  };
  const write = (op: string) => (ea: number, data: Uint8Array, mask: Uint8Array | undefined) => {
    calls.push({ op, ea, data: Array.from(data), mask: mask && Array.from(mask) });
  };
  return { env: { loadVector: fill('load'), ioRead: fill('in'), storeVector: write('store'), ioWrite: write('out') }, calls };
}

/** VCR after fxvcmpb of [5, −3, 0, 7, 0, …]: GT at lanes 0 and 3, LT at 1, EQ elsewhere. */
function unitWithFlags(): VectorUnit {
  const u = new VectorUnit();
  setBytes(u, 9, [5, -3, 0, 7]);
  run(u, 'fxvcmpb', 0, 0, 9, 0);
  return u;
}

describe('vector I/O', () => {
  it('fxvoutx with C = 0 writes all lanes (no mask), with C > 0 passes the condition as mask', () => {
    const u = unitWithFlags();
    setBytes(u, 4, [11, 22, 33, 44]);
    const { env, calls } = recordingEnv(() => 0);
    run(u, 'fxvoutx', 0, 4, 0, 0, { gprA: 0, ea: 0x0000_0042 }, env);
    run(u, 'fxvoutx', 1, 4, 0, 0, { gprA: 0, ea: 0x0000_0042 }, env);
    expect(calls[0]).toMatchObject({ op: 'out', ea: 0x42, mask: undefined });
    expect(calls[0]!.data!.slice(0, 4)).toEqual([11, 22, 33, 44]);
    expect(calls[1]!.mask!.slice(0, 5)).toEqual([1, 0, 0, 1, 0]);
    expect(calls[1]!.mask!.reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('fxvinx with C > 0 writes only the lanes whose condition holds', () => {
    const u = unitWithFlags();
    setBytes(u, 5, new Array(128).fill(0xee));
    const { env, calls } = recordingEnv((ea, k) => (ea === 0x0008_0002 ? k : 0));
    run(u, 'fxvinx', 2, 5, 0, 0, { gprA: 0, ea: 0x0008_0002 }, env);
    expect(calls).toEqual([{ op: 'in', ea: 0x0008_0002 }]);
    expect(bytes(u, 5, 4)).toEqual([0xee, 1, 0xee, 0xee]);
  });

  it('fxvlax loads lane k from byte ea + k; fxvstax with C > 0 passes a mask', () => {
    const u = unitWithFlags();
    const { env, calls } = recordingEnv((ea, k) => (ea + k) & 0xff);
    run(u, 'fxvlax', 0, 6, 0, 0, { gprA: 0, ea: 0x0123 }, env);
    expect(bytes(u, 6, 3)).toEqual([0x23, 0x24, 0x25]);
    expect(bytes(u, 6, 128)[127]).toBe((0x23 + 127) & 0xff);
    run(u, 'fxvstax', 3, 6, 0, 0, { gprA: 0, ea: 0x0400 }, env);
    expect(calls[1]).toMatchObject({ op: 'store', ea: 0x0400 });
    expect(calls[1]!.mask!.slice(0, 4)).toEqual([0, 0, 1, 0]);
  });
});
