import { add, Adam, CosineAnnealingLR, crossEntropy, logSoftmax, mean, mul, noGrad, square, StepLR, type Parameter, type Tensor } from '@bss2/autograd';
import { encodeBatches, ShuffledBatches, type EncodedBatch, type LabelledSamples, type SpikeEncoder } from '@bss2/datasets';
import { checkInteger, checkNonNegative, checkPositive, SnnError } from '../snn-error.js';

// The training loop of every classifier here (hxtorch's Yin-Yang example, §6.7, on any labelled data set): Adam,
// StepLR, loss cross-entropy + regReadout · mean(scores²), a test after every epoch, the same statistics and
// callbacks for both gradient methods and both data sets (Yin-Yang of §9, MNIST16).

export interface TrainingEpochStats {
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

export interface TrainingBatchProgress {
  readonly epoch: number;
  readonly batch: number;
  readonly batches: number;
  readonly loss: number;
  readonly accuracy: number;
}

/** The options every trainer takes. */
export interface TrainingLoopOptions {
  readonly epochs?: number;
  readonly batchSize?: number;
  readonly lr?: number;
  /** StepLR period in epochs and factor. */
  readonly stepSize?: number;
  readonly gamma?: number;
  /** 'step': StepLR (stepSize, gamma); 'cosine': cosine annealing over the epochs (stepSize and gamma unused). */
  readonly lrSchedule?: 'step' | 'cosine';
  /**
   * Weight of the hidden firing-rate regulariser in the training loss: mean over samples and hidden neurons of the
   * squared spike count, a push toward the sparse hidden activity Cramer et al. 2022 report on BrainScaleS-2 (fewer
   * than one spike per hidden neuron and input, §8). It acts on the observed spikes, so it works with hardware in
   * the loop. Needs the trainee's `hiddenSpikeCounts`.
   */
  readonly regHiddenRate?: number;
  /** Label smoothing ε of the cross-entropy: the target is (1 − ε) · one-hot + ε / classes. In [0, 1). */
  readonly labelSmoothing?: number;
  /** Weight of mean(scores²) in the loss. */
  readonly regReadout?: number;
  /** Use the first n samples of the training set / test set (Yin-Yang: hxtorch's 5000, seed 42 / 1000, seed 41). */
  readonly trainSize?: number;
  readonly testSize?: number;
  /** Seed of the weight initialisation and the batch order. */
  readonly seed?: number;
  readonly onEpoch?: (stats: TrainingEpochStats) => void;
  readonly onBatch?: (progress: TrainingBatchProgress) => void;
}

export type TrainingLoopSettings = Required<Omit<TrainingLoopOptions, 'onEpoch' | 'onBatch'>>;

/** A trainer's loop defaults: all settings but the sizes; the schedule defaults to 'step', the rest to 0. */
export type TrainingLoopDefaults = Omit<TrainingLoopSettings, 'trainSize' | 'testSize' | 'lrSchedule' | 'labelSmoothing' | 'regHiddenRate'>
  & Partial<Pick<TrainingLoopSettings, 'lrSchedule' | 'labelSmoothing' | 'regHiddenRate'>>;

/** A labelled training and test set and the spike encoding of their features. */
export interface TrainingData {
  readonly train: LabelledSamples;
  readonly test: LabelledSamples;
  readonly encode: SpikeEncoder;
  /**
   * The training set of a 1-based epoch, same size and labels as `train` (augmentation: freshly transformed digits
   * every epoch, seeded by the loop's seed); `train` itself when absent. The test set is never replaced.
   */
  readonly trainOfEpoch?: (epoch: number, seed: number) => LabelledSamples;
}

/** What the loop drives: a network's parameters, its mode, and its forward pass on an encoded batch. */
export interface Trainee {
  parameters(): Parameter[];
  train(): void;
  eval(): void;
  /** Scores `[batch, classes]` of the batch; under `noGrad` when testing. */
  scores(batch: EncodedBatch): Tensor | Promise<Tensor>;
  /** Hidden spikes of the last `scores`. */
  hiddenSpikes(): number;
  /** Spikes per sample and hidden neuron `[batch, hidden]` of the last `scores`, in the graph (for `regHiddenRate`). */
  hiddenSpikeCounts?(): Tensor;
  /** A further term of the training loss for the last `scores` (a scalar in the graph); not used when testing. */
  regularization?(): Tensor;
  /** Called before every training batch (e.g. hxtorch's fitting of the weights to the hardware range). */
  beforeBatch?(): void;
}

/**
 * The options over the defaults, each checked against its range (a typed SnnError naming it); the sizes default to
 * and may not exceed the data's.
 */
export function loopSettings(
  where: string, options: TrainingLoopOptions, defaults: TrainingLoopDefaults, data: { readonly trainSize: number; readonly testSize: number },
): TrainingLoopSettings {
  const settings: TrainingLoopSettings = {
    epochs: options.epochs ?? defaults.epochs,
    batchSize: options.batchSize ?? defaults.batchSize,
    lr: options.lr ?? defaults.lr,
    stepSize: options.stepSize ?? defaults.stepSize,
    gamma: options.gamma ?? defaults.gamma,
    regReadout: options.regReadout ?? defaults.regReadout,
    lrSchedule: options.lrSchedule ?? defaults.lrSchedule ?? 'step',
    labelSmoothing: options.labelSmoothing ?? defaults.labelSmoothing ?? 0,
    regHiddenRate: options.regHiddenRate ?? defaults.regHiddenRate ?? 0,
    trainSize: options.trainSize ?? data.trainSize,
    testSize: options.testSize ?? data.testSize,
    seed: options.seed ?? defaults.seed,
  };
  checkInteger(where, 'epochs', settings.epochs, 1);
  checkInteger(where, 'batchSize', settings.batchSize, 1);
  checkPositive(where, 'lr', settings.lr);
  checkNonNegative(where, 'regReadout', settings.regReadout);
  checkNonNegative(where, 'regHiddenRate', settings.regHiddenRate);
  if (!(settings.labelSmoothing >= 0 && settings.labelSmoothing < 1)) {
    throw new SnnError('out-of-range', `${where}: labelSmoothing ${settings.labelSmoothing} must be a number in [0, 1)`, 'labelSmoothing', settings.labelSmoothing, '[0, 1)');
  }
  if (settings.lrSchedule !== 'step' && settings.lrSchedule !== 'cosine') {
    throw new SnnError('out-of-range', `${where}: lrSchedule ${String(settings.lrSchedule)} must be 'step' or 'cosine'`, 'lrSchedule', settings.lrSchedule, "'step' | 'cosine'");
  }
  checkInteger(where, 'trainSize', settings.trainSize, settings.batchSize, data.trainSize);
  checkInteger(where, 'testSize', settings.testSize, 1, data.testSize);
  checkInteger(where, 'seed', settings.seed, 0, 0xffffffff);
  return settings;
}

/** Trains `trainee` on the first samples of `data` and returns every epoch's statistics. */
export async function runTrainingLoop(
  trainee: Trainee, data: TrainingData, settings: TrainingLoopSettings, callbacks: Pick<TrainingLoopOptions, 'onEpoch' | 'onBatch'>,
): Promise<TrainingEpochStats[]> {
  const { batchSize, regReadout, regHiddenRate, seed } = settings;
  const { train, test, encode } = data;
  const optimizer = new Adam(trainee.parameters(), { lr: settings.lr });
  const scheduler = settings.lrSchedule === 'cosine'
    ? new CosineAnnealingLR(optimizer, settings.epochs)
    : new StepLR(optimizer, { stepSize: settings.stepSize, gamma: settings.gamma });
  const sampler = new ShuffledBatches(settings.trainSize, { batchSize, seed, dropLast: true });
  const testBatches = Array.from({ length: Math.ceil(settings.testSize / batchSize) }, (_, b) =>
    Int32Array.from({ length: Math.min(batchSize, settings.testSize - b * batchSize) }, (_, k) => b * batchSize + k));
  const hiddenCounts = (): Tensor => {
    if (!trainee.hiddenSpikeCounts) throw new SnnError('invalid-graph', 'regHiddenRate needs a trainee with hiddenSpikeCounts', 'regHiddenRate', regHiddenRate, '0');
    return trainee.hiddenSpikeCounts();
  };
  const { labelSmoothing } = settings;
  // Smoothed cross-entropy = (1 − ε) · CE + ε · mean over classes of −log p: the uniform share of the target.
  const classLoss = (scores: Tensor, labels: Int32Array): Tensor => labelSmoothing === 0
    ? crossEntropy(scores, labels)
    : add(mul(crossEntropy(scores, labels), 1 - labelSmoothing), mul(mean(logSoftmax(scores, 1)), -labelSmoothing));
  const lossOf = (scores: Tensor, labels: Int32Array): Tensor => add(classLoss(scores, labels), mul(mean(square(scores)), regReadout));

  const history: TrainingEpochStats[] = [];
  for (let epoch = 1; epoch <= settings.epochs; epoch++) {
    trainee.train();
    const batches = sampler.nextEpoch();
    const epochTrain = data.trainOfEpoch?.(epoch, seed) ?? train;
    let lossSum = 0;
    let correct = 0;
    let hiddenSpikes = 0;
    const started = performance.now();
    let index = 0;
    for (const batch of encodeBatches(epochTrain, encode, batches)) {
      trainee.beforeBatch?.();
      optimizer.zeroGrad();
      const scores = await trainee.scores(batch);
      let loss = lossOf(scores, batch.labels);
      if (regHiddenRate !== 0) loss = add(loss, mul(mean(square(hiddenCounts())), regHiddenRate));
      const extra = trainee.regularization?.();
      if (extra) loss = add(loss, extra);
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
    const stats: TrainingEpochStats = {
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
  trainee: Trainee, samples: LabelledSamples, encode: SpikeEncoder,
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
