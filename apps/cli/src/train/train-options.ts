import { TrainError } from './train-error.js';
import { TRAINING_DATASETS, TRAINING_TASKS, type TrainingTask } from './training-task.js';

// `bss2 train`'s options checked before anything runs: each bad value is refused with the legal range.

/**
 * How the twin's chip is set up: calibrated for the network's own targets (cached, the default, as hxtorch does
 * without a calibration path, reference §6.6), a `bss2 calibrate` result file, or nominal CapMem codes; `none` for
 * the mock backend.
 */
export type CalibrationChoice =
  | { readonly kind: 'network'; readonly cacheDir: string | undefined }
  | { readonly kind: 'file'; readonly path: string }
  | { readonly kind: 'nominal' }
  | { readonly kind: 'none' };

/** Where the network runs: libs/snn's software model, the in-process twin, or a twin served over ZeroMQ. */
export type BackendChoice = { readonly kind: 'mock' } | { readonly kind: 'twin' } | { readonly kind: 'remote'; readonly endpoint: string };

export interface TrainCliOptions {
  readonly backend: string;
  /** Default: the data set's trainer's epochs (`TrainingTask.epochs`). */
  readonly epochs?: string | number;
  readonly method: string;
  /** Default: the whole training / test set of the data set. */
  readonly samples?: string | number;
  readonly seed: string | number;
  readonly testSamples?: string | number;
  readonly chip: string;
  readonly calibration?: string;
  /** True with --uncalibrated. */
  readonly uncalibrated: boolean;
  readonly cacheDir?: string;
  readonly report?: string;
  readonly json: boolean;
}

export interface TrainSettings {
  /** The data set and its trainer. */
  readonly task: TrainingTask;
  readonly backend: BackendChoice;
  readonly method: 'surrogate' | 'eventprop';
  readonly epochs: number;
  /** The first n samples of the data set's training set (Yin-Yang: hxtorch's 5000, seed 42, reference §9). */
  readonly trainSize: number;
  readonly seed: number;
  /** The first n samples of its test set (Yin-Yang: hxtorch's 1000, seed 41). */
  readonly testSize: number;
  /** Identity of the in-process twin (seeds its mismatch). */
  readonly chip: string;
  readonly calibration: CalibrationChoice;
  readonly reportDirectory: string;
  readonly json: boolean;
}

/** hxtorch's Yin-Yang example trains on the whole training set with seed 42 (reference §6.7); epochs: per data set. */
export const TRAIN_DEFAULTS = { backend: 'mock', method: 'surrogate', seed: 42, chip: 'twin-0' } as const;
const EPOCHS_MAX = 1000;
const SEED_MAX = 0xffffffff;

const METHODS = ['surrogate', 'eventprop'] as const;
const TCP_ENDPOINT = /^tcp:\/\/[^\s:/]+:\d{1,5}$/;

/** `report` default: `<dataset>-report/` in the working directory, as calibrate's `calib-plots/`. */
export function defaultReportDirectory(dataset: string): string {
  return `${dataset}-report`;
}

export function checkedTrainSettings(dataset: string, options: TrainCliOptions): TrainSettings {
  const task = checkedTask(dataset);
  const backend = checkedBackend(options.backend);
  return {
    task,
    backend,
    method: checkedMethod(options.method),
    epochs: integerOption('--epochs', options.epochs ?? task.epochs, 1, EPOCHS_MAX),
    // `--samples` below the batch size leaves no full batch.
    trainSize: integerOption('--samples', options.samples ?? task.trainSamples, task.batchSize, task.trainSamples),
    seed: integerOption('--seed', options.seed, 0, SEED_MAX),
    testSize: integerOption('--test-samples', options.testSamples ?? task.testSamples, 1, task.testSamples),
    chip: options.chip,
    calibration: checkedCalibration(options, backend),
    reportDirectory: options.report ?? defaultReportDirectory(dataset),
    json: options.json,
  };
}

function checkedCalibration(options: TrainCliOptions, backend: BackendChoice): CalibrationChoice {
  const chipOnly = 'with --backend twin or tcp://<host>:<port>';
  if (backend.kind === 'mock') {
    if (options.calibration !== undefined) {
      throw new TrainError('invalid-option', `--calibration ${options.calibration} calibrates a twin; the mock backend has no chip (use --backend twin or tcp://…)`, '--calibration', options.calibration, chipOnly);
    }
    if (options.uncalibrated) throw new TrainError('invalid-option', '--uncalibrated sets up a twin; the mock backend has no chip (use --backend twin or tcp://…)', '--uncalibrated', 'true', chipOnly);
    return { kind: 'none' };
  }
  if (options.calibration !== undefined && options.uncalibrated) {
    throw new TrainError('invalid-option', `--calibration ${options.calibration} and --uncalibrated contradict each other`, '--uncalibrated', 'true', 'one of --calibration <file>, --uncalibrated, or neither');
  }
  if (options.calibration !== undefined) return { kind: 'file', path: options.calibration };
  return options.uncalibrated ? { kind: 'nominal' } : { kind: 'network', cacheDir: options.cacheDir };
}

function checkedTask(dataset: string): TrainingTask {
  const known = TRAINING_DATASETS.find((name) => name === dataset);
  if (known !== undefined) return TRAINING_TASKS[known];
  const legal = TRAINING_DATASETS.join(', ');
  throw new TrainError('invalid-option', `dataset must be one of ${legal}, got ${JSON.stringify(dataset)}`, 'dataset', dataset, legal);
}

function checkedMethod(method: string): 'surrogate' | 'eventprop' {
  if (!(METHODS as readonly string[]).includes(method)) {
    const legal = METHODS.join(', ');
    throw new TrainError('invalid-option', `--method must be one of ${legal}, got ${JSON.stringify(method)}`, '--method', method, legal);
  }
  return method as 'surrogate' | 'eventprop';
}

function checkedBackend(backend: string): BackendChoice {
  if (backend === 'mock' || backend === 'twin') return { kind: backend };
  if (TCP_ENDPOINT.test(backend) && Number(backend.slice(backend.lastIndexOf(':') + 1)) <= 65535) return { kind: 'remote', endpoint: backend };
  const legal = 'mock, twin, tcp://<host>:<port>';
  throw new TrainError('invalid-option', `--backend must be one of ${legal}, got ${JSON.stringify(backend)}`, '--backend', backend, legal);
}

function integerOption(option: string, raw: string | number, min: number, max: number): number {
  const value = typeof raw === 'number' ? raw : raw.trim() === '' ? Number.NaN : Number(raw);
  if (Number.isInteger(value) && value >= min && value <= max) return value;
  throw new TrainError('invalid-option', `${option} must be an integer in ${min}..${max}, got ${JSON.stringify(String(raw))}`, option, String(raw), `${min}..${max}`);
}
