import { describe, expect, it } from 'vitest';
import { AutogradError } from './errors.js';
import { isGradEnabled, noGrad } from './grad-mode.js';
import { add, mul } from './ops/binary.js';
import { sum } from './ops/reduce.js';
import { exp, tanh } from './ops/unary.js';
import { Tensor, scalar, tensor } from './tensor.js';

describe('reverse mode on the tape', () => {
  it('sums the contributions of a tensor used several times (diamond graph)', () => {
    const x = tensor([0.5, -1], [2], true);
    const y = mul(x, x); // x²
    const z = add(mul(y, x), exp(y)); // x³ + e^{x²}
    sum(z).backward();
    // d/dx = 3x² + 2x e^{x²}
    expect(x.grad!.data[0]).toBeCloseTo(3 * 0.25 + 2 * 0.5 * Math.exp(0.25), 5);
    expect(x.grad!.data[1]).toBeCloseTo(3 * 1 - 2 * Math.exp(1), 5);
  });

  it('accumulates gradients over backward calls until they are cleared', () => {
    const w = tensor([2], [1], true);
    sum(mul(w, 3)).backward();
    sum(mul(w, 3)).backward();
    expect(w.grad!.toArray()).toEqual([6]);
    w.grad = null;
    sum(mul(w, 3)).backward();
    expect(w.grad!.toArray()).toEqual([3]);
  });

  it('noGrad records nothing and restores the mode, also after a throw', () => {
    const w = tensor([1], [1], true);
    const out = noGrad(() => mul(w, 2));
    expect(out.requiresGrad).toBe(false);
    expect(out.node).toBeNull();
    expect(() => noGrad(() => { throw new Error('inside'); })).toThrow('inside');
    expect(isGradEnabled()).toBe(true);
    expect(() => out.backward()).toThrow(AutogradError);
  });

  it('detach cuts the tape: no gradient flows through the detached branch', () => {
    const x = tensor([3], [1], true);
    const y = add(mul(x, x).detach(), mul(x, 2)); // value x² + 2x, gradient 2 only
    expect(y.item()).toBe(15);
    sum(y).backward();
    expect(x.grad!.toArray()).toEqual([2]);
  });

  it('constants stay constants; requiresGrad propagates from any parameter', () => {
    const c = tensor([1, 2]);
    const p = tensor([1, 1], [2], true);
    expect(mul(c, c).requiresGrad).toBe(false);
    expect(mul(c, p).requiresGrad).toBe(true);
  });

  it('a non-scalar root needs an explicit gradient of its shape', () => {
    const x = tensor([0, 1], [2], true);
    const y = tanh(x);
    expect(() => y.backward()).toThrow('backward: an implicit gradient needs a one-element tensor, got [2]');
    expect(() => y.backward(scalar(1))).toThrow(/gradient of shape \[\] for a tensor of shape \[2\]/);
    y.backward(tensor([1, 1]));
    expect(x.grad!.data[0]).toBeCloseTo(1, 6);
  });

  it('handles long chains without recursion limits', () => {
    const x = tensor([1], [1], true);
    let y: Tensor = x;
    for (let k = 0; k < 20000; k++) y = add(y, 1e-4);
    sum(y).backward();
    expect(x.grad!.toArray()).toEqual([1]);
  });

  it('rejects data that does not fill the shape', () => {
    expect(() => new Tensor(new Float32Array(5), [2, 3])).toThrow('Tensor: 5 values do not fill shape [2,3] (6 elements)');
    expect(() => new Tensor(new Float32Array(0), [-1])).toThrow(AutogradError);
  });
});
