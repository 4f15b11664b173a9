/**
 * `npm run bench:remote`: what the twin server costs on top of the twin (issue 7), measured in one run beside
 * its peers:
 * (i) the same small program (one CapMem write and its read-back) on an in-process `TwinConnection` and on a
 *     `RemoteConnection` to a server in another process on loopback, sequentially: the median round-trip
 *     overhead is remote − in-process (target ≤ 1 ms); once with the chip in its worker thread (the default),
 *     once on a server with `--inline-chips` (the chip on the server's thread);
 * (ii) the server without the chip: a status request's round trip (ZeroMQ, envelope encoding and
 *     validation on both ends), the floor every request pays; and the chip without ZeroMQ: the same program
 *     through a chip's worker thread (`ChipThread`, as the server runs it), the hop every run pays on top;
 * (iii) programs/s with 1, 4 and 8 concurrent clients, each with its own connection, chip and worker thread and
 *     16 programs in flight.
 * Environment: BENCH_REMOTE_RUNS (sequential runs, default 500), BENCH_REMOTE_PROGRAMS (programs per client
 * in (iii), default 400).
 */
import { fork, type ChildProcess } from 'node:child_process';
import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection, type PlaybackProgram } from '@bss2/playback';
import { CapMemCell } from '@bss2/regs';
import { ChipThread, RemoteClient, RemoteConnection, TwinServer } from '@bss2/remote';
import { formatTable } from './measure.js';

const RUNS = Number(process.env['BENCH_REMOTE_RUNS'] ?? 500);
const PROGRAMS = Number(process.env['BENCH_REMOTE_PROGRAMS'] ?? 400);
const CHIPS = 8;
const ROUNDS = 5;

function smallProgram(value: number): PlaybackProgram {
  const builder = new PlaybackProgramBuilder();
  const cell = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(value % 512), 'v_leak');
  builder.write(CapMemCell, cell, { value: value % 1023 });
  builder.read(CapMemCell, cell);
  return builder.done();
}

/** The child: a twin server with CHIPS chips on a free loopback port (inline: on the server's thread). */
async function serve(inlineChips: boolean): Promise<void> {
  const chips = Array.from({ length: CHIPS }, (_, i) => ({ identity: `bench-${i}`, fidelity: 'ideal' as const }));
  const server = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips, inlineChips });
  process.send?.(server.endpoint);
  process.on('disconnect', () => void server.close({ drainTimeoutMs: 0 }).then(() => process.exit(0)));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

async function sequentialMs(connection: Connection, runs: number): Promise<number[]> {
  const programs = Array.from({ length: runs }, (_, i) => smallProgram(i));
  for (const program of programs.slice(0, 50)) await connection.run(program); // warm-up
  const times: number[] = [];
  for (const program of programs) {
    const start = performance.now();
    await connection.run(program);
    times.push(performance.now() - start);
  }
  return times;
}

/** The worker hop alone: the program's bytes to a chip's worker thread and the result back, in this process. */
async function workerHopMs(): Promise<number[]> {
  const thread = ChipThread.spawn({ identity: 'bench-0', fidelity: 'ideal' }, 'bench worker');
  await thread.ready;
  const times: number[] = [];
  try {
    for (let i = 0; i < RUNS + 50; i++) {
      const bytes = smallProgram(i).toFpga.slice();
      const start = performance.now();
      const outcome = await thread.run(bytes, 60_000);
      if (outcome.kind !== 'done') throw new Error(`the bench worker's run ended ${outcome.kind}`);
      if (i >= 50) times.push(performance.now() - start);
    }
  } finally {
    await thread.terminate();
  }
  return times;
}

async function statusMs(endpoint: string): Promise<number[]> {
  const client = new RemoteClient(endpoint, { timeoutMs: 60_000 });
  const times: number[] = [];
  for (let i = 0; i < RUNS + 50; i++) {
    const start = performance.now();
    await client.status();
    if (i >= 50) times.push(performance.now() - start);
  }
  await client.close();
  return times;
}

async function throughput(endpoint: string, clients: number): Promise<number> {
  const connections = Array.from({ length: clients }, (_, c) => new RemoteConnection(endpoint, { chip: c % CHIPS, timeoutMs: 120_000 }));
  await Promise.all(connections.map((c) => c.run(smallProgram(1))));
  const start = performance.now();
  await Promise.all(connections.map((c, k) => Promise.all(Array.from({ length: PROGRAMS }, (_, i) => c.run(smallProgram(k * PROGRAMS + i))))));
  const seconds = (performance.now() - start) / 1000;
  await Promise.all(connections.map((c) => c.close()));
  return (clients * PROGRAMS) / seconds;
}

/** A server process; resolves with its endpoint. */
async function startServer(inlineChips: boolean): Promise<{ endpoint: string; child: ChildProcess }> {
  const child = fork(new URL(import.meta.url).pathname, inlineChips ? ['--serve', '--inline-chips'] : ['--serve'], { stdio: 'inherit' });
  const endpoint = await new Promise<string>((resolve) => child.once('message', (m) => resolve(m as string)));
  return { endpoint, child };
}

/**
 * The sequential runs of the in-process chip and of both servers, in alternating rounds of RUNS / ROUNDS, so
 * that a change in the machine's load hits all three alike.
 */
async function roundTripsMs(endpoints: readonly string[]): Promise<number[][]> {
  const connections: Connection[] = [new TwinConnection({ identity: 'bench-0', fidelity: 'ideal' }), ...endpoints.map((e) => new RemoteConnection(e, { chip: 0, timeoutMs: 60_000 }))];
  const times = connections.map((): number[] => []);
  try {
    for (let round = 0; round < ROUNDS; round++) {
      for (const [k, connection] of connections.entries()) (times[k] as number[]).push(...(await sequentialMs(connection, Math.ceil(RUNS / ROUNDS))));
    }
  } finally {
    await Promise.all(connections.map((c) => c.close()));
  }
  return times;
}

async function main(): Promise<void> {
  const { endpoint, child } = await startServer(false);
  const inlineServer = await startServer(true);
  try {
    const [local, remote, inline] = (await roundTripsMs([endpoint, inlineServer.endpoint])) as [number[], number[], number[]];
    const status = await statusMs(endpoint);
    const hop = await workerHopMs();
    const rows = [
      ['in-process TwinConnection (peer)', median(local).toFixed(3), '—'],
      ['RemoteConnection, loopback (chip in a worker thread)', median(remote).toFixed(3), (median(remote) - median(local)).toFixed(3)],
      ['RemoteConnection, loopback, --inline-chips', median(inline).toFixed(3), (median(inline) - median(local)).toFixed(3)],
      ['status request: transport + envelopes, no chip', median(status).toFixed(3), '—'],
      ["chip worker thread alone: program in, result out", median(hop).toFixed(3), (median(hop) - median(local)).toFixed(3)],
    ];
    console.log(`small program: ${smallProgram(0).toFpga.length} bytes to the FPGA; ${RUNS} sequential runs each, in ${ROUNDS} alternating rounds, medians\n`);
    console.log(formatTable(['path', 'median ms', 'overhead ms'], rows));
    const rates: string[][] = [];
    for (const clients of [1, 4, 8]) rates.push([String(clients), (await throughput(endpoint, clients)).toFixed(0)]);
    console.log(`\nthroughput: ${PROGRAMS} programs per client, 16 in flight each, server with ${CHIPS} chips (one worker thread each) in one process\n`);
    console.log(formatTable(['clients', 'programs/s'], rates));
    console.log(`\nin-process ceiling: ${(1000 / median(local)).toFixed(0)} programs/s on one core`);
  } finally {
    child.disconnect();
    inlineServer.child.disconnect();
  }
}

if (process.argv.includes('--serve')) await serve(process.argv.includes('--inline-chips'));
else await main();
