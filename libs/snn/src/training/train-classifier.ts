import { Rng, sum, Tensor } from '@bss2/autograd';
import type { SnnBackend } from '../backend/backend.js';
import { Experiment } from '../experiment.js';
import type { MockImperfections } from '../mock/mock-imperfections.js';
import { fitToHardwareRange, HARDWARE_WEIGHT_MAX } from '../weight-transform.js';
import { SpikingClassifier, type ClassifierSettings } from './spiking-classifier.js';
import { loopSettings, runTrainingLoop, type TrainingData, type TrainingEpochStats, type TrainingLoopDefaults, type TrainingLoopOptions } from './training-loop.js';

/** A trainer's defaults: the loop's settings and the network's. */
export type ClassifierTrainingDefaults = TrainingLoopDefaults & {
  readonly network: ClassifierSettings;
}

export interface ClassifierTrainingOptions extends TrainingLoopOptions {
  /**
   * Overrides of the network settings. `inputRepetitions` defaults to 1 in mock mode and to the task's hardware
   * repetitions with a backend; the default hidden initialisation is divided by it.
   */
  readonly network?: Partial<ClassifierSettings>;
  readonly backend?: 'mock' | SnnBackend;
  readonly mock?: MockImperfections;
}

export interface ClassifierTrainingResult {
  readonly epochs: readonly TrainingEpochStats[];
  /** Test accuracy after the last epoch. */
  readonly testAccuracy: number;
  readonly network: SpikingClassifier;
}

/** What a data set brings to `trainClassifier`. */
export interface ClassifierTask {
  /** The trainer's name, for errors. */
  readonly where: string;
  readonly data: TrainingData;
  /** The encoding's time step. */
  readonly dtUs: number;
  readonly defaults: ClassifierTrainingDefaults;
  /** Input repetitions with a hardware backend (hxtorch's Yin-Yang: 5). */
  readonly hardwareInputRepetitions: number;
}

/**
 * Trains a `SpikingClassifier` (§6.7's network) on the task's data with Adam and StepLR, loss cross-entropy +
 * regReadout · mean(scores²), and tests it after every epoch. With a hardware backend it clips the hidden weights
 * to the hardware range and rescales the readout weights before every batch, as hxtorch's example.
 */
export async function trainClassifier(task: ClassifierTask, options: ClassifierTrainingOptions): Promise<ClassifierTrainingResult> {
  const { defaults, data } = task;
  const settings = loopSettings(task.where, options, defaults, { trainSize: data.train.size, testSize: data.test.size });
  const experiment = new Experiment({ backend: options.backend ?? 'mock', dtUs: task.dtUs, ...(options.mock && { mock: options.mock }) });
  // Repeated inputs start with the same total strength as one: the hidden initialisation divided by the repetitions.
  const inputRepetitions = options.network?.inputRepetitions ?? (experiment.backend === 'mock' ? 1 : task.hardwareInputRepetitions);
  const [hiddenMean, hiddenStd] = defaults.network.weightInitHidden;
  const weightInitHidden = [hiddenMean / inputRepetitions, hiddenStd / inputRepetitions] as const;
  const network = new SpikingClassifier(experiment, { ...defaults.network, inputRepetitions, weightInitHidden, ...options.network }, new Rng(settings.seed));
  const epochs = await runTrainingLoop({
    parameters: () => network.parameters(),
    train: () => network.train(),
    eval: () => network.eval(),
    scores: (batch) => network.forward(new Tensor(batch.spikes.data, batch.spikes.shape)),
    hiddenSpikes: () => sumOf(network.hiddenHandle!.spikes.data),
    hiddenSpikeCounts: () => sum(network.hiddenHandle!.spikes, 0),
    ...(experiment.backend !== 'mock' && { beforeBatch: () => fitHardwareRange(network) }),
  }, data, settings, options);
  return { epochs, testAccuracy: epochs[epochs.length - 1]!.testAccuracy, network };
}

/** hxtorch's example before every hardware batch (§6.7, `fitToHardwareRange`). */
function fitHardwareRange(network: SpikingClassifier): void {
  const { linearHidden, linearOutput } = network;
  linearOutput.setWeightScale(fitToHardwareRange(linearHidden.weight.data, HARDWARE_WEIGHT_MAX / linearHidden.weightScale, linearOutput.weight.data, network.settings.weightScale));
}

function sumOf(values: Float32Array): number {
  let total = 0;
  for (let k = 0; k < values.length; k++) total += values[k]!;
  return total;
}
