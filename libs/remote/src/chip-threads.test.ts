import { TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder, type PlaybackProgram } from '@bss2/playback';
import { CapMemCell } from '@bss2/regs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allNeuronsFiringProgram, busyProgram, smallProgram, waitProgram } from './random-program.test-support.js';
import { RemoteClient } from './remote-client.js';
import { RemoteConnection, type RemoteConnectionOptions } from './remote-connection.js';
import { RemoteError } from './remote-error.js';
import { TwinServer } from './twin-server.js';

// Each hosted chip runs in its own worker thread: the server thread keeps answering status requests and other
// chips while one chip computes, a program past its run-time limit is stopped with `run-timeout` and its chip
// restarts fresh (other chips untouched), and shutdown stops running programs and the workers.

let server: TwinServer;
const connections: { close(): Promise<void> }[] = [];

function connect(options: RemoteConnectionOptions, endpoint = server.endpoint): RemoteConnection {
  const connection = new RemoteConnection(endpoint, { timeoutMs: 60_000, ...options });
  connections.push(connection);
  return connection;
}

/** Reads the v_leak CapMem cell of `neuron`, writing `value` first when given. */
function capMem(neuron: number, value?: number): { program: PlaybackProgram; read: () => unknown } {
  const builder = new PlaybackProgramBuilder();
  const cell = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(neuron), 'v_leak');
  if (value !== undefined) builder.write(CapMemCell, cell, { value });
  const ticket = builder.read(CapMemCell, cell);
  return { program: builder.done(), read: () => ticket.get() };
}

async function until(condition: () => Promise<boolean>): Promise<void> {
  while (!(await condition())) await new Promise((resolve) => setTimeout(resolve, 10));
}

beforeAll(async () => {
  server = await TwinServer.start({
    bind: 'tcp://127.0.0.1:*',
    chips: [
      { identity: 'thread-0', fidelity: 'analog' },
      { identity: 'thread-1', fidelity: 'ideal' },
      { identity: 'thread-2', fidelity: 'ideal' },
    ],
  });
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await server.close({ drainTimeoutMs: 0 });
});

describe('chips in worker threads', () => {
  it('answers a status request and another chip’s program while one chip runs a long program', async () => {
    const long = connect({ chip: 0 });
    const other = connect({ chip: 1 });
    const client = new RemoteClient(server.endpoint, { timeoutMs: 60_000 });
    connections.push(client);
    await Promise.all([long.run(allNeuronsFiringProgram()), other.run(smallProgram(1).program)]);
    const started = performance.now();
    // 0.25 ms of hardware time with all 512 analog neurons firing: one to a few seconds of wall time here.
    const longRun = long.run(waitProgram(30_000)).then(() => performance.now() - started);
    // Running with nothing queued: the long program has reached chip 0's worker.
    await until(async () => {
      const chip = ((await client.status()).reply.content['chips'] as { queued: number; running: boolean }[])[0];
      return chip?.running === true && chip.queued === 0;
    });
    const status = (await client.status()).reply.content;
    const statusMs = performance.now() - started;
    const { program, ticket } = smallProgram(123);
    await other.run(program);
    const otherMs = performance.now() - started;
    const longMs = await longRun;
    console.log(`long program on chip 0: ${longMs.toFixed(0)} ms; answered meanwhile: status at ${statusMs.toFixed(0)} ms, chip 1's program at ${otherMs.toFixed(0)} ms`);
    expect((status['chips'] as { running: boolean }[])[0]?.running).toBe(true);
    expect(ticket.get()).toEqual({ value: 123 });
    expect(statusMs).toBeLessThan(longMs);
    expect(otherMs).toBeLessThan(longMs);
    expect(longMs).toBeGreaterThan(200);
  });

  it('stops a program past its runTimeoutMs with run-timeout, resets only its chip, and serves the next request on a fresh chip', async () => {
    const victim = connect({ chip: 2, runTimeoutMs: 300 });
    const unlimited = connect({ chip: 2 });
    const bystander = connect({ chip: 1 });
    await unlimited.run(capMem(3, 555).program); // state the reset must erase
    await bystander.run(capMem(9, 444).program);
    const started = performance.now();
    const [timedOut, meanwhile] = await Promise.allSettled([victim.run(busyProgram(5_000_000)), bystander.run(smallProgram(77).program)]);
    const elapsedMs = performance.now() - started;
    expect(meanwhile.status).toBe('fulfilled');
    expect(timedOut.status).toBe('rejected');
    const error = (timedOut as PromiseRejectedResult).reason as RemoteError;
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'run-timeout', field: 'content.runTimeoutMs', value: 300 });
    expect(error.message).toMatch(/reset to a fresh chip of identity thread-2/);
    expect(elapsedMs).toBeGreaterThanOrEqual(300);

    // The next request runs on a fresh chip: the cell reads what a fresh in-process chip of the identity reads.
    const fresh = capMem(3);
    const result = await unlimited.run(fresh.program);
    const reference = capMem(3);
    await new TwinConnection({ identity: 'thread-2', fidelity: 'ideal' }).run(reference.program);
    expect(fresh.read()).toEqual(reference.read());
    expect(fresh.read()).not.toEqual({ value: 555 });
    expect(result.delivery.chipResets).toBe(1);

    // The other chip kept its state.
    const kept = capMem(9);
    const bystanderResult = await bystander.run(kept.program);
    expect(kept.read()).toEqual({ value: 444 });
    expect(bystanderResult.delivery.chipResets).toBe(0);
    const chips = (await victim.status())['chips'] as { resets: number }[];
    expect(chips.map((c) => c.resets)).toEqual([0, 0, 1]);
  });
});

describe('server limits and shutdown', () => {
  it('applies its maxRunMs as default and ceiling, and a shutdown out of drain time stops running programs and the workers', async () => {
    const small = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'limit-0', fidelity: 'ideal' }], maxRunMs: 1_000 });
    try {
      const asksMore = connect({ chip: 0, runTimeoutMs: 60_000 }, small.endpoint);
      await expect(asksMore.run(busyProgram(5_000_000))).rejects.toMatchObject({ code: 'run-timeout', value: 1_000, range: { min: 1, max: 1_000 } });
      expect(await asksMore.status()).toMatchObject({ maxRunMs: 1_000 });

      const stopped = asksMore.run(busyProgram(5_000_000)).catch((error: unknown) => error);
      await new Promise((resolve) => setTimeout(resolve, 200));
      const closing = performance.now();
      await small.close({ drainTimeoutMs: 0 });
      expect(performance.now() - closing).toBeLessThan(900);
      expect(await stopped).toMatchObject({ code: 'shutting-down' });
      expect(small.core.chips.map((c) => c.alive)).toEqual([false]);
    } finally {
      await small.close({ drainTimeoutMs: 0 });
    }
  });

  it('refuses chip options its workers cannot build a twin from, with invalid-option', async () => {
    await expect(TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'bad', fidelity: 'exact' as 'ideal' }] })).rejects.toMatchObject({ code: 'invalid-option', field: 'chips' });
  });
});
