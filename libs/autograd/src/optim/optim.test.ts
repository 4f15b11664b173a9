import { describe, expect, it } from 'vitest';
import { AutogradError } from '../errors.js';
import { linear } from '../ops/matmul.js';
import { mean, sum } from '../ops/reduce.js';
import { square } from '../ops/unary.js';
import { sub } from '../ops/binary.js';
import { Rng } from '../random.js';
import { Parameter, Tensor, randn, tensor } from '../tensor.js';
import { Adam } from './adam.js';
import { SGD } from './sgd.js';
import { StepLR } from './step-lr.js';
import { CosineAnnealingLR } from './cosine-annealing-lr.js';

/** Sets p.grad directly, so a step's arithmetic can be checked by hand. */
function withGrad(p: Parameter, grad: number[]): void {
  p.grad = tensor(grad, p.shape);
}

describe('SGD', () => {
  it('plain step: p −= lr · g', () => {
    const p = new Parameter(Float32Array.of(1, 2), [2]);
    const sgd = new SGD([p], { lr: 0.1 });
    withGrad(p, [1, -2]);
    sgd.step();
    expect(p.toArray()).toEqual([0.9, 2.2].map(Math.fround));
  });

  it('momentum and weight decay follow torch.optim.SGD for two steps', () => {
    const p = new Parameter(Float32Array.of(1), [1]);
    const sgd = new SGD([p], { lr: 0.1, momentum: 0.9, weightDecay: 0.5 });
    withGrad(p, [1]);
    sgd.step(); // d = 1 + 0.5 = 1.5, buf = 1.5, p = 1 − 0.15 = 0.85
    expect(p.data[0]).toBeCloseTo(0.85, 6);
    withGrad(p, [1]);
    sgd.step(); // d = 1 + 0.425 = 1.425, buf = 1.35 + 1.425 = 2.775, p = 0.85 − 0.2775
    expect(p.data[0]).toBeCloseTo(0.5725, 6);
  });

  it('skips parameters without a gradient and rejects bad hyper-parameters', () => {
    const p = new Parameter(Float32Array.of(1), [1]);
    new SGD([p], { lr: 0.1 }).step();
    expect(p.toArray()).toEqual([1]);
    expect(() => new SGD([p], { lr: -1 })).toThrow(AutogradError);
    expect(() => new SGD([p], { lr: 0.1, momentum: -0.1 })).toThrow('SGD: momentum -0.1 is out of range');
  });
});

describe('Adam', () => {
  it('first step moves each parameter by lr against the gradient sign (bias correction)', () => {
    const p = new Parameter(Float32Array.of(0, 0), [2]);
    const adam = new Adam([p], { lr: 0.01 });
    withGrad(p, [3, -0.001]);
    adam.step();
    expect(p.data[0]).toBeCloseTo(-0.01, 6);
    expect(p.data[1]).toBeCloseTo(0.01, 4);
  });

  it('fits a small linear regression (y = X·w + b + noise, 64 samples, 3 features) to within 0.02', () => {
    const rng = new Rng(123);
    const trueWeight = [1.5, -2, 0.5];
    const trueBias = 0.3;
    const x = randn([64, 3], rng);
    const y = new Tensor(
      Float32Array.from({ length: 64 }, (_, n) => trueWeight.reduce((total, w, f) => total + w * x.data[n * 3 + f]!, trueBias) + 0.01 * rng.normal()),
      [64, 1],
    );
    const weight = new Parameter(new Float32Array(3), [1, 3]);
    const bias = new Parameter(new Float32Array(1), [1]);
    const adam = new Adam([weight, bias], { lr: 0.05 });
    let loss = Infinity;
    for (let step = 0; step < 400; step++) {
      adam.zeroGrad();
      const mse = mean(square(sub(linear(x, weight, bias), y)));
      mse.backward();
      adam.step();
      loss = mse.item();
    }
    weight.toArray().forEach((w, f) => expect(Math.abs(w - trueWeight[f]!)).toBeLessThan(0.02));
    expect(Math.abs(bias.item() - trueBias)).toBeLessThan(0.02);
    expect(loss).toBeLessThan(5e-4);
  });

  it('weight decay shrinks a parameter with zero data gradient', () => {
    const p = new Parameter(Float32Array.of(1), [1]);
    const adam = new Adam([p], { lr: 0.1, weightDecay: 1 });
    for (let k = 0; k < 5; k++) {
      p.grad = null;
      sum(mul0(p)).backward();
      adam.step();
    }
    expect(p.data[0]!).toBeLessThan(0.6);
  });

  it('rejects betas outside [0, 1)', () => {
    expect(() => new Adam([], { betas: [1, 0.999] })).toThrow('Adam: beta1 1 is out of range');
  });
});

/** A loss whose gradient with respect to p is zero. */
function mul0(p: Parameter): Tensor {
  return sub(p, p);
}

describe('StepLR', () => {
  it('halves the rate every 2 steps (gamma 0.5), as hxtorch schedules Yin-Yang with step 50', () => {
    const adam = new Adam([], { lr: 0.4 });
    const scheduler = new StepLR(adam, { stepSize: 2, gamma: 0.5 });
    const rates = [adam.lr];
    for (let k = 0; k < 5; k++) {
      scheduler.step();
      rates.push(scheduler.lastLr);
    }
    expect(rates).toEqual([0.4, 0.4, 0.2, 0.2, 0.1, 0.1]);
    expect(() => new StepLR(adam, { stepSize: 0 })).toThrow('StepLR: stepSize 0 must be a positive integer');
  });
});

describe('CosineAnnealingLR', () => {
  it('follows half a cosine from the base rate to 0 over tMax steps, as PyTorch with eta_min 0', () => {
    const adam = new Adam([], { lr: 0.4 });
    const scheduler = new CosineAnnealingLR(adam, 4);
    const rates = [adam.lr];
    for (let k = 0; k < 4; k++) {
      scheduler.step();
      rates.push(scheduler.lastLr);
    }
    const expected = [0.4, 0.2 * (1 + Math.SQRT1_2), 0.2, 0.2 * (1 - Math.SQRT1_2), 0];
    rates.forEach((rate, k) => expect(rate).toBeCloseTo(expected[k]!, 12));
    expect(() => new CosineAnnealingLR(adam, 0)).toThrow('CosineAnnealingLR: tMax 0 must be a positive integer');
  });
});
