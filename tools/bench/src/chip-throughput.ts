/**
 * `npm run bench:chip`: the full chip twin on the benchmark network of `chip-network.ts` (512 AdEx neurons, all
 * 131,072 synapses, every synapse row a ~10 kHz Poisson source), measured in one run:
 * (a) `analog` fidelity: wall-clock ms per ms of hardware time, on one thread and on two (split windows,
 *     libs/analog: the same results), with the process's CPU time beside it (all threads: on a shared machine
 *     the wall time also counts the time other processes held the cores);
 * (b) `ideal` fidelity (the LIF variant, event-driven): synaptic events per second on one core;
 * (c) the same network in Brian2 (`../shared/peers/brian2_chip.py`, Debian python3-brian) at the same dt,
 *     printed as a ratio. Everything goes through link words, as any user program does.
 * Before the measured runs, WARMUP_RUNS unmeasured runs, each with the counter reads around it as the measured
 * ones: the split windows' worker starts in the first (~1 s, once) and runs cold code for the next few, and the
 * first counter reads after runs without them re-optimise the recording path (measured: ~20 deoptimisations of
 * the FPGA event writer, then a 30 ms pause inside the next run); the runs measure the sustained throughput.
 * Environment: BENCH_HW_US (default 1000) hardware time per measured run; BENCH_REPEATS (default 9) measured runs
 * per twin, one after the other, reported as the median run and the range; BENCH_SKIP_BRIAN=1 skips (c);
 * BENCH_THREADS=1 or 2 runs (a) only on that many threads (default: both).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { AtomicNeuronOnDLS, CrossbarOutputOnDLS, CrossbarOutputConfigOnDLS } from '@bss2/coords';
import { TwinConnection } from '@bss2/chip';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { CrossbarOutputConfig, CrossbarOutputEventCounter, SpikeCounterRead, SpikeCounterReset } from '@bss2/regs';
import { benchmarkChip, configurationProgram, runProgram, type NetworkOptions } from './chip-network.js';
import { formatTable } from './measure.js';

const HW_US = Number(process.env['BENCH_HW_US'] ?? 1000);
const DT_CYCLES = 12;
const SYNAPSES_PER_ROW_EVENT = 256;
/**
 * Hardware time before the measured runs: calix's `capmem_level_off_time` (20 ms, reference §2.3) leaves 0.7 % of a
 * CapMem step (τ = 4 ms, §10.3), and the analog twin re-derives its parameters until less than 0.5 LSB is left
 * (~30 ms): 40 ms, so the runs measure the network, not the twin's settling transient.
 */
const SETTLE_US = 40_000;
const REPEATS = Number(process.env['BENCH_REPEATS'] ?? 9);
const WARMUP_RUNS = 15;
const ANALOG_THREADS = process.env['BENCH_THREADS'] === '1' ? [1] : process.env['BENCH_THREADS'] === '2' ? [2] : [1, 2];

interface Measurement {
  /** Median, fastest and slowest wall time of the REPEATS runs. */
  readonly wallMs: number;
  readonly rangeMs: readonly [number, number];
  /** CPU time of the process (all threads) per run, over all runs. */
  readonly cpuMs: number;
  /** Row events per wall second and mean firing rate over all runs together. */
  readonly rowEventsPerS: number;
  readonly meanRateKhz: number;
}

/** Configures a fresh twin, warms it up, then measures REPEATS runs of HW_US with counters read through the link. */
async function measureTwin(fidelity: 'ideal' | 'analog', neuron: NetworkOptions['neuron'], threads = 1): Promise<Measurement> {
  const connection = new TwinConnection({ identity: 'bench-chip', fidelity, dtCycles: DT_CYCLES, threads: threads === 2 });
  const chip = benchmarkChip({ neuron });
  chip.set(CrossbarOutputConfig, CrossbarOutputConfigOnDLS(0), { ...chip.get(CrossbarOutputConfig, CrossbarOutputConfigOnDLS(0)), enableEventCounter: Array.from({ length: 12 }, (_, i) => i < 8) });
  process.stderr.write(`  ${fidelity}/${neuron}: configuring ${chip.allWrites().addresses.length.toLocaleString('en')} words…\n`);
  await connection.run(configurationProgram(chip));
  // CapMem cells settle with τ = 4 ms (reference §10.3): measure the network, not the transient.
  process.stderr.write(`  ${fidelity}/${neuron}: settling the CapMem (${SETTLE_US / 1000} ms of hardware time)…\n`);
  await connection.run(runProgram(SETTLE_US));
  for (let w = 0; w < WARMUP_RUNS; w++) await measuredRun(connection);
  process.stderr.write(`  ${fidelity}/${neuron}: running ${REPEATS} × ${HW_US} µs of hardware time on ${threads} thread(s)…\n`);
  const walls: number[] = [];
  let rowEvents = 0;
  let spikes = 0;
  let cpuUs = 0;
  for (let r = 0; r < REPEATS; r++) {
    const run = await measuredRun(connection);
    walls.push(run.wallMs);
    cpuUs += run.cpuUs;
    rowEvents += run.rowEvents;
    spikes += run.spikes;
  }
  await connection.close();
  const totalWallMs = walls.reduce((a, b) => a + b, 0);
  walls.sort((a, b) => a - b);
  return {
    wallMs: walls[Math.floor(walls.length / 2)] as number,
    rangeMs: [walls[0] as number, walls.at(-1) as number],
    cpuMs: cpuUs / 1000 / REPEATS,
    rowEventsPerS: rowEvents / (totalWallMs / 1000),
    meanRateKhz: spikes / 512 / ((REPEATS * HW_US) / 1000),
  };
}

/** One run of HW_US between counter reads: its wall and CPU time, the row events and spikes the counters saw. */
async function measuredRun(connection: TwinConnection): Promise<{ wallMs: number; cpuUs: number; rowEvents: number; spikes: number }> {
  const before = await counters(connection, true);
  const started = performance.now();
  const cpu = process.cpuUsage();
  await connection.run(runProgram(HW_US));
  const wallMs = performance.now() - started;
  const used = process.cpuUsage(cpu);
  const after = await counters(connection, false);
  return { wallMs, cpuUs: used.user + used.system, rowEvents: after.events - before.events, spikes: after.spikes };
}

/** Sum of the PADI-bus event counters, and the total of the spike counters (reset when `reset`). */
async function counters(connection: TwinConnection, reset: boolean): Promise<{ events: number; spikes: number }> {
  const builder = new PlaybackProgramBuilder();
  const events = Array.from({ length: 8 }, (_, o) => builder.read(CrossbarOutputEventCounter, CrossbarOutputOnDLS(o)));
  const spikes = AtomicNeuronOnDLS.all().map((n) => builder.read(SpikeCounterRead, n));
  if (reset) for (const n of AtomicNeuronOnDLS.all()) builder.write(SpikeCounterReset, n, {});
  await connection.run(builder.done());
  return { events: events.reduce((s, t) => s + t.get().value, 0), spikes: spikes.reduce((s, t) => s + t.get().count, 0) };
}

interface BrianResult {
  readonly peer: string;
  readonly wall_s_per_hw_ms: number;
  readonly synaptic_events_per_wall_s: number;
  readonly mean_rate_khz: number;
}

function runBrian(target: 'cython' | 'numpy'): BrianResult | string {
  const script = fileURLToPath(new URL('../../../../shared/peers/brian2_chip.py', import.meta.url));
  if (!existsSync('/usr/bin/python3') || !existsSync(script)) return 'peer not found';
  const dtUs = (DT_CYCLES / 125).toString();
  const run = spawnSync('/usr/bin/python3', [script, '--target', target, '--json', '--dt-us', dtUs, '--hw-ms', String(HW_US / 1000)], { encoding: 'utf8' });
  if (run.status !== 0) return `brian2 failed: ${(run.stderr || run.error?.message || '').trim().split('\n').at(-1) ?? ''}`;
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as BrianResult;
}

/** The 1-minute load average at the start: other processes competing for the cores. */
const loadAtStart = loadavg()[0] as number;
const analogRuns: { readonly threads: number; readonly m: Measurement }[] = [];
for (const threads of ANALOG_THREADS) analogRuns.push({ threads, m: await measureTwin('analog', 'adex', threads) });
const ideal = await measureTwin('ideal', 'lif');
const brian = process.env['BENCH_SKIP_BRIAN'] === '1' ? 'skipped' : runBrian('cython');

const perHwMs = (m: Measurement) => m.wallMs / (HW_US / 1000);
const withRange = (m: Measurement) => `${perHwMs(m).toFixed(1)} (${(m.rangeMs[0] / (HW_US / 1000)).toFixed(1)}–${(m.rangeMs[1] / (HW_US / 1000)).toFixed(1)})`;
const eventsPerS = (m: Measurement) => m.rowEventsPerS * SYNAPSES_PER_ROW_EVENT;
console.log(`Network: 512 neurons, 131,072 synapses, every row a Poisson source; ${HW_US} µs of hardware time; analog dt ${DT_CYCLES} cycles (${DT_CYCLES * 8} ns)`);
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}; load average ${loadAtStart.toFixed(1)} at the start, ${(loadavg()[0] as number).toFixed(1)} at the end\n`);
const rows: string[][] = [
  ...analogRuns.map(({ threads, m }) => [
    `(a) twin analog, AdEx, ${threads === 1 ? '1 thread' : '2 threads (split windows)'}`,
    withRange(m),
    (m.cpuMs / (HW_US / 1000)).toFixed(1),
    (eventsPerS(m) / 1e6).toFixed(1),
    m.meanRateKhz.toFixed(1),
    '≤ 20 ms per hw ms',
  ]),
  ['(b) twin ideal, LIF', withRange(ideal), (ideal.cpuMs / (HW_US / 1000)).toFixed(1), (eventsPerS(ideal) / 1e6).toFixed(1), ideal.meanRateKhz.toFixed(1), '≥ 50 M events/s'],
];
if (typeof brian !== 'string') {
  rows.push([`(c) ${brian.peer}, AdEx`, (brian.wall_s_per_hw_ms * 1000).toFixed(1), '', (brian.synaptic_events_per_wall_s / 1e6).toFixed(1), brian.mean_rate_khz.toFixed(1), '']);
}
console.log(formatTable(['run', `wall ms / hw ms, median (range) of ${REPEATS}`, 'CPU ms / hw ms', 'M syn. events/s', 'mean rate kHz', 'target'], rows));
if (typeof brian === 'string') console.log(`\n(c) Brian2: ${brian}`);
else {
  for (const { threads, m } of analogRuns) {
    console.log(`\nratio (c): Brian2 ${brian.peer} / twin analog on ${threads} thread(s) = ${((brian.wall_s_per_hw_ms * 1000) / perHwMs(m)).toFixed(2)}× (target ≥ 3×)`);
  }
}
