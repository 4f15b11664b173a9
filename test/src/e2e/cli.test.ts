import { spawnSync } from 'node:child_process';
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

  it('demo prints the decoded program and its run', () => {
    const result = bss2(['demo']);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Demo playback program: \d+ link messages/);
    expect(result.stdout).toContain('inject spikes 0x0005');
    expect(result.stdout).toContain('Ran on zero-mock');
  });
});
