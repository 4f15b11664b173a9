import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallProgram } from './random-program.test-support.js';
import { RemoteConnection } from './remote-connection.js';
import { startServerProcess, type ServerProcess } from './server-process.test-support.js';

// Issue 7, "Load: 8 concurrent clients × 200 programs each all complete, none lost or duplicated, and no client
// is starved". All clients share one chip of a server in another process, so the fair scheduler alone decides
// who goes next; each client's programs all go out at once.

const CLIENTS = 8;
const PROGRAMS = 200;

let server: ServerProcess;
const clients: RemoteConnection[] = [];

beforeAll(async () => {
  server = await startServerProcess({ prefix: 'load' });
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.close()));
  await server.kill();
});

describe('load', () => {
  it(`${CLIENTS} clients × ${PROGRAMS} programs on one chip: all complete once, none starved`, async () => {
    for (let c = 0; c < CLIENTS; c++) clients.push(new RemoteConnection(server.endpoint, { timeoutMs: 60_000 }));
    // Warm the server up, so the first client does not pay for compilation alone.
    await clients[0]?.run(smallProgram(0).program);
    const started = performance.now();
    const perClient = await Promise.all(
      clients.map(async (client, c) => {
        const values = await Promise.all(
          Array.from({ length: PROGRAMS }, async (_, i) => {
            const value = (c * PROGRAMS + i) % 1023;
            const { program, ticket } = smallProgram(value);
            await client.run(program);
            return { expected: value, got: (ticket.get() as { value: number }).value };
          }),
        );
        return { values, finishedMs: performance.now() - started };
      }),
    );
    const totalMs = performance.now() - started;
    for (const { values } of perClient) for (const { expected, got } of values) expect(got).toBe(expected);
    const finished = perClient.map((p) => p.finishedMs);
    const spreadMs = Math.max(...finished) - Math.min(...finished);
    console.log(
      `load: ${CLIENTS * PROGRAMS} programs in ${totalMs.toFixed(0)} ms (${((CLIENTS * PROGRAMS * 1000) / totalMs).toFixed(0)} programs/s); ` +
        `client completion ${Math.min(...finished).toFixed(0)}–${Math.max(...finished).toFixed(0)} ms, spread ${spreadMs.toFixed(0)} ms = ${((100 * spreadMs) / totalMs).toFixed(1)} % of the run`,
    );
    // Round robin per session: every client finishes within the last quarter of the run.
    expect(spreadMs).toBeLessThan(0.25 * totalMs);
    const status = await (clients[0] as RemoteConnection).status();
    // Nothing executed twice: exactly the warm-up plus every program.
    expect((status['chips'] as { executed: number }[])[0]?.executed).toBe(CLIENTS * PROGRAMS + 1);
  });
});
