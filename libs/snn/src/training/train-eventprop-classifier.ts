import { mul, Rng, Tensor } from '@bss2/autograd';
import type { DenseSpikes } from '@bss2/datasets';
import { EventPropClassifier, type EventPropClassifierSettings } from '../eventprop/eventprop-classifier.js';
import { spikeTimesOfGrid } from '../eventprop/spike-events.js';
import { checkNonNegative } from '../snn-error.js';
import { loopSettings, runTrainingLoop, type TrainingData, type TrainingEpochStats, type TrainingLoopDefaults, type TrainingLoopOptions } from './training-loop.js';

/** An EventProp trainer's defaults: the loop's settings and the event-driven network's. */
export type EventPropTrainingDefaults = TrainingLoopDefaults & {
  readonly network: EventPropClassifierSettings;
  /** Weight of the hidden layer's `silenceDistance` in the training loss (0: none). */
  readonly regSilent: number;
};

export interface EventPropTrainingOptions extends TrainingLoopOptions {
  readonly network?: Partial<EventPropClassifierSettings>;
  /** Weight of the hidden layer's `silenceDistance` in the training loss (default the trainer's). */
  readonly regSilent?: number;
}

export interface EventPropTrainingResult {
  readonly epochs: readonly TrainingEpochStats[];
  /** Test accuracy after the last epoch. */
  readonly testAccuracy: number;
  readonly network: EventPropClassifier;
  /** The encoding's time step (grid step s is the spike time s · dt), for sampling the trained network on it. */
  readonly dtUs: number;
}

/** What a data set brings to `trainEventPropClassifier`. */
export interface EventPropTask {
  /** The trainer's name, for errors. */
  readonly where: string;
  readonly data: TrainingData;
  /** The encoding's time step: grid step s is the spike time s · dt. */
  readonly dtUs: number;
  readonly defaults: EventPropTrainingDefaults;
}

/**
 * Trains an `EventPropClassifier` with EventProp's exact gradients (mock mode: the event-driven software model) in
 * the loop every classifier here shares (`runTrainingLoop`: Adam, the task's schedule, cross-entropy +
 * regReadout · mean(scores²), a test after every epoch). The encoded grid's spikes become spike times, a silent
 * channel +∞.
 */
export async function trainEventPropClassifier(task: EventPropTask, options: EventPropTrainingOptions): Promise<EventPropTrainingResult> {
  const { where, data, dtUs, defaults } = task;
  const settings = loopSettings(where, options, defaults, { trainSize: data.train.size, testSize: data.test.size });
  const regSilent = options.regSilent ?? defaults.regSilent;
  checkNonNegative(where, 'regSilent', regSilent);
  const network = new EventPropClassifier({ ...defaults.network, ...options.network }, new Rng(settings.seed));
  let inputTimes: Tensor | null = null;
  const epochs = await runTrainingLoop({
    parameters: () => network.parameters(),
    train: () => network.train(),
    eval: () => network.eval(),
    scores: (batch) => network.forward(inputTimes = inputTimesOfSpikes(where, batch.spikes, dtUs)),
    hiddenSpikes: () => network.lastRecord!.hiddenLayer.timesUs.length,
    ...(regSilent > 0 && { regularization: () => mul(network.silenceDistance(inputTimes!), regSilent) }),
  }, data, settings, options);
  return { epochs, testAccuracy: epochs[epochs.length - 1]!.testAccuracy, network, dtUs };
}

/** Encoded spikes `[steps, batch, channels]` as input times `[batch, channels]` (µs; +∞ where a channel stays silent). */
export function inputTimesOfSpikes(where: string, spikes: DenseSpikes, dtUs: number): Tensor {
  const { data, shape } = spikes;
  return new Tensor(Float32Array.from(spikeTimesOfGrid(where, data, shape, dtUs)), [shape[1], shape[2]]);
}
