import { TwinConnection, type ChipTwinOptions } from '@bss2/chip';
import type { Connection, RunResult } from '@bss2/playback';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildProgram, programCaseArbitrary } from './random-program.test-support.js';
import { RemoteConnection } from './remote-connection.js';
import { TwinServer } from './twin-server.js';

// Issue 7, "the same program on the same chip identity gives bit-identical results in-process and remote":
// one random program sequence runs on an in-process TwinConnection and on a server chip of the same identity;
// every result (spikes, MADC samples, notifications, FPGA cycles, every ticket's words) and every error must
// be the same. The chips keep their state between programs, so the whole sequence must agree.

interface Outcome {
  readonly result?: Omit<RunResult, 'timing'> & { executionCycles: number };
  readonly tickets?: (Uint32Array | undefined)[];
  readonly error?: { name: string; code: unknown; message: string };
}

async function outcome(connection: Connection, c: Parameters<typeof buildProgram>[0]): Promise<Outcome> {
  const { program, tickets } = buildProgram(c);
  try {
    const { spikes, madcSamples, timeoutNotifications, highspeedLinkNotifications, timing } = await connection.run(program);
    return { result: { spikes, madcSamples, timeoutNotifications, highspeedLinkNotifications, executionCycles: timing.executionCycles }, tickets: tickets.map((t) => t.getWords()) };
  } catch (error) {
    const e = error as Error & { code?: unknown };
    return { error: { name: e.name, code: e.code, message: e.message } };
  }
}

let server: TwinServer;
/** The same, with the chip on the server's thread (`inlineChips`) instead of a worker. */
let inlineServer: TwinServer;
beforeAll(async () => {
  server = await TwinServer.start({
    bind: 'tcp://127.0.0.1:*',
    chips: [
      { identity: 'same-ideal', fidelity: 'ideal' },
      { identity: 'same-analog', fidelity: 'analog' },
    ],
  });
  inlineServer = await TwinServer.start({ bind: 'tcp://127.0.0.1:*', chips: [{ identity: 'same-ideal', fidelity: 'ideal' }], inlineChips: true });
});
afterAll(() => Promise.all([server.close(), inlineServer.close()]));

// Each case simulates its program twice (in-process and on the server), ~0.1–0.3 s on this machine, so the
// default FC_NUM_RUNS of 100 gives 25 ideal and 10 analog sequences; raise FC_NUM_RUNS to search harder.
const runs = Number(process.env['FC_NUM_RUNS'] ?? 100);
const cases: readonly { fidelity: ChipTwinOptions['fidelity']; chip: number; inline: boolean; numRuns: number }[] = [
  { fidelity: 'ideal', chip: 0, inline: false, numRuns: Math.max(1, Math.round(runs / 4)) },
  { fidelity: 'analog', chip: 1, inline: false, numRuns: Math.max(1, Math.round(runs / 10)) },
  { fidelity: 'ideal', chip: 0, inline: true, numRuns: Math.max(1, Math.round(runs / 10)) },
];

describe('remote results are bit-identical to in-process ones', () => {
  it.each(cases)('$fidelity fidelity, chip inline: $inline', async ({ fidelity, chip, inline, numRuns }) => {
    const local = new TwinConnection({ identity: `same-${fidelity}`, fidelity });
    const remote = new RemoteConnection((inline ? inlineServer : server).endpoint, { chip, timeoutMs: 30_000 });
    let withSpikes = 0;
    let withSamples = 0;
    await fc.assert(
      fc.asyncProperty(programCaseArbitrary, async (c) => {
        const expected = await outcome(local, c);
        const actual = await outcome(remote, c);
        expect(actual).toEqual(expected);
        if ((expected.result?.spikes.length ?? 0) > 0) withSpikes++;
        if ((expected.result?.madcSamples.length ?? 0) > 0) withSamples++;
      }),
      { numRuns },
    );
    await remote.close();
    await local.close();
    // The comparison covered results with events, not only read words.
    expect(withSpikes).toBeGreaterThan(0);
    expect(withSamples).toBeGreaterThan(0);
  });
});
