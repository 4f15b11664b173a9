/**
 * `npm run bench:train`: Yin-Yang training throughput (issue 6) — training samples per second, forward + backward
 * + optimizer step, of libs/snn's `trainYinYang` in mock mode against PyTorch on the CPU
 * (`../shared/peers/torch_yinyang.py`, 1 thread), the same network (5 → 120 LIF → 3 LI, reference §6.7), time
 * grid (38 steps of 1 µs) and batch (50), one epoch of the 5000 training samples each. The machine is shared and
 * noisy, so the two run interleaved (their order alternating per round) and the table gives wall time and CPU
 * time (process user + system) for each; the ratio is the median of the per-round ratios. Target: ≥ 2×. The
 * peer's interpreter start, torch import and data generation lie outside its timer; in their place ours gets one
 * untimed warm-up epoch of 500 samples (the JIT's), so round 1 is not a cold start against a warm peer.
 * Then hardware in the loop: the same training through libs/snn's TwinBackend on an `analog` twin calibrated for
 * the network's targets (5 input repetitions, as hxtorch on hardware), samples/s after the first batch (which
 * calibrates, maps the network and waits for the CapMem to settle), beside the rate the real chip would reach running the same playback
 * programs in real time (their FPGA cycles at 125 MHz).
 * Then MNIST16 inference (`train-mnist16-inference.ts`): patterns/s of the 256 → 246 LIF → 10 LI network on an
 * `ideal` twin beside the real chip's published 85,000 frames/s (reference §8), and their ratio.
 * Environment: BENCH_TRAIN_ROUNDS (default 5), BENCH_TRAIN_PYTHON (default /usr/bin/python3),
 * BENCH_TRAIN_PEER (default ../shared/peers/torch_yinyang.py from the repository root), BENCH_TRAIN_HIL_SAMPLES
 * (training samples on the twin, default 500), BENCH_MNIST16_BATCH (test digits per program, default 200) and
 * BENCH_MNIST16_BATCHES (programs timed, default 3).
 */
import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TwinConnection } from '@bss2/chip';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { calibrateOnConnection, TwinBackend, trainYinYang, YIN_YANG_TRAINING_DEFAULTS } from '@bss2/snn';
import { formatTable } from './measure.js';
import { BSS2_MNIST_FRAMES_PER_SECOND, mnist16Inference } from './train-mnist16-inference.js';

const ROUNDS = Number(process.env['BENCH_TRAIN_ROUNDS'] ?? 5);
const PYTHON = process.env['BENCH_TRAIN_PYTHON'] ?? '/usr/bin/python3';
const REPOSITORY = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const PEER = process.env['BENCH_TRAIN_PEER'] ?? join(REPOSITORY, '../shared/peers/torch_yinyang.py');
const TRAIN_SAMPLES = 5000;
const BATCH = YIN_YANG_TRAINING_DEFAULTS.batchSize;
const TARGET_RATIO = 2;
const HIL_SAMPLES = Number(process.env['BENCH_TRAIN_HIL_SAMPLES'] ?? 500);
const MNIST16_BATCH = Number(process.env['BENCH_MNIST16_BATCH'] ?? 200);
const MNIST16_BATCHES = Number(process.env['BENCH_MNIST16_BATCHES'] ?? 3);

interface Throughput {
  /** Training samples per second of wall time and of process CPU time. */
  readonly wall: number;
  readonly cpu: number;
}

interface PeerResult extends Throughput {
  readonly torch: string;
  readonly accuracy: number;
}

const cpuSeconds = (): number => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/**
 * One epoch of `trainYinYang` in mock mode, timed from the call to the last optimizer step: it includes building
 * the data set and the network, which the peer does outside its timer, so the figure is on the conservative side.
 */
async function ours(seed: number): Promise<Throughput & { accuracy: number }> {
  const wallStart = performance.now();
  const cpuStart = cpuSeconds();
  let wallEnd = wallStart;
  let cpuEnd = cpuStart;
  let trained = 0;
  const result = await trainYinYang({
    epochs: 1, trainSize: TRAIN_SAMPLES, testSize: 1000, seed,
    onBatch: () => {
      trained += BATCH;
      wallEnd = performance.now();
      cpuEnd = cpuSeconds();
    },
  });
  return { wall: trained / ((wallEnd - wallStart) / 1000), cpu: trained / (cpuEnd - cpuStart), accuracy: result.testAccuracy };
}

/**
 * The peer script as it is, with `time.perf_counter` wrapped so each call also notes `time.process_time()`: its
 * first two calls bracket the training loop, so the CPU time of exactly the loop it times comes out beside it.
 */
const PEER_WRAPPER = `
import json, runpy, sys, time
wall, cpu = time.perf_counter, []
def perf_counter():
    cpu.append(time.process_time())
    return wall()
time.perf_counter = perf_counter
sys.argv = sys.argv[1:]
runpy.run_path(sys.argv[0], run_name='__main__')
print(json.dumps({'cpu_train_s': cpu[1] - cpu[0]}))
`;

async function peer(seed: number): Promise<PeerResult> {
  const args = ['-c', PEER_WRAPPER, PEER, '--epochs', '1', '--threads', '1', '--batch', String(BATCH), '--train', String(TRAIN_SAMPLES), '--seed', String(seed), '--json'];
  const { stdout } = await promisify(execFile)(PYTHON, args, { maxBuffer: 1 << 20 });
  const [result, timing] = stdout.trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
  const samples = Number(result?.['epochs']) * TRAIN_SAMPLES;
  return {
    wall: Number(result?.['train_samples_per_s']),
    cpu: samples / Number(timing?.['cpu_train_s']),
    torch: String(result?.['torch']),
    accuracy: Number(result?.['test_accuracy']),
  };
}

interface InTheLoop extends Throughput {
  readonly firstBatchS: number;
  /** Samples/s if the chip ran the same programs in real time (no host work). */
  readonly realTime: number;
}

/** One epoch of HIL_SAMPLES on an analog twin through TwinBackend, timed from the end of the first batch. */
async function inTheLoop(): Promise<InTheLoop> {
  const connection = new TwinConnection({ identity: 'bench-train', fidelity: 'analog' });
  const backend = new TwinBackend(connection, { calibrate: calibrateOnConnection(connection, { chipIdentity: 'bench-train' }) });
  const started = performance.now();
  let first: { wall: number; cpu: number } | undefined;
  let last = { wall: 0, cpu: 0 };
  let cycles = 0;
  let batches = 0;
  try {
    await trainYinYang({
      epochs: 1, trainSize: HIL_SAMPLES, testSize: 1, backend,
      onBatch: () => {
        last = { wall: performance.now(), cpu: cpuSeconds() };
        if (first === undefined) {
          first = last;
          return;
        }
        batches++;
        cycles += backend.lastRun?.executionCycles ?? 0;
      },
    });
  } finally {
    await connection.close();
  }
  const samples = batches * BATCH;
  return {
    wall: samples / ((last.wall - first!.wall) / 1000),
    cpu: samples / (last.cpu - first!.cpu),
    firstBatchS: (first!.wall - started) / 1000,
    realTime: samples / (cycles / (FPGA_CYCLES_PER_US * 1e6)),
  };
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const fixed = (value: number): string => value.toFixed(0);
const ratio = (value: number): string => `${value.toFixed(2)}×`;
const percent = (fraction: number): string => `${(fraction * 100).toFixed(1)} %`;

console.log(`Yin-Yang training throughput (5 → 120 LIF → 3 LI, 38 steps of 1 µs, batch ${BATCH}, 1 epoch of ${TRAIN_SAMPLES}) — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}, load ${loadavg().map((l) => l.toFixed(1)).join(' ')}`);
await trainYinYang({ epochs: 1, trainSize: 500, testSize: 1 });
const rounds: { ours: Throughput; peer: PeerResult }[] = [];
let torchVersion = '?';
for (let round = 0; round < ROUNDS; round++) {
  const seed = 42 + round;
  // Alternating order: a load change during the round then favours neither side systematically.
  let mine: Throughput & { accuracy: number };
  let theirs: PeerResult;
  if (round % 2 === 0) {
    mine = await ours(seed);
    theirs = await peer(seed);
  } else {
    theirs = await peer(seed);
    mine = await ours(seed);
  }
  torchVersion = theirs.torch;
  rounds.push({ ours: mine, peer: theirs });
  process.stderr.write(`  round ${round + 1}/${ROUNDS}: ours ${fixed(mine.wall)} samples/s (${fixed(mine.cpu)} per CPU s, test accuracy ${percent(mine.accuracy)}), PyTorch ${fixed(theirs.wall)} (${fixed(theirs.cpu)} per CPU s, test accuracy ${percent(theirs.accuracy)})\n`);
}

process.stderr.write(`  hardware in the loop: ${HIL_SAMPLES} samples on an analog twin …\n`);
const loop = await inTheLoop();
process.stderr.write(`  MNIST16 inference: ${MNIST16_BATCHES + 1} batches of ${MNIST16_BATCH} test digits on an ideal twin …\n`);
const inference = await mnist16Inference({ batch: MNIST16_BATCH, batches: MNIST16_BATCHES });

const wallRatios = rounds.map((r) => r.ours.wall / r.peer.wall);
const cpuRatios = rounds.map((r) => r.ours.cpu / r.peer.cpu);
console.log(formatTable(
  ['round', 'ours samples/s', 'ours per CPU s', 'PyTorch samples/s', 'PyTorch per CPU s', 'ratio (wall)', 'ratio (CPU)'],
  rounds.map((r, i) => [String(i + 1), fixed(r.ours.wall), fixed(r.ours.cpu), fixed(r.peer.wall), fixed(r.peer.cpu), ratio(wallRatios[i]!), ratio(cpuRatios[i]!)]),
));
console.log('');
console.log(formatTable(['median over rounds', 'samples/s (wall)', 'samples/s (CPU)'], [
  ['libs/snn trainYinYang, mock', fixed(median(rounds.map((r) => r.ours.wall))), fixed(median(rounds.map((r) => r.ours.cpu)))],
  [`PyTorch ${torchVersion} CPU, 1 thread`, fixed(median(rounds.map((r) => r.peer.wall))), fixed(median(rounds.map((r) => r.peer.cpu)))],
  ['ours / PyTorch', ratio(median(wallRatios)), ratio(median(cpuRatios))],
  ['hardware in the loop, calibrated analog twin (TwinBackend)', fixed(loop.wall), fixed(loop.cpu)],
]));
console.log('');
console.log(`hardware in the loop: first batch (mapping, configuration, CapMem settle) ${loop.firstBatchS.toFixed(1)} s; the real chip running the same programs in real time: ${fixed(loop.realTime)} samples/s`);
console.log('');
console.log(formatTable(['MNIST16 inference (256 → 246 LIF → 10 LI, 38 steps of 1 µs)', 'patterns/s (wall)', 'patterns/s (CPU)', 'chip / ours (wall)'], [
  [`ideal twin (TwinBackend), batch ${MNIST16_BATCH}`, fixed(inference.wall), fixed(inference.cpu), ratio(BSS2_MNIST_FRAMES_PER_SECOND / inference.wall)],
  ['ideal twin\'s programs at the chip\'s real time', fixed(inference.realTime), '', ratio(BSS2_MNIST_FRAMES_PER_SECOND / inference.realTime)],
  ['BrainScaleS-2, published (Cramer et al. 2022)', fixed(BSS2_MNIST_FRAMES_PER_SECOND), '', ratio(1)],
]));
console.log(`MNIST16 inference: first batch (mapping, configuration) ${inference.firstBatchS.toFixed(1)} s, ${inference.hiddenSpikesPerPattern.toFixed(1)} hidden spikes per pattern; ours at ${(100 * inference.wall / BSS2_MNIST_FRAMES_PER_SECOND).toPrecision(2)} % of the chip's rate`);
console.log(`ours / PyTorch ${ratio(median(wallRatios))} (wall), ${ratio(median(cpuRatios))} (CPU) vs target ≥ ${TARGET_RATIO}×: ${median(cpuRatios) >= TARGET_RATIO && median(wallRatios) >= TARGET_RATIO ? 'met' : 'missed'}`);
