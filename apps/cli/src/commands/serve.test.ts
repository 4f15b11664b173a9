import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AtomicNeuronOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { CapMemCell } from '@bss2/regs';
import { readCurveKeyPair, readCurvePublicKey, RemoteConnection, type TwinServer } from '@bss2/remote';
import { afterAll, describe, expect, it } from 'vitest';
import { keygen } from './keygen.js';
import { startServe } from './serve.js';

const dir = mkdtempSync(join(tmpdir(), 'bss2-serve-'));
const servers: TwinServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  rmSync(dir, { recursive: true, force: true });
});

function readBack(): { program: ReturnType<PlaybackProgramBuilder['done']>; value: () => unknown } {
  const builder = new PlaybackProgramBuilder();
  const cell = CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(1), 'v_leak');
  builder.write(CapMemCell, cell, { value: 222 });
  const ticket = builder.read(CapMemCell, cell);
  return { program: builder.done(), value: () => ticket.get() };
}

describe('bss2 serve', () => {
  it('serves the chips its flags name, with CURVE keys from bss2 keygen', async () => {
    keygen('server', { dir });
    keygen('client', { dir: join(dir, 'clients') });
    const server = await startServe({ bind: 'tcp://127.0.0.1:*', identity: 'lab-a,lab-b', fidelity: 'ideal', curveSecret: join(dir, 'server.key_secret'), authorizedKeys: join(dir, 'clients') });
    servers.push(server);
    const connection = new RemoteConnection(server.endpoint, { chip: 1, timeoutMs: 10_000, serverPublicKey: readCurvePublicKey(join(dir, 'server.key')), clientKeys: readCurveKeyPair(join(dir, 'clients', 'client.key_secret')) });
    const { program, value } = readBack();
    await connection.run(program);
    expect(value()).toEqual({ value: 222 });
    const status = await connection.status();
    expect((status['chips'] as { identity: string }[]).map((c) => c.identity)).toEqual(['lab-a', 'lab-b']);
    await connection.close();
  });

  it('rejects bad flags with invalid-option naming the flag and its range', async () => {
    await expect(startServe({ chips: '0' })).rejects.toMatchObject({ code: 'invalid-option', field: 'chips', range: { min: 1, max: 1024 } });
    await expect(startServe({ fidelity: 'exact' })).rejects.toMatchObject({ code: 'invalid-option', field: 'fidelity' });
    await expect(startServe({ chips: '3', identity: 'a,b' })).rejects.toMatchObject({ code: 'invalid-option', field: 'chips' });
    await expect(startServe({ curveSecret: join(dir, 'server.key_secret') })).rejects.toMatchObject({ code: 'invalid-option', field: 'authorized-keys' });
    await expect(startServe({ bind: 'tcp://0.0.0.0:*' })).rejects.toMatchObject({ code: 'invalid-option', field: 'bind' });
    await expect(startServe({ maxRunMs: '0' })).rejects.toMatchObject({ code: 'invalid-option', field: 'max-run-ms' });
  });

  it('numbers chips after a prefix', async () => {
    const server = await startServe({ bind: 'tcp://127.0.0.1:*', chips: '3', identity: 'rack' });
    servers.push(server);
    expect(server.core.chips.map((c) => c.twin.identity)).toEqual(['rack-0', 'rack-1', 'rack-2']);
  });
});
