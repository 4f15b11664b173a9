import type { ClassifierTrainingResult, EventPropTrainingResult, TrainingData, TrainingEpochStats } from '@bss2/snn';
import type { Command } from 'commander';
import type { ProgressStream } from '../calibrate/calibration-progress.js';
import { epochTable } from '../train/epoch-table.js';
import { observeEventPropTestSamples, observeTestSamples, type SampleObservations } from '../train/sample-observations.js';
import type { ProjectionWeights } from '../train/plots/weight-histogram-plot.js';
import { checkedTrainSettings, TRAIN_DEFAULTS, type TrainCliOptions, type TrainSettings } from '../train/train-options.js';
import { openTrainingBackend } from '../train/training-backend.js';
import { TRAINING_DATASETS, TRAINING_TASKS, type TrainingTask } from '../train/training-task.js';
import { percent, TrainingProgress } from '../train/training-progress.js';
import { writeTrainingReport, type TrainingReportFiles } from '../train/training-report.js';

// `bss2 train yinyang|mnist16`: libs/snn's hxtorch Yin-Yang example (5 inputs → 120 LIF → 3 LI, reference §6.7,
// on the exact data set of §9) or MNIST16 on Cramer et al.'s 256 → 246 LIF → 10 LI network (§8), with progress
// per epoch, a table of every epoch, the final test accuracy and an HTML report of SVG plots.

export interface TrainIo {
  /** One line of the command's output (stdout). */
  readonly out: (line: string) => void;
  /** Progress (stderr): bars on a terminal, one line per epoch otherwise. */
  readonly progress: ProgressStream;
}

export interface TrainOutcome {
  readonly settings: TrainSettings;
  readonly epochs: readonly TrainingEpochStats[];
  readonly testAccuracy: number;
  readonly seconds: number;
  readonly report: TrainingReportFiles;
}

/** `bss2 train` without the argument parsing. */
export async function trainCommand(dataset: string, options: TrainCliOptions, io: TrainIo): Promise<TrainOutcome> {
  const settings = checkedTrainSettings(dataset, options);
  const { backend, label, describe, close } = openTrainingBackend(settings, io.progress);
  const { task } = settings;
  const progress = new TrainingProgress(io.progress, settings.epochs, task.batchSize);
  const started = performance.now();
  let result: Trained;
  try {
    const common = { epochs: settings.epochs, trainSize: settings.trainSize, testSize: settings.testSize, seed: settings.seed, onBatch: progress.onBatch, onEpoch: progress.onEpoch };
    const data = task.data();
    result = settings.method === 'eventprop'
      ? eventPropRun(await task.trainEventProp({ ...common, backend }), data, task.samplesShown)
      : await surrogateRun(await task.trainSurrogate({ ...common, backend }), data, task.samplesShown);
  } finally {
    progress.finish();
    await close();
  }
  const seconds = (performance.now() - started) / 1000;
  const where = describe();
  const report = await writeTrainingReport(settings.reportDirectory, {
    title: `${task.title} on ${label}`,
    summary: [
      `backend: ${where}`,
      `network: ${task.network}, method: ${settings.method} gradient`,
      `training: ${settings.trainSize} samples × ${settings.epochs} epoch${settings.epochs === 1 ? '' : 's'}, batch ${task.batchSize}, seed ${settings.seed}, ${seconds.toFixed(1)} s`,
      `final test accuracy: ${percent(result.testAccuracy)} (${settings.testSize} test samples)`,
    ],
    epochs: result.epochs,
    weights: result.weights,
    observations: result.observations,
  });
  const outcome: TrainOutcome = { settings, epochs: result.epochs, testAccuracy: result.testAccuracy, seconds, report };
  if (settings.json) io.out(JSON.stringify(outcomeJson(outcome, where), null, 2));
  else printOutcome(outcome, where, io.out);
  return outcome;
}

/** What the report needs of a training run, whichever the method. */
interface Trained {
  readonly epochs: readonly TrainingEpochStats[];
  readonly testAccuracy: number;
  readonly weights: readonly ProjectionWeights[];
  readonly observations: SampleObservations;
}

async function surrogateRun({ epochs, testAccuracy, network }: ClassifierTrainingResult, data: TrainingData, samplesShown: number): Promise<Trained> {
  const weights = [
    { name: 'input → hidden', hardware: network.linearHidden.hardwareWeights(), weightScale: network.linearHidden.weightScale },
    { name: 'hidden → readout', hardware: network.linearOutput.hardwareWeights(), weightScale: network.linearOutput.weightScale },
  ];
  return { epochs, testAccuracy, weights, observations: await observeTestSamples(network, data, samplesShown) };
}

/** EventProp's model on the data set's grid: its weights, and its event-driven simulation of a few test samples. */
function eventPropRun({ epochs, testAccuracy, network, dtUs }: EventPropTrainingResult, data: TrainingData, samplesShown: number): Trained {
  const weights = [
    { name: 'input → hidden', model: network.weightHidden.data },
    { name: 'hidden → readout', model: network.weightOutput.data },
  ];
  return { epochs, testAccuracy, weights, observations: observeEventPropTestSamples(network, data, samplesShown, dtUs) };
}

function printOutcome(outcome: TrainOutcome, where: string, print: (line: string) => void): void {
  const { settings } = outcome;
  print(`trained ${settings.task.title} (${settings.task.shortNetwork}) on ${where}: ${settings.trainSize} samples × ${settings.epochs} epoch${settings.epochs === 1 ? '' : 's'} in ${outcome.seconds.toFixed(1)} s`);
  print(epochTable(outcome.epochs));
  print(`final test accuracy: ${percent(outcome.testAccuracy)} (${settings.testSize} test samples)`);
  print(`report written to ${outcome.report.index}`);
}

function outcomeJson(outcome: TrainOutcome, where: string): unknown {
  const { settings } = outcome;
  return {
    dataset: settings.task.dataset,
    backend: where,
    method: settings.method,
    trainSamples: settings.trainSize,
    testSamples: settings.testSize,
    seed: settings.seed,
    seconds: outcome.seconds,
    epochs: outcome.epochs,
    testAccuracy: outcome.testAccuracy,
    report: { index: outcome.report.index, svgs: outcome.report.svgs },
  };
}

export function registerTrainCommand(program: Command, io: TrainIo = { out: (line) => process.stdout.write(`${line}\n`), progress: process.stderr }): void {
  program
    .command('train')
    .description('train a spiking classifier with the chip model in the loop — hxtorch\'s Yin-Yang network (5 inputs → 120 LIF → 3 LI) or MNIST16 (256 inputs → 246 LIF → 10 LI); progress, a table per epoch, the test accuracy and an HTML report of plots')
    .argument('<dataset>', `the data set: ${TRAINING_DATASETS.join(' or ')}`)
    .option('--backend <mock|twin|tcp://host:port>', 'where the network runs: libs/snn\'s software model (mock), an in-process analog twin in the loop (twin), or a chip served by `bss2 serve` (tcp://host:port)', TRAIN_DEFAULTS.backend)
    .option('--epochs <n>', `training epochs (default: the data set's trainer's, yinyang ${TRAINING_TASKS.yinyang.epochs}, mnist16 ${TRAINING_TASKS.mnist16.epochs})`)
    .option('--method <surrogate|eventprop>', 'gradient method', TRAIN_DEFAULTS.method)
    .option('--samples <n>', `training samples per epoch: the first n of the training set (${setSizes((t) => t.trainSamples)}; default all)`)
    .option('--test-samples <n>', `test samples: the first n of the test set (${setSizes((t) => t.testSamples)}; default all)`)
    .option('--seed <s>', 'seed of the weight initialisation and the batch order', String(TRAIN_DEFAULTS.seed))
    .option('--chip <identity>', 'identity of the in-process twin with --backend twin (seeds its mismatch)', TRAIN_DEFAULTS.chip)
    .option('--calibration <calib.json>', 'a `bss2 calibrate` result to set the twin\'s CapMem and CADC with (--backend twin or tcp://…); default: calibrate the chip for the network\'s own targets (cached for --backend twin)')
    .option('--uncalibrated', 'leave the twin at nominal CapMem codes (no calibration; the analog twin then shows its full mismatch)', false)
    .option('--cache-dir <dir>', 'the calibration cache for --backend twin (default as `bss2 calibrate`: $XDG_CACHE_HOME/bss2-twin/calibration)')
    .option('--report <dir>', 'directory for the HTML report (index.html and SVG plots); default <dataset>-report/')
    .option('--json', 'print the result as JSON', false)
    .action(async (dataset: string, options: TrainCliOptions) => {
      await trainCommand(dataset, options, io);
    });
}

/** e.g. "yinyang 5000, mnist16 8000". */
function setSizes(size: (task: TrainingTask) => number): string {
  return TRAINING_DATASETS.map((dataset) => `${dataset} ${size(TRAINING_TASKS[dataset])}`).join(', ');
}
