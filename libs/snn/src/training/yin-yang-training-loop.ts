import { add, Adam, crossEntropy, mean, mul, noGrad, square, StepLR, type Parameter, type Tensor } from '@bss2/autograd';
import { encodeBatches, encodeCoordinates, HXTORCH_YIN_YANG_ENCODING, ShuffledBatches, yinYangSplit, type EncodedBatch, type LabelledSamples } from '@bss2/datasets';
import { checkInteger, checkNonNegative, checkPositive } from '../snn-error.js';

// The Yin-Yang training loop both gradient methods share (§6.7 on the data of §9): Adam, StepLR, loss
// cross-entropy + regReadout · mean(scores²), a test after every epoch, the same statistics and callbacks.

export interface YinYangEpochStats {
  /** 1-based. */
  readonly epoch: number;
  readonly trainLoss: number;
  readonly trainAccuracy: number;
  readonly testLoss: number;
  readonly testAccuracy: number;
  /** Training samples per second of wall time (forward, backward and optimizer step). */
  readonly samplesPerSecond: number;
  readonly learningRate: number;
  /** Mean hidden spikes per training sample (hxtorch's progress bar "rate"). */
  readonly hiddenSpikesPerSample: number;
}

export interface YinYangBatchProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  readonly accuracy: number;
}

/** The options every Yin-Yang trainer takes. */
export interface YinYangLoopOptions {
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  /** StepLR period in epochs and factor. */
  readonly stepSize?: number;
  readonly gamma?: number;
  /** Weight of mean(scores²) in the loss. */
  readonly regReadout?: number;
  /** Use the first n samples of hxtorch's training set (5000, seed 42) / test set (1000, seed 41). */
  readonly trainSize?: number;
  readonly testSize?: number;
  /** Seed of the weight initialisation and the batch order. */
  readonly seed?: number;
  readonly onEpoch?: (stats: YinYangEpochStats) => void;
  readonly onBatch?: (progress: YinYangBatchProgress) => void;
}

export type YinYangLoopSettings = Required<Omit<YinYangLoopOptions, 'onEpoch' | 'onBatch'>>;

/** What the loop drives: a network's parameters, its mode, and its forward pass on an encoded batch. */
export interface YinYangTrainee {
  parameters(): Parameter[];
  train(): void;
  eval(): void;
  /** Scores `[batch, classes]` of the batch; under `noGrad` when testing. */
  scores(batch: EncodedBatch): Tensor | Promise<Tensor>;
  /** Hidden spikes of the last `scores`. */
  hiddenSpikes(): number;
  /** Called before every training batch (e.g. hxtorch's fitting of the weights to the hardware range). */
  beforeBatch?(): void;
}

const TRAIN_SIZE_MAX = 5000;
const TEST_SIZE_MAX = 1000;

/** The options over the defaults, each checked against its range (a typed SnnError naming it). */
export function loopSettings(where: string, options: YinYangLoopOptions, defaults: Omit<YinYangLoopSettings, 'trainSize' | 'testSize'>): YinYangLoopSettings {
  const settings: YinYangLoopSettings = {
    epochs: options.epochs ?? defaults.epochs,
    batchSize: options.batchSize ?? defaults.batchSize,
    lr: options.lr ?? defaults.lr,
    stepSize: options.stepSize ?? defaults.stepSize,
    gamma: options.gamma ?? defaults.gamma,
    regReadout: options.regReadout ?? defaults.regReadout,
    trainSize: options.trainSize ?? TRAIN_SIZE_MAX,
    testSize: options.testSize ?? TEST_SIZE_MAX,
    seed: options.seed ?? defaults.seed,
  };
  checkInteger(where, 'epochs', settings.epochs, 1);
  checkInteger(where, 'batchSize', settings.batchSize, 1);
  checkPositive(where, 'lr', settings.lr);
  checkNonNegative(where, 'regReadout', settings.regReadout);
  checkInteger(where, 'trainSize', settings.trainSize, settings.batchSize, TRAIN_SIZE_MAX);
  checkInteger(where, 'testSize', settings.testSize, 1, TEST_SIZE_MAX);
  checkInteger(where, 'seed', settings.seed, 0, 0xffffffff);
  return settings;
}

/** Trains `trainee` on hxtorch's Yin-Yang split with hxtorch's encoding and returns every epoch's statistics. */
export async function runYinYangLoop(trainee: YinYangTrainee, settings: YinYangLoopSettings, callbacks: Pick<YinYangLoopOptions, 'onEpoch' | 'onBatch'>): Promise<YinYangEpochStats[]> {
  const { batchSize, regReadout, seed } = settings;
  const { train, test } = yinYangSplit();
  const encode = (features: Float64Array, batch: number) => encodeCoordinates(features, batch, HXTORCH_YIN_YANG_ENCODING);
  const optimizer = new Adam(trainee.parameters(), { lr: settings.lr });
  const scheduler = new StepLR(optimizer, { stepSize: settings.stepSize, gamma: settings.gamma });
  const sampler = new ShuffledBatches(settings.trainSize, { batchSize, seed, dropLast: true });
  const testBatches = Array.from({ length: Math.ceil(settings.testSize / batchSize) }, (_, b) =>
    Int32Array.from({ length: Math.min(batchSize, settings.testSize - b * batchSize) }, (_, k) => b * batchSize + k));
  const lossOf = (scores: Tensor, labels: Int32Array): Tensor => add(crossEntropy(scores, labels), mul(mean(square(scores)), regReadout));

  const history: YinYangEpochStats[] = [];
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    trainee.train();
    const batches = sampler.nextEpoch();
    let lossSum = 0;
    let correct = 0;
    let hiddenSpikes = 0;
    const started = performance.now();
    let index = 0;
    for (const batch of encodeBatches(train, encode, batches)) {
      trainee.beforeBatch?.();
      optimizer.zeroGrad();
      const scores = await trainee.scores(batch);
      const loss = lossOf(scores, batch.labels);
      loss.backward();
      optimizer.step();
      const batchCorrect = countCorrect(scores, batch.labels);
      lossSum += loss.item();
      correct += batchCorrect;
      hiddenSpikes += trainee.hiddenSpikes();
      callbacks.onBatch?.({ epoch, batch: ++index, batches: batches.length, loss: loss.item(), accuracy: batchCorrect / batch.labels.length });
    }
    const seconds = (performance.now() - started) / 1000;
    const trained = batches.length * batchSize;
    const learningRate = scheduler.lastLr;
    scheduler.step();
    const tested = await evaluate(trainee, test, encode, testBatches, lossOf);
    const stats: YinYangEpochStats = {
      epoch,
      trainLoss: lossSum / batches.length,
      trainAccuracy: correct / trained,
      testLoss: tested.loss,
      testAccuracy: tested.accuracy,
      samplesPerSecond: trained / seconds,
      learningRate,
      hiddenSpikesPerSample: hiddenSpikes / trained,
    };
    history.push(stats);
    callbacks.onEpoch?.(stats);
  }
  return history;
}

async function evaluate(
  trainee: YinYangTrainee, samples: LabelledSamples, encode: (features: Float64Array, batch: number) => ReturnType<typeof encodeCoordinates>,
  batches: Int32Array[], lossOf: (scores: Tensor, labels: Int32Array) => Tensor,
): Promise<{ loss: number; accuracy: number }> {
  trainee.eval();
  let lossSum = 0;
  let correct = 0;
  let count = 0;
  for (const batch of encodeBatches(samples, encode, batches)) {
    // A backend's `run` keeps the grad mode it is called in, so the whole forward records nothing.
    const scores = await noGrad(() => trainee.scores(batch));
    lossSum += noGrad(() => lossOf(scores, batch.labels)).item();
    correct += countCorrect(scores, batch.labels);
    count += batch.labels.length;
  }
  return { loss: lossSum / batches.length, accuracy: correct / count };
}

function countCorrect(scores: Tensor, labels: Int32Array): number {
  const classes = scores.shape[1]!;
  let correct = 0;
  for (let n = 0; n < labels.length; n++) {
    let best = 0;
    for (let c = 1; c < classes; c++) if (scores.data[n * classes + c]! > scores.data[n * classes + best]!) best = c;
    if (best === labels[n]) correct++;
  }
  return correct;
}
