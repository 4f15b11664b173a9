import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runProgramFile } from './run.js';

const example = join(import.meta.dirname, '../../../../docs/examples/lif-offset-current.json');

describe('bss2 run', () => {
  it('runs the documented example: the neuron fires regularly, the MADC trace and raster are plotted', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bss2-run-'));
    const plot = join(dir, 'out.svg');
    const lines: string[] = [];
    const result = await runProgramFile(example, { json: false, plot }, (l) => lines.push(l));
    const text = lines.join('\n');
    expect(text).toMatch(/on twin:chip-A \(ideal\)/);
    expect(result.madcSamples.length).toBe(1500);
    // The backend's enNeuronMaster defaults to on, so the counter counts what the crossbar recorded.
    const count = Number(/read SpikeCounterRead\[0\] \(step 11\) = \{"count":(\d+)/.exec(text)?.[1]);
    expect(count).toBeGreaterThan(2);
    expect(result.spikes.length).toBe(count);
    expect(result.spikes.every((s) => s.label === 3)).toBe(true);
    const svg = await readFile(plot, 'utf8');
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg).toContain('membrane (MADC, 1500 samples)');
    expect(svg).toContain(`spikes recorded by the FPGA (${count})`);
    expect(svg).toMatch(/<path[^>]+d="M/);
  });

  it('prints JSON and names the step of a mistake', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bss2-run-'));
    const lines: string[] = [];
    await runProgramFile(example, { json: true }, (l) => lines.push(l));
    const parsed = JSON.parse(lines.join('\n')) as { reads: { container: string }[]; madcSamples: unknown[] };
    expect(parsed.reads[0]?.container).toBe('SpikeCounterRead');
    expect(parsed.madcSamples.length).toBe(1500);

    const bad = join(dir, 'bad.json');
    await writeFile(bad, JSON.stringify({ steps: [{ timerReset: true }, { write: 'NeuronConfig', coord: 0, value: { memCapSize: 64 } }] }));
    await expect(runProgramFile(bad, { json: false }, () => undefined)).rejects.toMatchObject({
      code: 'invalid-program-json',
      message: expect.stringMatching(/^step 1: .*memCapSize.*0\.\.63/),
    });
    await writeFile(bad, JSON.stringify({ steps: [{ read: 'NoSuchThing', coord: 0 }] }));
    await expect(runProgramFile(bad, { json: false }, () => undefined)).rejects.toThrow(/step 0: unknown container "NoSuchThing"/);
    await writeFile(bad, '{"steps": [');
    await expect(runProgramFile(bad, { json: false }, () => undefined)).rejects.toThrow(/not valid JSON/);
  });
});
