import { TwinConnection } from '@bss2/chip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smallProgram } from './random-program.test-support.js';
import { RemoteConnection } from './remote-connection.js';
import { ServerCore } from './server-core.js';
import { TwinServer } from './twin-server.js';

// `inlineChips`: every chip on the server's thread. It must serve exactly what a worker-hosted chip serves
// (bit-identical.prop.test.ts compares random programs), report itself in the status, and refuse the
// run-time limits it cannot keep instead of ignoring them.

let server: TwinServer;
const connections: RemoteConnection[] = [];

beforeAll(async () => {
  server = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'inline-0', fidelity: 'ideal' }, { identity: 'inline-1', fidelity: 'analog' }], inlineChips: true });
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await server.close({ drainTimeoutMs: 0 });
});

function connect(options: ConstructorParameters<typeof RemoteConnection>[1]): RemoteConnection {
  const connection = new RemoteConnection(server.endpoint, { timeoutMs: 60_000, ...options });
  connections.push(connection);
  return connection;
}

describe('chips on the server thread (inlineChips)', () => {
  it('runs programs with the results of an in-process chip and keeps chip state between them', async () => {
    const remote = connect({ chip: 1 });
    const local = new TwinConnection({ identity: 'inline-1', fidelity: 'analog' });
    for (const value of [17, 600, 1022]) {
      const there = smallProgram(value);
      const here = smallProgram(value);
      const result = await remote.run(there.program);
      await local.run(here.program);
      expect(there.ticket.get()).toEqual(here.ticket.get());
      expect(result.delivery.chipResets).toBe(0);
    }
    const chips = (await remote.status())['chips'] as { executed: number; running: boolean }[];
    expect(chips[1]).toMatchObject({ executed: 3, running: false });
  });

  it('reports chipThreads false and no run-time limit in its status', async () => {
    expect(await connect({ chip: 0 }).status()).toMatchObject({ chipThreads: false, maxRunMs: 0 });
  });

  it('refuses a request with a run-time limit, naming the field, and serves the next one', async () => {
    const limited = connect({ chip: 0, runTimeoutMs: 5_000 });
    await expect(limited.run(smallProgram(5).program)).rejects.toMatchObject({ code: 'invalid-field', field: 'content.runTimeoutMs', value: 5_000 });
    const next = smallProgram(6);
    await connect({ chip: 0 }).run(next.program);
    expect(next.ticket.get()).toEqual({ value: 6 });
  });

  it('refuses a run-time limit for the server and chip options it cannot build, with invalid-option', async () => {
    expect(() => new ServerCore([{ identity: 'x', fidelity: 'ideal' }], () => undefined, { inlineChips: true, maxRunMs: 1_000 })).toThrow(expect.objectContaining({ code: 'invalid-option', field: 'maxRunMs', value: 1_000 }));
    await expect(TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'bad', fidelity: 'exact' as 'ideal' }], inlineChips: true })).rejects.toMatchObject({ code: 'invalid-option', field: 'chips' });
  });
});
