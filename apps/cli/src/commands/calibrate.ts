import { calibrateSpikingNeurons, CalibError, loadResult, saveResult, type CalibrationResult, type CalibrationStepReport, type NeuronTargets } from '@bss2/calib';
import { TwinConnection } from '@bss2/chip';
import { Option, type Command } from 'commander';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { cachedResult, calibrationCacheFor, defaultCacheRoot } from '../calibrate/calibration-cache-directory.js';
import { CalibrationProgress, type ProgressStream } from '../calibrate/calibration-progress.js';
import { calibrationSummary, type SummaryRow } from '../calibrate/calibration-summary.js';
import { CalibrateError } from '../calibrate/calibrate-error.js';
import { defaultPlotsDirectory, writeStepPlots, type StepPlotFiles } from '../calibrate/step-plot-files.js';
import { loadStepReports, saveStepReports, stepReportsPathOf } from '../calibrate/step-reports-file.js';
import { summaryTable } from '../calibrate/summary-table.js';
import { readTargetsFile } from '../calibrate/targets-file.js';

// `bss2 calibrate`: the spiking-neuron calibration of a twin chip (libs/calib's calibrateSpikingNeurons) with
// its progress, a summary table, before/after histograms per step and a result file. Results are cached by
// chip identity and targets, so calibrating the same chip for the same targets again loads the result.

export interface CalibrateOptions {
  readonly targets?: string;
  readonly out: string;
  readonly chip: string;
  readonly fidelity: string;
  readonly plots?: string;
  readonly force: boolean;
  /** false with --no-cache. */
  readonly cache: boolean;
  readonly cacheDir?: string;
  /** Testing, ideal fidelity only: CapMem settle wait per step (µs), instead of calix's 20 ms. */
  readonly settleUs?: string | number;
  readonly json: boolean;
}

export interface CalibrateIo {
  /** One line of the command's output (stdout). */
  readonly out: (line: string) => void;
  /** Progress (stderr): bars on a terminal, plain lines otherwise. */
  readonly progress: ProgressStream;
}

export interface CalibrateOutcome {
  readonly result: CalibrationResult;
  /** The cache entry the result was loaded from, or undefined after a fresh run. */
  readonly cachedFrom: string | undefined;
  readonly summary: readonly SummaryRow[];
  /** Undefined when the result came from a cache entry without per-neuron reports. */
  readonly plots: StepPlotFiles | undefined;
}

const DEFAULTS = { out: 'calib.json', chip: 'twin-0', fidelity: 'analog' } as const;

function checkedFidelity(fidelity: string): 'ideal' | 'analog' {
  if (fidelity === 'ideal' || fidelity === 'analog') return fidelity;
  throw new CalibrateError('invalid-option', `--fidelity must be ideal or analog, got ${JSON.stringify(fidelity)}`);
}

function checkedSettleUs(settleUs: string | number | undefined, fidelity: 'ideal' | 'analog'): number | undefined {
  if (settleUs === undefined) return undefined;
  const us = Number(settleUs);
  if (!Number.isFinite(us) || us <= 0) throw new CalibrateError('invalid-option', `--settle-us must be a positive number of µs, got ${JSON.stringify(settleUs)}`);
  // The analog twin's CapMem settles with τ = 4 ms (reference §10.3): a shorter wait gives a wrong calibration.
  if (fidelity !== 'ideal') throw new CalibrateError('invalid-option', '--settle-us is for testing at --fidelity ideal only (analog CapMem cells need calix\'s 20 ms to settle)');
  return us;
}

/** Refuses to overwrite a file that is not a result of this chip, unless forced (loadResult's checks). */
function checkOutFile(out: string, chip: string, force: boolean): void {
  if (force || !existsSync(out)) return;
  try {
    loadResult(out, { chipIdentity: chip });
  } catch (error) {
    if (!(error instanceof CalibError)) throw error;
    const what = error.code === 'result-foreign-chip' ? `${out} holds the calibration of chip ${JSON.stringify(error.value)}, not ${JSON.stringify(chip)}` : error.message;
    throw new CalibError(error.code, `${what}; --force overwrites it`, error.value);
  }
}

/** Measures the chip, with a progress display; the per-neuron step reports are collected for the plots. */
async function calibrateFresh(chip: string, fidelity: 'ideal' | 'analog', targets: NeuronTargets, settleUs: number | undefined, io: CalibrateIo) {
  const connection = new TwinConnection({ identity: chip, fidelity });
  const progress = new CalibrationProgress(io.progress);
  const reports: CalibrationStepReport[] = [];
  let completed = false;
  try {
    const result = await calibrateSpikingNeurons(connection, targets, {
      chipIdentity: chip,
      ...(settleUs === undefined ? {} : { settleUs }),
      onProgress: progress.onProgress,
      onStepResult: (report) => reports.push(report),
    });
    completed = true;
    return { result, reports, description: connection.description };
  } finally {
    progress.finish(completed);
    await connection.close();
  }
}

/** `bss2 calibrate` without the argument parsing. */
export async function calibrateCommand(options: CalibrateOptions, io: CalibrateIo): Promise<CalibrateOutcome> {
  const fidelity = checkedFidelity(options.fidelity);
  const settleUs = checkedSettleUs(options.settleUs, fidelity);
  const targets = await readTargetsFile(options.targets);
  checkOutFile(options.out, options.chip, options.force);

  const started = performance.now();
  const cache = calibrationCacheFor(options.cacheDir ?? defaultCacheRoot(), fidelity, settleUs);
  const entry = cache.pathOf(options.chip, targets);
  const cached = options.cache ? cachedResult(cache, options.chip, targets) : undefined;
  let result: CalibrationResult;
  let reports: readonly CalibrationStepReport[] | undefined;
  if (cached !== undefined) {
    result = cached;
    reports = loadStepReports(stepReportsPathOf(entry), cached);
  } else {
    const fresh = await calibrateFresh(options.chip, fidelity, targets, settleUs, io);
    result = fresh.result;
    // The library orders `achieved` as the sequence runs; the reports arrive in the order steps finish.
    const order = Object.keys(result.achieved);
    reports = [...fresh.reports].sort((a, b) => order.indexOf(a.parameter) - order.indexOf(b.parameter));
    saveStepReports(stepReportsPathOf(cache.put(result)), result, reports);
  }
  mkdirSync(dirname(options.out), { recursive: true });
  saveResult(options.out, result);

  const twin = `twin:${options.chip} (${fidelity})`;
  const summary = calibrationSummary(result, reports ?? []);
  const plots = reports === undefined ? undefined : await writeStepPlots(options.plots ?? defaultPlotsDirectory(options.out), reports, twin);
  const outcome: CalibrateOutcome = { result, cachedFrom: cached === undefined ? undefined : entry, summary, plots };
  if (options.json) io.out(JSON.stringify(summaryJson(outcome, twin, options.out), null, 2));
  else printOutcome(outcome, twin, options.out, (performance.now() - started) / 1000, io.out);
  return outcome;
}

function printOutcome(outcome: CalibrateOutcome, twin: string, out: string, seconds: number, print: (line: string) => void): void {
  const { result, cachedFrom, plots } = outcome;
  if (cachedFrom === undefined) print(`calibrated the 512 neurons of ${twin} in ${seconds.toFixed(1)} s`);
  else print(`calibration of ${twin} from the cache (${cachedFrom}, made ${result.created}); --no-cache measures afresh`);
  print(summaryTable(outcome.summary));
  const failing = new Set(result.failures.map((f) => f.instance)).size;
  print(failing === 0 ? 'every neuron within tolerance' : `${failing} neurons out of tolerance in ${result.failures.length} checks (listed in the result file's "failures")`);
  print(`result written to ${out}`);
  if (plots === undefined) {
    print('no per-neuron values stored with this cache entry: the histograms need a fresh run (--no-cache)');
    return;
  }
  print(`histograms written to ${plots.directory}:`);
  for (const path of [...plots.svgs, plots.index]) print(`  ${path}`);
}

function summaryJson(outcome: CalibrateOutcome, twin: string, out: string): unknown {
  return {
    chip: twin,
    result: out,
    created: outcome.result.created,
    cachedFrom: outcome.cachedFrom ?? null,
    steps: outcome.summary,
    failures: outcome.result.failures.length,
    plots: outcome.plots === undefined ? null : { index: outcome.plots.index, svgs: outcome.plots.svgs },
  };
}

export function registerCalibrateCommand(program: Command, io: CalibrateIo = { out: (line) => process.stdout.write(`${line}\n`), progress: process.stderr }): void {
  program
    .command('calibrate')
    .description('calibrate the spiking neurons of a twin chip (CADC, τ_syn, synaptic strength, leak, threshold, τ_mem, reset), write the result file, a summary table and before/after histograms')
    .option('--targets <file.json>', 'neuron targets as a JSON object, e.g. {"leak": 80, "tauMemUs": 10} (names and ranges: libs/calib NEURON_TARGETS); default calix\'s')
    .option('--out <calib.json>', 'the calibration result file', DEFAULTS.out)
    .option('--chip <identity>', 'chip identity (seeds the mismatch of an analog twin)', DEFAULTS.chip)
    .option('--fidelity <analog|ideal>', 'simulation fidelity of the twin', DEFAULTS.fidelity)
    .option('--plots <dir>', 'directory for the histograms (one SVG per step and index.html); default <out basename>-plots/ next to the result')
    .option('--force', 'overwrite a result file made for another chip, or one that is not a calibration result', false)
    .option('--no-cache', 'measure afresh even when the cache holds a result for this chip and these targets (the new result replaces it)')
    .option('--cache-dir <dir>', 'the calibration cache (default $XDG_CACHE_HOME/bss2-twin/calibration or ~/.cache/bss2-twin/calibration)')
    .option('--json', 'print the summary as JSON', false)
    .addOption(new Option('--settle-us <us>', 'testing, --fidelity ideal only: CapMem settle wait per step in µs (default calix\'s 20000)').hideHelp())
    .action(async (options: CalibrateOptions) => {
      await calibrateCommand(options, io);
    });
}
