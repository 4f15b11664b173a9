import { trainYinYang, trainYinYangEventProp, YIN_YANG_TRAINING_DEFAULTS, type YinYangEpochStats, type YinYangEventPropResult, type YinYangTrainingResult } from '@bss2/snn';
import type { Command } from 'commander';
import type { ProgressStream } from '../calibrate/calibration-progress.js';
import { epochTable } from '../train/epoch-table.js';
import { observeEventPropTestSamples, observeTestSamples, type SampleObservations } from '../train/sample-observations.js';
import type { ProjectionWeights } from '../train/plots/weight-histogram-plot.js';
import { checkedTrainSettings, TRAIN_DEFAULTS, type TrainCliOptions, type TrainSettings } from '../train/train-options.js';
import { openTrainingBackend } from '../train/training-backend.js';
import { percent, TrainingProgress } from '../train/training-progress.js';
import { writeTrainingReport, type TrainingReportFiles } from '../train/training-report.js';

// `bss2 train yinyang`: libs/snn's hxtorch Yin-Yang example (5 inputs → 120 LIF → 3 LI, reference §6.7, on the
// exact data set of §9) with progress per epoch, a table of every epoch, the final test accuracy and an HTML
// report of SVG plots.

export interface TrainIo {
  /** One line of the command's output (stdout). */
  readonly out: (line: string) => void;
  /** Progress (stderr): bars on a terminal, one line per epoch otherwise. */
  readonly progress: ProgressStream;
}

export interface TrainOutcome {
  readonly settings: TrainSettings;
  readonly epochs: readonly YinYangEpochStats[];
  readonly testAccuracy: number;
  readonly seconds: number;
  readonly report: TrainingReportFiles;
}

/** `bss2 train` without the argument parsing. */
export async function trainCommand(dataset: string, options: TrainCliOptions, io: TrainIo): Promise<TrainOutcome> {
  const settings = checkedTrainSettings(dataset, options);
  const { backend, label, describe, close } = openTrainingBackend(settings, io.progress);
  const progress = new TrainingProgress(io.progress, settings.epochs, YIN_YANG_TRAINING_DEFAULTS.batchSize);
  const started = performance.now();
  let result: Trained;
  try {
    const common = { epochs: settings.epochs, trainSize: settings.trainSize, testSize: settings.testSize, seed: settings.seed, onBatch: progress.onBatch, onEpoch: progress.onEpoch };
    result = settings.method === 'eventprop' ? eventPropRun(await trainYinYangEventProp(common)) : await surrogateRun(await trainYinYang({ ...common, backend }));
  } finally {
    progress.finish();
    await close();
  }
  const seconds = (performance.now() - started) / 1000;
  const where = describe();
  const report = await writeTrainingReport(settings.reportDirectory, {
    title: `Yin-Yang on ${label}`,
    summary: [
      `backend: ${where}`,
      `network: 5 inputs → 120 LIF → 3 LI (hxtorch's Yin-Yang example), method: ${settings.method} gradient`,
      `training: ${settings.trainSize} samples × ${settings.epochs} epoch${settings.epochs === 1 ? '' : 's'}, batch ${YIN_YANG_TRAINING_DEFAULTS.batchSize}, seed ${settings.seed}, ${seconds.toFixed(1)} s`,
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
  readonly epochs: readonly YinYangEpochStats[];
  readonly testAccuracy: number;
  readonly weights: readonly ProjectionWeights[];
  readonly observations: SampleObservations;
}

async function surrogateRun({ epochs, testAccuracy, network }: YinYangTrainingResult): Promise<Trained> {
  const weights = [
    { name: 'input → hidden', hardware: network.linearHidden.hardwareWeights(), weightScale: network.linearHidden.weightScale },
    { name: 'hidden → readout', hardware: network.linearOutput.hardwareWeights(), weightScale: network.linearOutput.weightScale },
  ];
  return { epochs, testAccuracy, weights, observations: await observeTestSamples(network) };
}

function eventPropRun({ epochs, testAccuracy, network }: YinYangEventPropResult): Trained {
  const weights = [
    { name: 'input → hidden', model: network.weightHidden.data },
    { name: 'hidden → readout', model: network.weightOutput.data },
  ];
  return { epochs, testAccuracy, weights, observations: observeEventPropTestSamples(network) };
}

function printOutcome(outcome: TrainOutcome, where: string, print: (line: string) => void): void {
  const { settings } = outcome;
  print(`trained Yin-Yang (5 → 120 LIF → 3 LI) on ${where}: ${settings.trainSize} samples × ${settings.epochs} epoch${settings.epochs === 1 ? '' : 's'} in ${outcome.seconds.toFixed(1)} s`);
  print(epochTable(outcome.epochs));
  print(`final test accuracy: ${percent(outcome.testAccuracy)} (${settings.testSize} test samples)`);
  print(`report written to ${outcome.report.index}`);
}

function outcomeJson(outcome: TrainOutcome, where: string): unknown {
  const { settings } = outcome;
  return {
    dataset: settings.dataset,
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
    .description('train hxtorch\'s Yin-Yang spiking network (5 inputs → 120 LIF → 3 LI) with the chip model in the loop; progress, a table per epoch, the test accuracy and an HTML report of plots')
    .argument('<dataset>', 'the data set: yinyang')
    .option('--backend <mock|twin|tcp://host:port>', 'where the network runs: libs/snn\'s software model (mock), an in-process analog twin in the loop (twin), or a chip served by `bss2 serve` (tcp://host:port)', TRAIN_DEFAULTS.backend)
    .option('--epochs <n>', 'training epochs', String(TRAIN_DEFAULTS.epochs))
    .option('--method <surrogate|eventprop>', 'gradient method', TRAIN_DEFAULTS.method)
    .option('--samples <n>', 'training samples per epoch: the first n of hxtorch\'s 5000 (50..5000)', String(TRAIN_DEFAULTS.samples))
    .option('--test-samples <n>', 'test samples: the first n of hxtorch\'s 1000 (1..1000)', String(TRAIN_DEFAULTS.testSamples))
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
