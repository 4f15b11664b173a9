import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ChipTwin, FpgaExecutor } from '@bss2/chip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, busyProgram } from './random-program.test-support.js';
import { TwinServer } from './twin-server.js';

// Issue 7: docs/remote.md is precise enough to write a client in another language from it alone. The
// Python client (clients/python, Debian's python3-zmq and python3-msgpack under /usr/bin/python3) runs a
// program against the server; its response bytes must equal those of an in-process chip of the same identity.

const python = '/usr/bin/python3';
const client = new URL('../clients/python/bss2_twin_client.py', import.meta.url).pathname;
const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), 'bss2-python-'));
let server: TwinServer;

beforeAll(async () => {
  server = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'py-0', fidelity: 'ideal' }, { identity: 'py-1', fidelity: 'ideal' }] });
});

afterAll(async () => {
  await server.close();
  rmSync(dir, { recursive: true, force: true });
});

async function python3(...args: string[]): Promise<{ code: number; stdout: string }> {
  try {
    const { stdout } = await run(python, [client, ...args], { timeout: 30_000 });
    return { code: 0, stdout };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (e.code === 2) return { code: 2, stdout: e.stdout ?? '' };
    throw new Error(`${python} ${client} failed (${String(e.code)}): ${e.stderr ?? ''} — CI needs the Debian packages python3-zmq and python3-msgpack`);
  }
}

describe('a Python client written from docs/remote.md', () => {
  it('runs a program with spikes, samples and reads, and gets the bytes an in-process chip returns', async () => {
    const { program, tickets } = buildProgram({
      reset: false,
      firingNeuron: 12,
      steps: [
        { kind: 'read', type: 0, instance: 3 },
        { kind: 'spikes', labels: [1, 2, 3], times: [10, 20, 30] },
        { kind: 'wait', cycles: 500 },
      ],
    });
    writeFileSync(join(dir, 'program.bin'), program.toFpga);
    const { code, stdout } = await python3(server.endpoint, 'run', '1', join(dir, 'program.bin'), join(dir, 'response.bin'));
    expect(code).toBe(0);
    const reply = JSON.parse(stdout) as { content: { status: string; executionCycles: number; chip: number } };
    const fromPython = readFileSync(join(dir, 'response.bin'));
    const inProcess = new FpgaExecutor(new ChipTwin({ identity: 'py-1', fidelity: 'ideal' })).execute(program.toFpga);
    expect(reply.content).toMatchObject({ status: 'ok', chip: 1, executionCycles: inProcess.executionCycles });
    expect(Buffer.compare(fromPython, Buffer.from(inProcess.fromFpga))).toBe(0);
    const result = program.decodeResponse(fromPython, { executionCycles: reply.content.executionCycles, wallMs: 0 });
    expect(result.spikes.length).toBeGreaterThan(0);
    expect(result.madcSamples.length).toBeGreaterThan(0);
    expect(tickets[0]?.valid).toBe(true);
  });

  it('gets a typed error for a malformed program, and the status with chip identities', async () => {
    writeFileSync(join(dir, 'bad.bin'), Uint8Array.from([0x7f, 0, 0, 0, 0, 0, 0, 0]));
    const bad = await python3(server.endpoint, 'run', '0', join(dir, 'bad.bin'), join(dir, 'unused.bin'));
    expect(bad.code).toBe(2);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ename: 'link/unknown-header', details: { offset: 0, value: 127, range: { min: 0, max: 15 } } });
    const status = await python3(server.endpoint, 'status');
    expect(JSON.parse(status.stdout)).toMatchObject({ protocol: 'BSS2TWIN/1', chips: [{ identity: 'py-0' }, { identity: 'py-1' }] });
  });

  it('asks for a run-time limit and gets run-timeout when the program outlives it', async () => {
    writeFileSync(join(dir, 'busy.bin'), busyProgram(5_000_000).toFpga);
    const stopped = await python3(server.endpoint, 'run', '0', join(dir, 'busy.bin'), join(dir, 'unused.bin'), '300');
    expect(stopped.code).toBe(2);
    expect(JSON.parse(stopped.stdout)).toMatchObject({ ename: 'run-timeout', details: { field: 'content.runTimeoutMs', value: 300 } });
  });
});
