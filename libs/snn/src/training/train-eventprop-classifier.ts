import { mul, Rng, Tensor } from '@bss2/autograd';
import type { DenseSpikes } from '@bss2/datasets';
import { EventPropClassifier, type EventPropClassifierSettings } from '../eventprop/eventprop-classifier.js';
import { spikeTimesOfGrid } from '../eventprop/spike-events.js';
import type { SnnBackend } from '../backend/backend.js';
import { Experiment } from '../experiment.js';
import { checkNonNegative } from '../snn-error.js';
import { EventPropChip } from './eventprop-chip.js';
import type { ClassifierSettings } from './spiking-classifier.js';
import { loopSettings, runTrainingLoop, type TrainingData, type TrainingEpochStats, type TrainingLoopDefaults, type TrainingLoopOptions } from './training-loop.js';

/** An EventProp trainer's defaults: the loop's settings and the event-driven network's. */
export type EventPropTrainingDefaults = TrainingLoopDefaults & {
  readonly network: EventPropClassifierSettings;
  /** Weight of the hidden layer's `silenceDistance` in the training loss (0: none). */
  readonly regSilent: number;
};

export interface EventPropTrainingOptions extends TrainingLoopOptions {
  readonly network?: Partial<EventPropClassifierSettings>;
  /**
   * 'mock' (default): the exact event-driven model forward. A hardware backend: every batch runs on the chip, and
   * EventProp's adjoint is evaluated on the chip's hidden spike times (`EventPropChip`, `eventPropScoresOnChip`).
   */
  readonly backend?: 'mock' | SnnBackend;
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
  /**
   * The surrogate trainer's network settings, for the chip side with a hardware backend (weight scale, trace
   * scale, circuits, calibration targets); sizes and time constants come from the EventProp network.
   */
  readonly chipNetwork: ClassifierSettings;
  /** Input repetitions with a hardware backend (hxtorch's Yin-Yang: 5). */
  readonly hardwareInputRepetitions: number;
}

/**
 * Trains an `EventPropClassifier` with EventProp's exact gradients (mock mode: the event-driven software model; or
 * with a chip in the loop, the adjoint evaluated on its hidden spikes) in
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
  const chip = options.backend === undefined || options.backend === 'mock' ? null : eventPropChip(task, network, options.backend);
  let inputTimes: Tensor | null = null;
  const epochs = await runTrainingLoop({
    parameters: () => network.parameters(),
    train: () => network.train(),
    eval: () => network.eval(),
    scores: async (batch) => {
      inputTimes = inputTimesOfSpikes(where, batch.spikes, dtUs);
      if (!chip) return network.forward(inputTimes);
      return network.forwardOnChip(inputTimes, await chip.observe(network, new Tensor(batch.spikes.data, batch.spikes.shape)));
    },
    hiddenSpikes: () => network.lastRecord!.hiddenLayer.timesUs.length,
    ...(regSilent > 0 && { regularization: () => mul(network.silenceDistance(inputTimes!), regSilent) }),
    ...(chip && { beforeBatch: () => chip.fitHardwareRange(network) }),
  }, data, settings, options);
  return { epochs, testAccuracy: epochs[epochs.length - 1]!.testAccuracy, network, dtUs };
}

/** The chip side for a hardware backend: the surrogate network's hardware settings with the EventProp network's shape. */
function eventPropChip(task: EventPropTask, network: EventPropClassifier, backend: SnnBackend): EventPropChip {
  const { inputs, hidden, outputs, tauMemUs, tauSynUs } = network.settings;
  const experiment = new Experiment({ backend, dtUs: task.dtUs });
  return new EventPropChip(experiment, { ...task.chipNetwork, inputs, hidden, outputs, tauMemUs, tauSynUs, inputRepetitions: task.hardwareInputRepetitions });
}

/** Encoded spikes `[steps, batch, channels]` as input times `[batch, channels]` (µs; +∞ where a channel stays silent). */
export function inputTimesOfSpikes(where: string, spikes: DenseSpikes, dtUs: number): Tensor {
  const { data, shape } = spikes;
  return new Tensor(Float32Array.from(spikeTimesOfGrid(where, data, shape, dtUs)), [shape[1], shape[2]]);
}
