import { Command } from 'commander';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CalibError } from '@bss2/calib';
import { TwinServer } from '@bss2/remote';
import { mnist16Data, type TrainingEpochStats } from '@bss2/snn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TrainError } from '../train/train-error.js';
import { TRAINING_TASKS } from '../train/training-task.js';
import { registerTrainCommand } from './train.js';

// `bss2 train` in-process through its argument parser, in mock mode on a shortened run (300 samples, 1 epoch),
// and on the twin (in process and served) on one batch. The training's accuracy is libs/snn's to test; here: the
// output, the JSON, the report files, the backends' plumbing and the refusals.

interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

async function bss2Train(args: readonly string[]): Promise<Run> {
  const lines: string[] = [];
  const progress = new PassThrough();
  let stderr = '';
  progress.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const program = new Command().exitOverride();
  registerTrainCommand(program, { out: (line) => lines.push(line), progress });
  await program.parseAsync(['train', ...args], { from: 'user' });
  return { stdout: lines.join('\n'), stderr };
}

async function refusal(args: readonly string[]): Promise<TrainError> {
  const error = await bss2Train(args).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(TrainError);
  return error as TrainError;
}


describe('bss2 train yinyang', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bss2-train-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('trains a short run, prints JSON with plausible fields and writes the report', async () => {
    const report = join(dir, 'report');
    const { stdout, stderr } = await bss2Train(['yinyang', '--samples', '300', '--epochs', '1', '--seed', '3', '--json', '--report', report]);
    const json = JSON.parse(stdout) as { dataset: string; backend: string; method: string; trainSamples: number; testSamples: number; seed: number; seconds: number; epochs: TrainingEpochStats[]; testAccuracy: number; report: { index: string; svgs: string[] } };
    expect(json).toMatchObject({ dataset: 'yinyang', method: 'surrogate', trainSamples: 300, testSamples: 1000, seed: 3 });
    expect(json.backend).toMatch(/^mock/);
    expect(json.epochs).toHaveLength(1);
    const [epoch] = json.epochs;
    expect(epoch!.epoch).toBe(1);
    expect(epoch!.trainLoss).toBeGreaterThan(0);
    expect(epoch!.trainLoss).toBeLessThan(5);
    expect(epoch!.samplesPerSecond).toBeGreaterThan(0);
    expect(epoch!.learningRate).toBe(2e-3);
    expect(epoch!.hiddenSpikesPerSample).toBeGreaterThan(0);
    // 6 batches of 50 move the network off chance (1/3) but not near the full run's 96 %.
    expect(json.testAccuracy).toBe(epoch!.testAccuracy);
    expect(json.testAccuracy).toBeGreaterThan(0.2);
    expect(json.testAccuracy).toBeLessThanOrEqual(1);
    expect(json.seconds).toBeGreaterThan(0);

    // Progress on a non-terminal: one line per epoch.
    expect(stderr).toMatch(/^epoch 1\/1: loss [\d.]+, accuracy [\d.]+ %, \d+ samples\/s, test accuracy [\d.]+ %$/m);

    const files = (await readdir(report)).sort();
    expect(files).toEqual(['hidden-raster.svg', 'index.html', 'readout-traces.svg', 'training-curves.svg', 'weight-histograms.svg']);
    expect(json.report.index).toBe(join(report, 'index.html'));
    expect(json.report.svgs.map((p) => p.slice(report.length + 1)).sort()).toEqual(files.filter((f) => f.endsWith('.svg')));
    const index = await readFile(json.report.index, 'utf8');
    for (const svg of files.filter((f) => f.endsWith('.svg'))) expect(index).toContain(`<img src="${svg}"`);
    expect(index).toContain(`final test accuracy: ${(json.testAccuracy * 100).toFixed(1)} %`);
    for (const svg of json.report.svgs) {
      const text = await readFile(svg, 'utf8');
      expect(text.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(text.trimEnd().endsWith('</svg>')).toBe(true);
    }
    // One readout panel per class, each with three membrane lines; the raster holds the hidden spikes it counts.
    const traces = await readFile(join(report, 'readout-traces.svg'), 'utf8');
    expect([...traces.matchAll(/test sample \d+: class (\w+), predicted (\w+)/g)].map((m) => m[1])).toEqual(expect.arrayContaining(['yin', 'yang', 'dot']));
    expect((traces.match(/<path [^>]*stroke=/g) ?? []).length).toBeGreaterThanOrEqual(9);
    const raster = await readFile(join(report, 'hidden-raster.svg'), 'utf8');
    const spikes = Number(/: (\d+) spikes from \d+ of 120 hidden neurons/.exec(raster)?.[1]);
    expect(spikes).toBeGreaterThan(0);
    expect((raster.match(/<circle /g) ?? []).length).toBe(spikes);
    const weights = await readFile(join(report, 'weight-histograms.svg'), 'utf8');
    expect(weights).toMatch(/input → hidden: 600 synapses/);
    expect(weights).toMatch(/hidden → readout: 360 synapses/);
  }, 60_000);

  it('trains with EventProp\'s exact gradients (--method eventprop) and reports model weights and exact hidden spike times', async () => {
    const report = join(dir, 'eventprop-report');
    const { stdout } = await bss2Train(['yinyang', '--method', 'eventprop', '--samples', '300', '--epochs', '1', '--test-samples', '200', '--json', '--report', report]);
    const json = JSON.parse(stdout) as { method: string; epochs: TrainingEpochStats[]; testAccuracy: number };
    expect(json.method).toBe('eventprop');
    expect(json.epochs[0]!.hiddenSpikesPerSample).toBeGreaterThan(0);
    expect(json.testAccuracy).toBeGreaterThan(0.4);
    expect(await readFile(join(report, 'weight-histograms.svg'), 'utf8')).toMatch(/input → hidden: 600 synapses, model weights -?[\d.]+\.\.-?[\d.]+/);
    const raster = await readFile(join(report, 'hidden-raster.svg'), 'utf8');
    expect(Number(/: (\d+) spikes from \d+ of 120 hidden neurons/.exec(raster)?.[1])).toBeGreaterThan(0);
    expect(await readFile(join(report, 'index.html'), 'utf8')).toContain('method: eventprop gradient');
  }, 60_000);

  it('prints a table of the epochs and the final test accuracy without --json', async () => {
    const report = join(dir, 'text-report');
    const { stdout } = await bss2Train(['yinyang', '--samples', '50', '--epochs', '2', '--report', report]);
    expect(stdout).toMatch(/^trained Yin-Yang \(5 → 120 LIF → 3 LI\) on mock .*: 50 samples × 2 epochs in [\d.]+ s$/m);
    expect(stdout.split('\n').filter((line) => /^│\s+[12] │/.test(line))).toHaveLength(2);
    expect(stdout).toMatch(/^final test accuracy: [\d.]+ % \(1000 test samples\)$/m);
    expect(stdout).toContain(`report written to ${join(report, 'index.html')}`);
  }, 60_000);

  it('calibrates the in-process analog twin for the network (cached), then trains with it in the loop (one batch)', async () => {
    const report = join(dir, 'twin-report');
    const cacheDir = join(dir, 'calibration-cache');
    const args = ['yinyang', '--backend', 'twin', '--chip', 'cli-train', '--samples', '50', '--epochs', '1', '--test-samples', '20', '--json', '--report', report, '--cache-dir', cacheDir];
    const first = await bss2Train(args);
    const json = JSON.parse(first.stdout) as { backend: string; testSamples: number; epochs: TrainingEpochStats[] };
    expect(json.backend).toMatch(/^twin:.*cli-train.*calibrated for the network's targets, measured in [\d.]+ s, cached in .*calibration-cache/);
    expect(first.stderr).toMatch(/^calibrate 1\/\d+: CADC …$/m);
    expect(json.testSamples).toBe(20);
    expect(json.epochs[0]!.hiddenSpikesPerSample).toBeGreaterThan(0);
    expect((await readdir(report)).sort()).toEqual(['hidden-raster.svg', 'index.html', 'readout-traces.svg', 'training-curves.svg', 'weight-histograms.svg']);
    expect(await readFile(join(report, 'index.html'), 'utf8')).toContain('calibrated for the network');

    const again = await bss2Train(args);
    expect((JSON.parse(again.stdout) as { backend: string }).backend).toMatch(/loaded from the cache \(.*calibration-cache.*\.json\)/);
    expect(again.stderr).not.toMatch(/^calibrate /m);
  }, 180_000);

  it('trains on the twin at nominal CapMem codes with --uncalibrated', async () => {
    const { stdout } = await bss2Train(['yinyang', '--backend', 'twin', '--chip', 'cli-train', '--uncalibrated', '--samples', '50', '--epochs', '1', '--test-samples', '20', '--json', '--report', join(dir, 'nominal-report')]);
    const json = JSON.parse(stdout) as { backend: string; epochs: TrainingEpochStats[] };
    expect(json.backend).toMatch(/^twin:.*cli-train.*uncalibrated/);
    expect(json.epochs[0]!.hiddenSpikesPerSample).toBeGreaterThan(0);
  }, 60_000);

  it('trains with EventProp and the twin in the loop: the chip\'s spike times into the adjoint', async () => {
    const { stdout } = await bss2Train(['yinyang', '--backend', 'twin', '--chip', 'cli-train', '--uncalibrated', '--method', 'eventprop', '--samples', '50', '--epochs', '1', '--test-samples', '20', '--json', '--report', join(dir, 'eventprop-twin-report')]);
    const json = JSON.parse(stdout) as { backend: string; method: string; epochs: TrainingEpochStats[] };
    expect(json).toMatchObject({ method: 'eventprop' });
    expect(json.backend).toMatch(/^twin:.*cli-train/);
    expect(json.epochs[0]!.hiddenSpikesPerSample).toBeGreaterThan(0);
  }, 60_000);

  it('trains against a chip served over ZeroMQ (tcp://…)', async () => {
    const server = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'served', fidelity: 'ideal' }] });
    try {
      const { stdout } = await bss2Train(['yinyang', '--backend', server.endpoint, '--uncalibrated', '--samples', '50', '--epochs', '1', '--test-samples', '10', '--json', '--report', join(dir, 'remote-report')]);
      expect((JSON.parse(stdout) as { backend: string }).backend).toContain(server.endpoint);
    } finally {
      await server.close();
    }
  }, 60_000);

  it('refuses bad options with typed errors naming the legal values', async () => {
    expect(await refusal(['cifar'])).toMatchObject({ code: 'invalid-option', option: 'dataset', value: 'cifar', range: 'yinyang, mnist16' });
    expect((await refusal(['mnist16', '--samples', '8001'])).message).toBe('--samples must be an integer in 50..8000, got "8001"');
    expect((await refusal(['mnist16', '--test-samples', '2001'])).message).toBe('--test-samples must be an integer in 1..2000, got "2001"');
    expect(await refusal(['yinyang', '--method', 'bptt'])).toMatchObject({ code: 'invalid-option', option: '--method' });
    expect((await refusal(['yinyang', '--epochs', '0'])).message).toBe('--epochs must be an integer in 1..1000, got "0"');
    expect(await refusal(['yinyang', '--epochs', '2.5'])).toMatchObject({ code: 'invalid-option', option: '--epochs' });
    expect((await refusal(['yinyang', '--samples', '6000'])).message).toBe('--samples must be an integer in 50..5000, got "6000"');
    expect(await refusal(['yinyang', '--seed', '-1'])).toMatchObject({ code: 'invalid-option', option: '--seed', range: '0..4294967295' });
    expect((await refusal(['yinyang', '--backend', 'gpu'])).message).toBe('--backend must be one of mock, twin, tcp://<host>:<port>, got "gpu"');
    expect(await refusal(['yinyang', '--backend', 'tcp://host:99999'])).toMatchObject({ code: 'invalid-option', option: '--backend' });
    expect((await refusal(['yinyang', '--test-samples', '1001'])).message).toBe('--test-samples must be an integer in 1..1000, got "1001"');
    expect(await refusal(['yinyang', '--calibration', 'calib.json'])).toMatchObject({ code: 'invalid-option', option: '--calibration' });
    expect(await refusal(['yinyang', '--uncalibrated'])).toMatchObject({ code: 'invalid-option', option: '--uncalibrated' });
    expect(await refusal(['yinyang', '--backend', 'twin', '--uncalibrated', '--calibration', 'calib.json'])).toMatchObject({ code: 'invalid-option', option: '--uncalibrated' });
    const missing = await bss2Train(['yinyang', '--backend', 'twin', '--calibration', join(dir, 'missing.json')]).then(() => undefined, (e: unknown) => e);
    expect(missing).toBeInstanceOf(CalibError);
    expect(missing).toMatchObject({ code: 'result-unreadable' });
  });
});

describe('bss2 train mnist16', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bss2-train-mnist16-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('trains a short run in mock mode and reports a 256-input layer, four digits\' readouts and the hidden raster', async () => {
    const report = join(dir, 'report');
    const { stdout } = await bss2Train(['mnist16', '--samples', '1500', '--epochs', '1', '--test-samples', '200', '--json', '--report', report]);
    const json = JSON.parse(stdout) as { dataset: string; backend: string; method: string; trainSamples: number; testSamples: number; epochs: TrainingEpochStats[]; testAccuracy: number };
    expect(json).toMatchObject({ dataset: 'mnist16', method: 'surrogate', trainSamples: 1500, testSamples: 200 });
    expect(json.backend).toMatch(/^mock/);
    expect(json.epochs[0]!.hiddenSpikesPerSample).toBeGreaterThan(0);
    // 30 batches of 50 move ten classes off chance (10 %): measured 38 % (10 batches: still 8 %).
    expect(json.testAccuracy).toBeGreaterThan(0.2);
    expect((await readdir(report)).sort()).toEqual(['hidden-raster.svg', 'index.html', 'readout-traces.svg', 'training-curves.svg', 'weight-histograms.svg']);
    const weights = await readFile(join(report, 'weight-histograms.svg'), 'utf8');
    expect(weights).toMatch(/input → hidden: 62976 synapses, weight scale 64\.0/);
    expect(weights).toMatch(/hidden → readout: 2460 synapses/);
    const traces = await readFile(join(report, 'readout-traces.svg'), 'utf8');
    const digits = [...traces.matchAll(/test sample \d+: class (\d), predicted (\d)/g)].map((m) => m[1]);
    expect(digits).toHaveLength(4);
    expect(new Set(digits).size).toBe(4);
    expect((traces.match(/<path [^>]*stroke=/g) ?? []).length).toBeGreaterThanOrEqual(40);
    expect(traces).toContain('9 = pink');
    const raster = await readFile(join(report, 'hidden-raster.svg'), 'utf8');
    expect(Number(/: (\d+) spikes from \d+ of 246 hidden neurons/.exec(raster)?.[1])).toBeGreaterThan(0);
    expect(await readFile(join(report, 'index.html'), 'utf8')).toContain('network: 256 inputs → 246 LIF → 10 LI');
  }, 120_000);

  it('trains with EventProp (--method eventprop): silent pixels send no spike, the report shows the event-driven model', async () => {
    const report = join(dir, 'eventprop-report');
    const { stdout } = await bss2Train(['mnist16', '--method', 'eventprop', '--samples', '1500', '--epochs', '1', '--test-samples', '200', '--json', '--report', report]);
    const json = JSON.parse(stdout) as { method: string; epochs: TrainingEpochStats[]; testAccuracy: number };
    expect(json.method).toBe('eventprop');
    expect(json.epochs[0]!.hiddenSpikesPerSample).toBeGreaterThan(0);
    // 30 batches of 50: measured 76 % (chance 10 %).
    expect(json.testAccuracy).toBeGreaterThan(0.4);
    expect(await readFile(join(report, 'weight-histograms.svg'), 'utf8')).toMatch(/input → hidden: 62976 synapses, model weights -?[\d.]+\.\.-?[\d.]+/);
    const traces = await readFile(join(report, 'readout-traces.svg'), 'utf8');
    expect([...traces.matchAll(/test sample \d+: class (\d), predicted (\d)/g)]).toHaveLength(4);
    const raster = await readFile(join(report, 'hidden-raster.svg'), 'utf8');
    expect(Number(/: (\d+) spikes from \d+ of 246 hidden neurons/.exec(raster)?.[1])).toBeGreaterThan(0);
    expect(await readFile(join(report, 'index.html'), 'utf8')).toContain('method: eventprop gradient');
  }, 120_000);

  it('defaults to the whole data set, whose sizes are libs/datasets\' MNIST16 split', () => {
    const { train, test } = mnist16Data();
    expect([train.size, test.size]).toEqual([TRAINING_TASKS.mnist16.trainSamples, TRAINING_TASKS.mnist16.testSamples]);
  });
});
