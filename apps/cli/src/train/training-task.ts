import {
  mnist16Data,
  MNIST16_TRAINING_DEFAULTS,
  trainMnist16,
  trainMnist16EventProp,
  trainYinYang,
  trainYinYangEventProp,
  yinYangData,
  YIN_YANG_TRAINING_DEFAULTS,
  type ClassifierTrainingOptions,
  type ClassifierTrainingResult,
  type EventPropTrainingOptions,
  type EventPropTrainingResult,
  type TrainingData,
} from '@bss2/snn';

/** What `bss2 train <dataset>` trains: libs/snn's trainer and data, and how the output names them. */
export interface TrainingTask {
  readonly dataset: TrainingDataset;
  /** e.g. "Yin-Yang". */
  readonly title: string;
  /** The network as the report's summary gives it. */
  readonly network: string;
  /** The network in the one-line result. */
  readonly shortNetwork: string;
  readonly batchSize: number;
  /** `--epochs` when not given: the trainer's own default (Yin-Yang 10 as hxtorch's example, MNIST16 20). */
  readonly epochs: number;
  /** The full training and test set: the most `--samples` and `--test-samples` may ask for, and their defaults. */
  readonly trainSamples: number;
  readonly testSamples: number;
  /** How many test samples of distinct classes the report draws readout traces for. */
  readonly samplesShown: number;
  readonly data: () => TrainingData;
  readonly trainSurrogate: (options: ClassifierTrainingOptions) => Promise<ClassifierTrainingResult>;
  /** `--method eventprop`: the same network simulated event by event, EventProp's exact gradients (mock only). */
  readonly trainEventProp: (options: EventPropTrainingOptions) => Promise<EventPropTrainingResult>;
}

export type TrainingDataset = 'yinyang' | 'mnist16';

/**
 * One row per data set. Yin-Yang: hxtorch's example on its split (train 5000 seed 42, test 1000 seed 41, reference
 * §6.7, §9), one trace per class. MNIST16: libs/datasets' `loadMnist16` split (8000 / 2000) on Cramer et al.'s
 * 256 → 246 → 10 network (§8), traces of four digits of ten classes.
 */
export const TRAINING_TASKS: { readonly [D in TrainingDataset]: TrainingTask } = {
  yinyang: {
    dataset: 'yinyang',
    title: 'Yin-Yang',
    network: '5 inputs → 120 LIF → 3 LI (hxtorch\'s Yin-Yang example)',
    shortNetwork: '5 → 120 LIF → 3 LI',
    batchSize: YIN_YANG_TRAINING_DEFAULTS.batchSize,
    epochs: YIN_YANG_TRAINING_DEFAULTS.epochs,
    trainSamples: 5000,
    testSamples: 1000,
    samplesShown: 3,
    data: yinYangData,
    trainSurrogate: trainYinYang,
    trainEventProp: trainYinYangEventProp,
  },
  mnist16: {
    dataset: 'mnist16',
    title: 'MNIST16',
    network: `${MNIST16_TRAINING_DEFAULTS.network.inputs} inputs → ${MNIST16_TRAINING_DEFAULTS.network.hidden} LIF → ${MNIST16_TRAINING_DEFAULTS.network.outputs} LI (Cramer et al. 2022's MNIST network)`,
    shortNetwork: `${MNIST16_TRAINING_DEFAULTS.network.inputs} → ${MNIST16_TRAINING_DEFAULTS.network.hidden} LIF → ${MNIST16_TRAINING_DEFAULTS.network.outputs} LI`,
    batchSize: MNIST16_TRAINING_DEFAULTS.batchSize,
    epochs: MNIST16_TRAINING_DEFAULTS.epochs,
    trainSamples: 8000,
    testSamples: 2000,
    samplesShown: 4,
    data: mnist16Data,
    trainSurrogate: trainMnist16,
    trainEventProp: trainMnist16EventProp,
  },
};

export const TRAINING_DATASETS = Object.keys(TRAINING_TASKS) as readonly TrainingDataset[];
