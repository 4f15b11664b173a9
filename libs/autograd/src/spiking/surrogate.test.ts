import { describe, expect, it } from 'vitest';
import { Rng } from '../random.js';
import { Tensor } from '../tensor.js';
import { heaviside } from './heaviside.js';
import { surrogate, surrogateSlope, type SurrogateName } from './surrogate.js';
import { unterjubel } from './unterjubel.js';

/** Each surrogate's slope is the derivative of a smooth step; check it against that step's central differences. */
const smoothSteps: Record<SurrogateName, (x: number, alpha: number) => number> = {
  superspike: (x, alpha) => x / (1 + alpha * Math.abs(x)),
  'fast-sigmoid': (x, alpha) => 0.5 * (1 + (alpha * x) / (1 + alpha * Math.abs(x))),
  atan: (x, alpha) => 0.5 + Math.atan((Math.PI / 2) * alpha * x) / Math.PI,
};

describe('surrogate gradients', () => {
  for (const name of Object.keys(smoothSteps) as SurrogateName[]) {
    it(`${name}: slope equals the derivative of its smooth step (central differences, step 1e-7, tolerance 1e-6 relative)`, () => {
      const rng = new Rng(1);
      for (const alpha of [0.5, 2, 50, 150]) {
        const slope = surrogateSlope(surrogate(name, alpha));
        for (let n = 0; n < 50; n++) {
          const x = rng.uniformIn(-1, 1);
          const h = 1e-7;
          const numeric = (smoothSteps[name](x + h, alpha) - smoothSteps[name](x - h, alpha)) / (2 * h);
          expect(Math.abs(slope(x) - numeric)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(numeric)));
        }
      }
    });
  }

  it('hxtorch SuperSpike at the threshold is 1, and falls as 1/(α|x|+1)²', () => {
    const slope = surrogateSlope(surrogate('superspike', 50));
    expect(slope(0)).toBe(1);
    expect(slope(0.02)).toBeCloseTo(0.25, 12);
  });

  it('rejects unknown methods and non-positive alpha', () => {
    expect(() => surrogate('triangle' as SurrogateName, 1)).toThrow("surrogate: unknown method 'triangle'");
    expect(() => surrogate('atan', 0)).toThrow('surrogate: alpha 0 must be a positive finite number');
  });
});

describe('heaviside and unterjubel primitives', () => {
  it('heaviside: forward step at x > 0, backward the surrogate slope', () => {
    const x = new Tensor(Float32Array.of(-0.1, 0, 0.2), [3], true);
    const z = heaviside(x, surrogate('superspike', 10));
    expect(z.toArray()).toEqual([0, 0, 1]);
    z.backward(new Tensor(Float32Array.of(1, 1, 2), [3]));
    expect(x.grad!.toArray()).toEqual([0.25, 1, 2 / 9].map(Math.fround));
  });

  it('unterjubel: the hardware value forward, the gradient to the software tensor', () => {
    const software = new Tensor(Float32Array.of(1, 2), [2], true);
    const out = unterjubel(software, new Tensor(Float32Array.of(5, 7), [2]));
    expect(out.toArray()).toEqual([5, 7]);
    out.backward(new Tensor(Float32Array.of(3, 4), [2]));
    expect(software.grad!.toArray()).toEqual([3, 4]);
    expect(() => unterjubel(software, new Tensor(Float32Array.of(1), [1]))).toThrow('unterjubel: hardware [1] must match software [2]');
  });
});
