import { bench, describe } from 'vitest';
import { Adam } from '../src/optim/adam.js';
import { Rng } from '../src/random.js';
import { accuracy, trainEpoch, yinYangSet, YinYangSnn } from '../test-support/yin-yang-task.js';

/**
 * Yin-Yang training throughput in mock mode (software only): 5 → 120 LIF → 3 LI, 38 steps of 1 µs, batch 50,
 * Adam — the network, time grid and batch of hxtorch's example and of the PyTorch peer
 * (`/usr/bin/python3 ../shared/peers/torch_yinyang.py --epochs 1 --threads 1 --json`). Samples/s count forward,
 * backward and optimizer step. `npm run bench -w @bss2/autograd`; YY_EPOCHS (default 1) trains longer and
 * prints the test accuracy reached.
 */
const BATCH = 50;
const train = yinYangSet(5000, 42);
const test = yinYangSet(1000, 41);
const epochs = Number(process.env['YY_EPOCHS'] ?? 1);

const net = new YinYangSnn(42);
const optimizer = new Adam(net.parameters(), { lr: 5e-3 });
const rng = new Rng(42);
let seconds = 0;
let samples = 0;
for (let epoch = 0; epoch < epochs; epoch++) {
  const started = performance.now();
  const result = trainEpoch(net, optimizer, train, BATCH, rng);
  seconds += (performance.now() - started) / 1000;
  samples += result.samples;
  console.log(`epoch ${epoch + 1}: mean loss ${result.meanLoss.toFixed(4)}, test accuracy ${(100 * accuracy(net, test)).toFixed(1)} %`);
}
console.log(`Yin-Yang 5-120-3 LIF/LI, T=38, batch ${BATCH}: ${(samples / seconds).toFixed(0)} samples/s (forward + backward + Adam, ${epochs} epoch(s) of 5000, ${seconds.toFixed(2)} s)`);

describe('Yin-Yang training step (batch 50)', () => {
  const stepNet = new YinYangSnn(1);
  const stepOptimizer = new Adam(stepNet.parameters(), { lr: 5e-3 });
  const small = yinYangSet(BATCH, 7);
  const stepRng = new Rng(1);
  bench('forward + backward + Adam on one batch (samples/s = hz × 50)', () => {
    trainEpoch(stepNet, stepOptimizer, small, BATCH, stepRng);
  });
});
