import { matmul, Parameter, reshape, Tensor } from '@bss2/autograd';
import type { LabelledSamples } from '@bss2/datasets';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../snn-error.js';
import { loopSettings, runTrainingLoop, type Trainee, type TrainingData, type TrainingLoopOptions } from './training-loop.js';

// A linear 4-feature, 2-class "network" on a one-step encoding: enough to check what the loop adds to the loss,
// the learning-rate schedule and the per-epoch training set, by hand.
const FEATURES = 4;
const WEIGHTS = [0.5, -0.25, 1, 0.75, -0.5, 0.25, 0.125, -1];

function samples(name: string, size: number): LabelledSamples {
  const features = Float64Array.from({ length: size * FEATURES }, (_, k) => ((k * 7) % 11) / 10);
  const labels = Uint8Array.from({ length: size }, (_, n) => n % 2);
  return { name, size, featureCount: FEATURES, features, labels, classNames: ['a', 'b'] };
}

const DATA: TrainingData = {
  train: samples('train', 20),
  test: samples('test', 10),
  encode: (features, batch) => ({ data: Float32Array.from(features), shape: [1, batch, FEATURES] }),
};

function linearTrainee(counts?: Tensor): Trainee {
  const weight = new Parameter(Float32Array.from(WEIGHTS), [FEATURES, 2]);
  return {
    parameters: () => [weight],
    train: () => undefined,
    eval: () => undefined,
    scores: (batch) => matmul(reshape(new Tensor(batch.spikes.data, batch.spikes.shape), [batch.labels.length, FEATURES]), weight),
    hiddenSpikes: () => 0,
    ...(counts && { hiddenSpikeCounts: () => counts }),
  };
}

const DEFAULTS = { epochs: 1, batchSize: 20, lr: 1e-3, stepSize: 3, gamma: 0.5, regReadout: 0, seed: 7 };

/** The loss of the first (whole-set) batch, before any step. */
async function firstLoss(options: TrainingLoopOptions, trainee = linearTrainee()): Promise<number> {
  const losses: number[] = [];
  await runTrainingLoop(trainee, DATA, loopSettings('test', options, DEFAULTS, { trainSize: 20, testSize: 10 }), { onBatch: (p) => losses.push(p.loss) });
  return losses[0]!;
}

/** Cross-entropy and mean log-softmax of the initial scores, in float64. */
function initialTerms(): { crossEntropy: number; meanLogSoftmax: number } {
  let crossEntropy = 0;
  let logSoftmaxSum = 0;
  for (let n = 0; n < 20; n++) {
    const x = Array.from(DATA.train.features.subarray(n * FEATURES, (n + 1) * FEATURES));
    const s = [0, 1].map((c) => x.reduce((acc, v, f) => acc + v * WEIGHTS[f * 2 + c]!, 0));
    const logSum = Math.log(Math.exp(s[0]!) + Math.exp(s[1]!));
    crossEntropy += logSum - s[DATA.train.labels[n]!]!;
    logSoftmaxSum += s[0]! + s[1]! - 2 * logSum;
  }
  return { crossEntropy: crossEntropy / 20, meanLogSoftmax: logSoftmaxSum / 40 };
}

describe('runTrainingLoop options', () => {
  it('anneals the learning rate on a cosine over the epochs: full rate first, never 0', async () => {
    const rates: number[] = [];
    const settings = loopSettings('test', { epochs: 4, lrSchedule: 'cosine' }, DEFAULTS, { trainSize: 20, testSize: 10 });
    await runTrainingLoop(linearTrainee(), DATA, settings, { onEpoch: (s) => rates.push(s.learningRate) });
    const expected = [0, 1, 2, 3].map((e) => (1e-3 * (1 + Math.cos((Math.PI * e) / 4))) / 2);
    rates.forEach((rate, e) => expect(rate).toBeCloseTo(expected[e]!, 12));
    expect(rates[3]).toBeGreaterThan(0);
  });
  it('keeps StepLR when no schedule is given', async () => {
    const rates: number[] = [];
    await runTrainingLoop(linearTrainee(), DATA, loopSettings('test', { epochs: 4, stepSize: 2 }, DEFAULTS, { trainSize: 20, testSize: 10 }), { onEpoch: (s) => rates.push(s.learningRate) });
    expect(rates).toEqual([1e-3, 1e-3, 5e-4, 5e-4]);
  });
  it('smooths the labels: (1 − ε) · cross-entropy − ε · mean log-softmax', async () => {
    const { crossEntropy, meanLogSoftmax } = initialTerms();
    expect(await firstLoss({})).toBeCloseTo(crossEntropy, 5);
    expect(await firstLoss({ labelSmoothing: 0.2 })).toBeCloseTo(0.8 * crossEntropy - 0.2 * meanLogSoftmax, 5);
  });
  it('adds regHiddenRate · mean(spike count²) of the trainee\'s hidden counts', async () => {
    const counts = new Tensor(Float32Array.from([0, 1, 2, 3]), [2, 2]);
    const plain = await firstLoss({}, linearTrainee(counts));
    expect(await firstLoss({ regHiddenRate: 0.1 }, linearTrainee(counts))).toBeCloseTo(plain + 0.1 * (14 / 4), 5);
    await expect(firstLoss({ regHiddenRate: 0.1 })).rejects.toMatchObject({ code: 'invalid-graph', parameter: 'regHiddenRate' });
  });
  it('trains each epoch on the data\'s set for (epoch, seed) and tests on the unchanged test set', async () => {
    const calls: [number, number][] = [];
    const data: TrainingData = { ...DATA, trainOfEpoch: (epoch, seed) => { calls.push([epoch, seed]); return DATA.train; } };
    const stats = await runTrainingLoop(linearTrainee(), data, loopSettings('test', { epochs: 3 }, DEFAULTS, { trainSize: 20, testSize: 10 }), {});
    expect(calls).toEqual([[1, 7], [2, 7], [3, 7]]);
    expect(stats.map((s) => s.epoch)).toEqual([1, 2, 3]);
  });
  it('rejects a schedule, smoothing or rate weight outside its range, naming it', () => {
    const check = (options: TrainingLoopOptions) => () => loopSettings('test', options, DEFAULTS, { trainSize: 20, testSize: 10 });
    expect(check({ labelSmoothing: 1 })).toThrow(SnnError);
    expect(check({ labelSmoothing: 1 })).toThrow(/test: labelSmoothing 1 must be a number in \[0, 1\)/);
    expect(check({ labelSmoothing: Number.NaN })).toThrow(expect.objectContaining({ parameter: 'labelSmoothing', range: '[0, 1)' }));
    expect(check({ lrSchedule: 'linear' as 'step' })).toThrow(expect.objectContaining({ code: 'out-of-range', parameter: 'lrSchedule' }));
    expect(check({ regHiddenRate: -1 })).toThrow(expect.objectContaining({ code: 'out-of-range', parameter: 'regHiddenRate' }));
  });
});
