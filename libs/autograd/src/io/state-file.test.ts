import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AutogradError } from '../errors.js';
import { Linear } from '../nn/linear.js';
import { Module } from '../nn/module.js';
import { Rng } from '../random.js';
import { Tensor } from '../tensor.js';
import { decodeStateDict, encodeStateDict } from './state-file.js';
import { loadStateFile, saveStateFile } from './state-file-node.js';

class TwoLayer extends Module {
  readonly hidden: Linear;
  readonly readout: Linear;

  constructor(seed: number, hidden = 5) {
    super();
    const rng = new Rng(seed);
    this.hidden = new Linear(3, hidden, { rng });
    this.readout = new Linear(hidden, 2, { rng });
  }
}

describe('parameter files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'bss2-autograd-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  for (const format of ['binary', 'json'] as const) {
    it(`${format}: a module's parameters round-trip bit-exactly through a file`, async () => {
      const source = new TwoLayer(1);
      const path = join(dir, format === 'json' ? 'params.json' : 'params.bin');
      await saveStateFile(path, source.stateDict());
      const target = new TwoLayer(2);
      target.loadStateDict(await loadStateFile(path));
      expect(target.stateDict()).toEqual(source.stateDict());
    });
  }

  it('binary layout: magic, version, header, float32 little-endian values', () => {
    const bytes = encodeStateDict({ w: new Tensor(Float32Array.of(1.5, -2), [2, 1]) });
    expect(new TextDecoder().decode(bytes.subarray(0, 8))).toBe('BSS2AGST');
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(8, true)).toBe(1);
    expect(view.getFloat32(bytes.length - 8, true)).toBe(1.5);
    expect(view.getFloat32(bytes.length - 4, true)).toBe(-2);
  });

  it('loading into a module of another shape names the tensor and both shapes', async () => {
    const path = join(dir, 'five.bin');
    await saveStateFile(path, new TwoLayer(1, 5).stateDict());
    const state = await loadStateFile(path);
    expect(() => new TwoLayer(1, 6).loadStateDict(state)).toThrow(
      "loadStateDict: 'hidden.weight' has shape [5,3], the module's is [6,3]",
    );
  });

  it('rejects damaged files with a typed error', () => {
    const good = encodeStateDict({ w: new Tensor(Float32Array.of(1, 2), [2]) });
    const cases: [Uint8Array | string, RegExp][] = [
      [good.subarray(0, good.length - 2), /runs past the end/],
      [Uint8Array.from([...good, 0, 0, 0, 0]), /4 trailing bytes/],
      [Uint8Array.from(good).fill(0, 0, 8), /missing magic/],
      ['{"format":"bss2-autograd-state","version":2,"tensors":{}}', /version 2 is not supported/],
      ['{"format":"bss2-autograd-state","version":1,"tensors":{"w":{"shape":[3],"data":[1,2]}}}', /'w' has 2 values for shape \[3\]/],
      ['not json', /not valid JSON/],
    ];
    for (const [input, message] of cases) {
      try {
        decodeStateDict(input);
        expect.unreachable();
      } catch (error) {
        expect(error).toBeInstanceOf(AutogradError);
        expect((error as AutogradError).code).toBe('bad-state-file');
        expect((error as Error).message).toMatch(message);
      }
    }
  });
});
