import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionPool } from './connection-pool.js';
import { allNeuronsFiringProgram, smallProgram, waitProgram } from './random-program.test-support.js';
import { RemoteConnection } from './remote-connection.js';
import { RemoteError } from './remote-error.js';
import { portOf, startServerProcess, type ServerProcess } from './server-process.test-support.js';

// Issue 7, "Faults": servers in child processes that the test kills (SIGKILL: no goodbye, work lost
// mid-batch), restarts on the same port, or keeps busy with a long program.

const servers: ServerProcess[] = [];
const closables: { close(): Promise<void> }[] = [];
async function start(options: Parameters<typeof startServerProcess>[0]): Promise<ServerProcess> {
  const server = await startServerProcess(options);
  servers.push(server);
  return server;
}
function track<T extends { close(): Promise<void> }>(c: T): T {
  closables.push(c);
  return c;
}

afterAll(async () => {
  await Promise.all(closables.map((c) => c.close()));
  await Promise.all(servers.map((s) => s.kill()));
});

describe('a server killed mid-batch', () => {
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(async () => {
    [a, b] = await Promise.all([start({ chips: 2, prefix: 'a' }), start({ chips: 2, prefix: 'b' })]);
  });

  it('the pool re-dispatches its programs and every result arrives exactly once', async () => {
    const pool = track(new ConnectionPool([a.endpoint, b.endpoint], { timeoutMs: 5_000, retries: 1 }));
    const count = 400;
    const programs = Array.from({ length: count }, (_, i) => smallProgram(i % 1023));
    let settled = 0;
    let killed: Promise<void> | undefined;
    const outcomes = await Promise.all(
      programs.map(({ program, ticket }, i) =>
        pool.run(program).then((result) => {
          settled++;
          if (settled === 60) killed = a.kill();
          // The ticket is read at once: the next run of another program cannot have refilled it.
          return { i, value: ticket.get(), endpoint: result.delivery.endpoint, redispatches: result.delivery.redispatches };
        }),
      ),
    );
    await killed;
    expect(outcomes.map((o) => o.i)).toEqual(programs.map((_, i) => i));
    for (const o of outcomes) expect(o.value).toEqual({ value: o.i % 1023 });
    const onA = outcomes.filter((o) => o.endpoint === a.endpoint).length;
    const onB = outcomes.filter((o) => o.endpoint === b.endpoint).length;
    const redispatched = outcomes.filter((o) => o.redispatches > 0).length;
    console.log(`pool: ${count} programs, ${onA} answered by the killed server before it died, ${onB} by the survivor, ${redispatched} of them re-dispatched`);
    expect(onA).toBeGreaterThan(0);
    // The kill caught programs out on the dying server: they were sent again, and still arrived once.
    expect(redispatched).toBeGreaterThan(0);
    expect(onA).toBeLessThan(count / 2);
    expect(onA + onB).toBe(count);
  });
});

describe('a server restarted under a connected client', () => {
  it('the client reconnects, a run issued while it was down completes, and the restart is reported', async () => {
    const first = await start({ prefix: 'r' });
    const port = portOf(first.endpoint);
    const client = track(new RemoteConnection(first.endpoint, { timeoutMs: 20_000, retries: 1 }));
    const before = await client.run(smallProgram(5).program);
    expect(before.delivery).toMatchObject({ serverInstance: first.instance, serverRestarted: false });
    await first.kill();
    const whileDown = smallProgram(6);
    const pending = client.run(whileDown.program);
    const second = await start({ bind: `tcp://127.0.0.1:${port}`, prefix: 'r' });
    const after = await pending;
    expect(whileDown.ticket.get()).toEqual({ value: 6 });
    expect(after.delivery).toMatchObject({ serverInstance: second.instance, serverRestarted: true });
    const next = await client.run(smallProgram(7).program);
    expect(next.delivery).toMatchObject({ serverInstance: second.instance, serverRestarted: false, attempts: 1 });
  });
});

describe('a busy server', () => {
  it('a client times out against it, others are told busy while its queue is full, and all recover', async () => {
    const server = await start({ prefix: 'busy', queueCapacity: 2 });
    const hog = track(new RemoteConnection(server.endpoint, { timeoutMs: 60_000 }));
    await hog.run(allNeuronsFiringProgram());
    await hog.run(waitProgram(5_000));
    const probe = await hog.run(waitProgram(20_000));
    // Size the long program to ~4 s of simulation on this machine, whatever its speed.
    const cycles = Math.round((20_000 * 4_000) / Math.max(1, probe.timing.wallMs));
    const long = hog.run(waitProgram(Math.min(cycles, 2 ** 31))).then(() => 'done', (e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 100));

    // While the server simulates, nothing is answered: a client with a short timeout gives up.
    const impatient = track(new RemoteConnection(server.endpoint, { timeoutMs: 300, retries: 0 }));
    const gaveUp = await impatient.run(smallProgram(1).program).catch((e: unknown) => e);
    expect(gaveUp).toBeInstanceOf(RemoteError);
    expect(gaveUp).toMatchObject({ code: 'timeout' });

    // Eight programs arrive during the long one; the queue takes two, the rest are told busy and come back.
    const patient = track(new RemoteConnection(server.endpoint, { timeoutMs: 20_000, maxInFlight: 8 }));
    const batch = Array.from({ length: 8 }, (_, i) => smallProgram(10 + i));
    const results = await Promise.all(batch.map(async ({ program, ticket }) => ({ delivery: (await patient.run(program)).delivery, value: ticket.get() })));
    expect(await long).toBe('done');
    results.forEach((r, i) => expect(r.value).toEqual({ value: 10 + i }));
    const busyReplies = results.reduce((n, r) => n + r.delivery.busy, 0);
    console.log(`busy server: ${busyReplies} busy replies to 8 programs against a queue of 2`);
    expect(busyReplies).toBeGreaterThan(0);

    // The client that timed out works again.
    const { program, ticket } = smallProgram(99);
    await impatient.run(program);
    expect(ticket.get()).toEqual({ value: 99 });
  });
});
