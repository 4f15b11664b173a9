import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The built `bss2` binary, run as a user runs it (the test target depends on every project's build).
const main = new URL('../../../apps/cli/dist/main.js', import.meta.url).pathname;

function bss2(args: string[], input = ''): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [main, ...args], { input, encoding: 'utf8' });
  return { status, stdout, stderr };
}

describe('bss2 (built binary)', () => {
  it('link encode | link decode reproduces the messages', () => {
    const messages = '{"type":"timing.setup"}\n{"type":"timing.waitUntil","cycles":125}\n{"type":"event.spikePack2","label0":4660,"label1":43981}';
    const encoded = bss2(['link', 'encode'], messages);
    expect(encoded.status).toBe(0);
    expect(encoded.stdout).toBe('0400000000000000\n050000000000007d\n0e0000001234abcd\n');
    const decoded = bss2(['link', 'decode'], encoded.stdout);
    expect(decoded.stdout.trim()).toBe(messages);
  });

  it('reports malformed input as one typed line with the byte offset and exit status 1', () => {
    const result = bss2(['link', 'decode'], '0400000000000000 7f00000000000000');
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('error [unknown-header]: to-FPGA: unknown header index 127 at byte 8\n');
    const outOfRange = bss2(['link', 'decode'], '0300020000000000');
    expect(outOfRange.status).toBe(1);
    expect(outOfRange.stderr).toBe('error [out-of-range]: jtag.data.numBits = 2 is out of range 3..33 (at byte 0)\n');
  });

  it('demo runs on the analog twin, prints the run and plots it', () => {
    const plot = join(mkdtempSync(join(tmpdir(), 'bss2-demo-')), 'demo.svg');
    const result = bss2(['demo', '--plot', plot]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Demo playback program: \d+ link messages/);
    expect(result.stdout).toContain('inject spikes 0x0005');
    expect(result.stdout).toContain('Ran on twin:demo-chip (analog)');
    expect(result.stdout).toMatch(/MADC: 625 samples of neuron 0/);
    expect(readFileSync(plot, 'utf8')).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('run executes a JSON experiment and reports a bad one with its step', () => {
    const example = new URL('../../../docs/examples/lif-offset-current.json', import.meta.url).pathname;
    const ok = bss2(['run', example]);
    expect(ok.status).toBe(0);
    expect(ok.stdout).toMatch(/read SpikeCounterRead\[0\] \(step 11\) = \{"count":\d+/);
    const bad = join(mkdtempSync(join(tmpdir(), 'bss2-run-')), 'bad.json');
    writeFileSync(bad, JSON.stringify({ steps: [{ waitUntilUs: 'soon' }] }));
    const failed = bss2(['run', bad]);
    expect(failed.status).toBe(1);
    expect(failed.stderr).toBe('error [invalid-program-json]: step 0: "waitUntilUs" must be a number, got "soon"\n');
  });
});
