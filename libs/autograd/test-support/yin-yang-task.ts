import { mul } from '../src/ops/binary.js';
import { matmul } from '../src/ops/matmul.js';
import { max } from '../src/ops/reduce.js';
import { indexSelect } from '../src/ops/shape-ops.js';
import { crossEntropy } from '../src/ops/softmax.js';
import { noGrad } from '../src/grad-mode.js';
import { Module } from '../src/nn/module.js';
import type { Optimizer } from '../src/optim/optimizer.js';
import { Rng } from '../src/random.js';
import { lifIntegration, type LifParameters } from '../src/spiking/lif.js';
import { liIntegration, type LiParameters } from '../src/spiking/li.js';
import { surrogate } from '../src/spiking/surrogate.js';
import { Parameter, Tensor } from '../src/tensor.js';

/**
 * The Yin-Yang training task of hxtorch's example (reference §6.7, §9) and of the PyTorch peer
 * (`/work/shared/peers/torch_yinyang.py`), built only from this lib, for the throughput measurement and the
 * micro-training test. The sampler follows §9's rejection rule with this lib's Rng instead of NumPy's, so the
 * points are equally distributed but not the same points; the exact dataset lives in libs/datasets.
 */
const R_SMALL = 0.1;
const R_BIG = 0.5;

function whichClass(x: number, y: number): number {
  const dRight = Math.hypot(x - 1.5 * R_BIG, y - R_BIG);
  const dLeft = Math.hypot(x - 0.5 * R_BIG, y - R_BIG);
  const isYin = dRight <= R_SMALL || (R_SMALL < dLeft && dLeft <= 0.5 * R_BIG) || (y > R_BIG && dRight > 0.5 * R_BIG);
  return dRight < R_SMALL || dLeft < R_SMALL ? 2 : isYin ? 1 : 0;
}

export interface YinYangSet {
  /** (T, samples, 5) input spikes: x, y, 1 − x, 1 − y and the bias channel. */
  readonly spikes: Tensor;
  readonly labels: Int32Array;
}

/** The hxtorch example's time grid: t_early 2 µs, t_late 26 µs, t_bias 2 µs, t_sim 38 µs, dt 1 µs (§6.7). */
export const yinYangGrid = { steps: 38, dtUs: 1, tEarlyUs: 2, tLateUs: 26, tBiasUs: 2 } as const;

export function yinYangSet(count: number, seed: number): YinYangSet {
  const rng = new Rng(seed);
  const { steps, dtUs, tEarlyUs, tLateUs, tBiasUs } = yinYangGrid;
  const spikes = new Float32Array(steps * count * 5);
  const labels = new Int32Array(count);
  for (let n = 0; n < count; n++) {
    const goal = rng.int(3);
    let x = 0;
    let y = 0;
    do {
      x = rng.uniform() * 2 * R_BIG;
      y = rng.uniform() * 2 * R_BIG;
    } while (Math.hypot(x - R_BIG, y - R_BIG) > R_BIG || whichClass(x, y) !== goal);
    labels[n] = goal;
    [x, y, 1 - x, 1 - y].forEach((value, channel) => {
      const step = Math.min(steps - 1, Math.round((tEarlyUs + value * (tLateUs - tEarlyUs)) / dtUs));
      spikes[(step * count + n) * 5 + channel] = 1;
    });
    spikes[(Math.round(tBiasUs / dtUs) * count + n) * 5 + 4] = 1;
  }
  return { spikes: new Tensor(spikes, [steps, count, 5]), labels };
}

/** 5 inputs → 120 LIF → 3 LI, decoded as max over time of the readout membrane × 10 (§6.7, the peer's network). */
export class YinYangSnn extends Module {
  readonly hiddenWeight: Parameter;
  readonly readoutWeight: Parameter;
  readonly lif: LifParameters = { leak: 0, reset: 0, threshold: 1, tauMemUs: 6, tauSynUs: 6, refractoryTimeUs: 0, dtUs: 1 };
  readonly li: LiParameters = { leak: 0, tauMemUs: 6, tauSynUs: 6, dtUs: 1 };
  readonly readoutScale = 10;
  readonly surrogate = surrogate('superspike', 150);

  constructor(seed: number, hidden = 120) {
    super();
    const rng = new Rng(seed);
    this.hiddenWeight = new Parameter(Float32Array.from({ length: 5 * hidden }, () => rng.normal() * 0.5 + 0.25), [5, hidden]);
    this.readoutWeight = new Parameter(Float32Array.from({ length: hidden * 3 }, () => rng.normal() * 0.2), [hidden, 3]);
  }

  forward(spikes: Tensor): Tensor {
    const hidden = lifIntegration(matmul(spikes, this.hiddenWeight), this.lif, { surrogate: this.surrogate });
    const readout = liIntegration(matmul(hidden.spikes, this.readoutWeight), this.li);
    return mul(max(readout, 0), this.readoutScale);
  }
}

/** One epoch of mini-batch training (shuffled); returns the samples trained and the mean loss. */
export function trainEpoch(net: YinYangSnn, optimizer: Optimizer, data: YinYangSet, batch: number, rng: Rng): { samples: number; meanLoss: number } {
  const count = data.labels.length;
  const order = rng.permutation(count);
  let lossTotal = 0;
  let batches = 0;
  for (let start = 0; start < count; start += batch) {
    const picks = order.subarray(start, Math.min(count, start + batch));
    optimizer.zeroGrad();
    const loss = crossEntropy(net.forward(indexSelect(data.spikes, 1, picks)), Array.from(picks, (index) => data.labels[index]!));
    loss.backward();
    optimizer.step();
    lossTotal += loss.item();
    batches++;
  }
  return { samples: count, meanLoss: lossTotal / Math.max(batches, 1) };
}

/** Fraction of samples whose largest readout is the label. */
export function accuracy(net: YinYangSnn, data: YinYangSet): number {
  const logits = noGrad(() => net.forward(data.spikes));
  let correct = 0;
  for (let n = 0; n < data.labels.length; n++) {
    const row = logits.data.subarray(n * 3, n * 3 + 3);
    if (row.indexOf(Math.max(...row)) === data.labels[n]) correct++;
  }
  return correct / data.labels.length;
}
