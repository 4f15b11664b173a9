import { describe, expect, it } from 'vitest';
import { accuracy, trainEpoch, yinYangSet, YinYangSnn } from '../test-support/yin-yang-task.js';
import { mul } from './ops/binary.js';
import { linear } from './ops/matmul.js';
import { max } from './ops/reduce.js';
import { crossEntropy } from './ops/softmax.js';
import { tanh } from './ops/unary.js';
import { Linear } from './nn/linear.js';
import { Module } from './nn/module.js';
import { Adam } from './optim/adam.js';
import { Rng } from './random.js';
import { lifIntegration } from './spiking/lif.js';
import { surrogate } from './spiking/surrogate.js';
import { liIntegration } from './spiking/li.js';
import { Parameter, Tensor, tensor } from './tensor.js';

class Mlp extends Module {
  readonly hidden: Linear;
  readonly out: Linear;

  constructor(rng: Rng) {
    super();
    this.hidden = new Linear(2, 8, { rng });
    this.out = new Linear(8, 2, { rng });
  }

  forward(x: Tensor): Tensor {
    return this.out.forward(tanh(this.hidden.forward(x)));
  }
}

describe('micro-training', () => {
  it('a 2-layer network learns XOR (loss < 0.05, all four correct)', () => {
    const x = tensor([0, 0, 0, 1, 1, 0, 1, 1], [4, 2]);
    const labels = [0, 1, 1, 0];
    const net = new Mlp(new Rng(3));
    const adam = new Adam(net.parameters(), { lr: 0.05 });
    let loss = Infinity;
    for (let step = 0; step < 300; step++) {
      adam.zeroGrad();
      const l = crossEntropy(net.forward(x), labels);
      l.backward();
      adam.step();
      loss = l.item();
    }
    expect(loss).toBeLessThan(0.05);
    const logits = net.forward(x).data;
    labels.forEach((label, n) => expect(logits[n * 2 + label]!).toBeGreaterThan(logits[n * 2 + 1 - label]!));
  });

  it('a spiking network (3 inputs → 16 LIF → 2 LI) learns a timing task through the surrogate gradient', () => {
    // Both classes get the same spikes on inputs 0 and 1; only their order differs (class 0: input 0 first).
    // A bias spike on input 2 comes first. Only the membrane dynamics can tell the classes apart. The readout
    // starts positive: max-over-time decoding has no gradient once a readout never rises above its leak.
    const steps = 30;
    const count = 32;
    const rng = new Rng(5);
    const spikes = new Float32Array(steps * count * 3);
    const labels: number[] = [];
    for (let n = 0; n < count; n++) {
      const label = n % 2;
      const early = 3 + rng.int(3);
      const late = 12 + rng.int(3);
      spikes[(early * count + n) * 3 + label] = 1;
      spikes[(late * count + n) * 3 + 1 - label] = 1;
      spikes[(1 * count + n) * 3 + 2] = 1;
      labels.push(label);
    }
    const input = new Tensor(spikes, [steps, count, 3]);
    const hiddenWeight = new Parameter(Float32Array.from({ length: 16 * 3 }, () => rng.normal() * 2 + 3), [16, 3]);
    const readoutWeight = new Parameter(Float32Array.from({ length: 2 * 16 }, () => rng.normal() * 0.2 + 0.3), [2, 16]);
    const lif = { leak: 0, reset: 0, threshold: 1, tauMemUs: 6, tauSynUs: 6, refractoryTimeUs: 1, dtUs: 1 };
    const forward = () => {
      const hidden = lifIntegration(linear(input, hiddenWeight), lif, { surrogate: surrogate('superspike', 20) });
      return mul(max(liIntegration(linear(hidden.spikes, readoutWeight), { leak: 0, tauMemUs: 6, tauSynUs: 6, dtUs: 1 }), 0), 10);
    };
    const adam = new Adam([hiddenWeight, readoutWeight], { lr: 0.01 });
    const initialLoss = crossEntropy(forward(), labels).item();
    for (let step = 0; step < 150; step++) {
      adam.zeroGrad();
      const loss = crossEntropy(forward(), labels);
      loss.backward();
      adam.step();
    }
    const logits = forward().data;
    const correct = labels.filter((label, n) => logits[n * 2 + label]! > logits[n * 2 + 1 - label]!).length;
    expect(correct).toBe(count);
    expect(crossEntropy(forward(), labels).item()).toBeLessThan(initialLoss / 4);
  });

  it('Yin-Yang, shortened (1500 samples, 3 epochs, hxtorch network and time grid): test accuracy above 70 %', () => {
    const train = yinYangSet(1500, 42);
    const test = yinYangSet(500, 41);
    const net = new YinYangSnn(42);
    const adam = new Adam(net.parameters(), { lr: 5e-3 });
    const rng = new Rng(42);
    const before = accuracy(net, test);
    for (let epoch = 0; epoch < 3; epoch++) trainEpoch(net, adam, train, 50, rng);
    const after = accuracy(net, test);
    expect(after).toBeGreaterThan(0.7);
    expect(after).toBeGreaterThan(before + 0.2);
  });
});
