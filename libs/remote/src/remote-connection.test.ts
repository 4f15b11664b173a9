import { ChipError, TwinConnection } from '@bss2/chip';
import { AtomicNeuronOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { ToFpgaWriter } from '@bss2/link';
import { PlaybackProgram, PlaybackProgramBuilder } from '@bss2/playback';
import { CapMemCell } from '@bss2/regs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RemoteConnection } from './remote-connection.js';
import { RemoteError } from './remote-error.js';
import { TwinServer } from './twin-server.js';

// RemoteConnection against a server in this process on a free loopback port.

let server: TwinServer;
const connections: RemoteConnection[] = [];
const connect = (options: ConstructorParameters<typeof RemoteConnection>[1] = {}): RemoteConnection => {
  const c = new RemoteConnection(server.endpoint, { timeoutMs: 5_000, ...options });
  connections.push(c);
  return c;
};

beforeAll(async () => {
  server = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'rc-0', fidelity: 'ideal' }, { identity: 'rc-1', fidelity: 'ideal' }] });
});

afterAll(async () => {
  await Promise.all(connections.map((c) => c.close()));
  await server.close();
});

function writeRead(value: number): { program: PlaybackProgram; read: () => unknown } {
  const builder = new PlaybackProgramBuilder();
  const cell = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(7), 'v_leak');
  builder.write(CapMemCell, cell, { value });
  const ticket = builder.read(CapMemCell, cell);
  return { program: builder.done(), read: () => ticket.get() };
}

describe('RemoteConnection', () => {
  it('runs a program and fills its tickets, like the in-process connection', async () => {
    const remote = connect();
    const local = new TwinConnection({ identity: 'rc-0', fidelity: 'ideal' });
    const { program, read } = writeRead(417);
    const remoteResult = await remote.run(program);
    const remoteValue = read();
    const localResult = await local.run(program);
    expect(remoteValue).toEqual({ value: 417 });
    expect(read()).toEqual(remoteValue);
    expect(remoteResult.timing.executionCycles).toBe(localResult.timing.executionCycles);
    expect(remoteResult.delivery).toMatchObject({ attempts: 1, replayed: false, serverInstance: server.instance, serverRestarted: false });
    expect(remote.description).toBe(`${'remote:'}${server.endpoint}#0`);
  });

  it('keeps chip state between programs, per chip', async () => {
    const chip0 = connect({ chip: 0 });
    const chip1 = connect({ chip: 1 });
    await chip0.run(writeRead(100).program);
    const builder = new PlaybackProgramBuilder();
    const ticket = builder.read(CapMemCell, CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(7), 'v_leak'));
    const readOnly = builder.done();
    await chip0.run(readOnly);
    expect(ticket.get()).toEqual({ value: 100 });
    await chip1.run(readOnly);
    expect(ticket.get()).not.toEqual({ value: 100 });
  });

  it('raises the same ChipError as in-process for a program that fails on the chip', async () => {
    // One omnibus read of an address no register lives at: the chip rejects it (unknown-address).
    const bad = new PlaybackProgram(new ToFpgaWriter().omnibusRead(0x0f00_0000).finish(), []);
    const local = new TwinConnection({ identity: 'x', fidelity: 'ideal' });
    const localError = await local.run(bad).catch((e: unknown) => e);
    const remoteError = await connect().run(bad).catch((e: unknown) => e);
    expect(localError).toBeInstanceOf(ChipError);
    expect((remoteError as Error).constructor).toBe((localError as Error).constructor);
    expect(remoteError).toMatchObject({ code: 'unknown-address', message: (localError as Error).message, details: (localError as ChipError).details });
  });

  it('rejects a chip the server does not have with unknown-chip, naming the range', async () => {
    const error = await connect({ chip: 5 }).run(writeRead(1).program).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RemoteError);
    expect(error).toMatchObject({ code: 'unknown-chip', value: 5, range: { min: 0, max: 1 } });
  });

  it('reports status: chips with identities, queues, uptime, version', async () => {
    const status = await connect().status();
    expect(status).toMatchObject({ status: 'ok', protocol: 'BSS2TWIN/1', version: 1, state: 'serving', instance: server.instance });
    expect(status['chips']).toEqual([
      expect.objectContaining({ index: 0, identity: 'rc-0', fidelity: 'ideal', queued: 0 }),
      expect.objectContaining({ index: 1, identity: 'rc-1', fidelity: 'ideal', queued: 0 }),
    ]);
    expect(status['uptimeMs']).toBeGreaterThanOrEqual(0);
  });

  it('rejects bad options with invalid-option', () => {
    expect(() => new RemoteConnection('tcp://127.0.0.1:1', { timeoutMs: 0 })).toThrow(expect.objectContaining({ code: 'invalid-option', range: { min: 1, max: 3_600_000 } }));
    expect(() => new RemoteConnection('tcp://127.0.0.1:1', { chip: -1 })).toThrow(RemoteError);
  });
});
