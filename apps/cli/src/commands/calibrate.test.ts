import { loadResult } from '@bss2/calib';
import { Command } from 'commander';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { reportError } from '../report-error.js';
import { registerCalibrateCommand } from './calibrate.js';

// `bss2 calibrate` in-process through its argument parser, at `ideal` fidelity with the CapMem settle wait
// shortened (ideal CapMem outputs take their value at the write, reference §10.3), so a full calibration of 512
// neurons takes seconds. The calibration's accuracy is the library's to test (libs/calib); here: the files, the
// table, the plots, the cache and the refusals.

const STEPS = ['CADC', 'τ_syn exc', 'τ_syn inh', 'synaptic strength exc', 'synaptic strength inh', 'leak', 'threshold', 'τ_mem', 'reset', 'leak again'];

interface Run {
  readonly stdout: string;
  readonly stderr: string;
}

async function bss2Calibrate(args: readonly string[]): Promise<Run> {
  const lines: string[] = [];
  const progress = new PassThrough();
  let stderr = '';
  progress.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  const program = new Command().exitOverride();
  registerCalibrateCommand(program, { out: (line) => lines.push(line), progress });
  await program.parseAsync(['calibrate', ...args], { from: 'user' });
  return { stdout: lines.join('\n'), stderr };
}

/** The exit code and the one-line message main.ts would give for the error `args` cause. */
async function failure(args: readonly string[]): Promise<{ code: number; message: string }> {
  const write = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const error = await bss2Calibrate(args).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeDefined();
    const code = reportError(error);
    return { code, message: write.mock.calls.map(([text]) => String(text)).join('') };
  } finally {
    write.mockRestore();
  }
}

/** Well-formed XML: every `<` opens a tag or a comment, tags nest and close, one root, entities are XML's. */
function expectWellFormedXml(text: string, root: string): void {
  const body = text.replace(/<!--[\s\S]*?-->/g, '');
  const tags = [...body.matchAll(/<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+\s*=\s*(?:"[^"<]*"|'[^'<]*'))*)\s*(\/?)>/g)];
  expect(tags.length).toBe((body.match(/</g) ?? []).length);
  const stack: string[] = [];
  tags.forEach(([, closing, name, , selfClosing], i) => {
    if (closing === '/') expect(stack.pop()).toBe(name);
    else if (selfClosing !== '/') stack.push(name as string);
    // The root closes last and nothing follows it.
    if (stack.length === 0) expect(i).toBe(tags.length - 1);
  });
  expect(stack).toEqual([]);
  expect(tags[0]?.[2]).toBe(root);
  expect(body.match(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g)).toBeNull();
}

/** The table row of a step: its cells, without the borders. */
function tableRow(stdout: string, label: string): string[] {
  const line = stdout.split('\n').find((l) => l.startsWith(`│ ${label} `));
  expect(line, `table row ${label}`).toBeDefined();
  return (line as string).split('│').slice(1, -1).map((cell) => cell.trim());
}

describe('bss2 calibrate', () => {
  let dir: string;
  let targets: string;
  let common: string[];
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'bss2-calibrate-'));
    targets = join(dir, 'targets.json');
    await writeFile(targets, JSON.stringify({ leak: 90, threshold: 140, tauMemUs: 12 }));
    common = ['--fidelity', 'ideal', '--settle-us', '50', '--chip', 'cli-chip', '--targets', targets, '--cache-dir', join(dir, 'cache')];
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('calibrates, writes a result that loads, a table of every step and a histogram per step', async () => {
    const out = join(dir, 'calib.json');
    const { stdout, stderr } = await bss2Calibrate([...common, '--out', out]);

    const result = loadResult(out, { chipIdentity: 'cli-chip' });
    expect(result.targets).toMatchObject({ leak: 90, threshold: 140, tauMemUs: 12 });
    expect(result.neuronCapMem.v_leak).toHaveLength(512);

    // Progress: plain lines on a non-terminal, every step started and done, in order.
    expect([...stderr.matchAll(/^calibrate (\d+)\/10: (.+) …$/gm)].map((m) => m[2])).toEqual(STEPS);
    expect([...stderr.matchAll(/^calibrate \d+\/10: (.+) done after [\d.]+ s$/gm)].map((m) => m[1])).toEqual(STEPS);

    // The table: a row per calibrated quantity (leak again refines the leak row), with the result's spreads.
    expect(stdout).toMatch(/^calibrated the 512 neurons of twin:cli-chip \(ideal\) in [\d.]+ s$/m);
    for (const label of STEPS.slice(0, -1)) {
      const [, parameter, target, unit, before, after, outOfTolerance] = tableRow(stdout, label);
      const achieved = result.achieved[parameter as string];
      expect(achieved, parameter).toBeDefined();
      expect(before).toBe(`${achieved!.before.mean.toFixed(2)} ± ${achieved!.before.std.toFixed(2)}`);
      expect(after).toBe(`${achieved!.after.mean.toFixed(2)} ± ${achieved!.after.std.toFixed(2)}`);
      expect(Number(outOfTolerance)).toBe(new Set(result.failures.filter((f) => f.parameter === parameter).map((f) => f.instance)).size);
      expect(unit).toMatch(/^(CADC LSB|µs)$/);
      expect(Number.isFinite(Number(target))).toBe(true);
    }
    expect(tableRow(stdout, 'leak').slice(1, 4)).toEqual(['leak', '90.00', 'CADC LSB']);
    expect(tableRow(stdout, 'τ_mem').slice(1, 4)).toEqual(['tauMem', '12.00', 'µs']);
    expect(stdout).toContain(`result written to ${out}`);

    // The plots: next to the result by default, one SVG per neuron step plus index.html, every path printed.
    const plots = join(dir, 'calib-plots');
    const files = (await readdir(plots)).sort();
    const svgs = files.filter((f) => f.endsWith('.svg'));
    expect(svgs.map((f) => f.replace('.svg', '')).sort()).toEqual(Object.keys(result.achieved).filter((p) => p !== 'cadc').sort());
    expect(files).toContain('index.html');
    for (const file of files) expect(stdout).toContain(`  ${join(plots, file)}`);
    for (const file of svgs) {
      const svg = await readFile(join(plots, file), 'utf8');
      expectWellFormedXml(svg, 'svg');
      // Bars with a height (the histograms are not empty) and the target line with its label.
      expect([...svg.matchAll(/<rect [^>]*height="(\d[\d.]*)"/g)].filter((m) => Number(m[1]) > 0).length).toBeGreaterThan(2);
      expect(svg).toMatch(/target \d+\.\d\d/);
    }
    expect(await readFile(join(plots, 'threshold.svg'), 'utf8')).toContain('target 140.00');
    const index = await readFile(join(plots, 'index.html'), 'utf8');
    for (const file of svgs) expect(index).toContain(`<img src="${file}"`);
  });

  it('takes a repeated calibration from the cache, still with its plots, and prints JSON', async () => {
    const out = join(dir, 'again', 'calib.json');
    const plots = join(dir, 'again-plots');
    const first = loadResult(join(dir, 'calib.json'));
    const { stdout, stderr } = await bss2Calibrate([...common, '--out', out, '--plots', plots, '--json']);
    expect(stderr).toBe('');
    const summary = JSON.parse(stdout) as { cachedFrom: string | null; created: string; steps: { parameter: string }[]; plots: { svgs: string[]; index: string } | null };
    expect(summary.cachedFrom).toMatch(/calibration-[0-9a-f]{32}\.json$/);
    expect(summary.created).toBe(first.created);
    expect(summary.steps.map((s) => s.parameter)).toEqual(Object.keys(first.achieved));
    expect(summary.plots?.svgs).toHaveLength(Object.keys(first.achieved).length - 1);
    expect(existsSync(join(plots, 'index.html'))).toBe(true);
    expect(loadResult(out, { chipIdentity: 'cli-chip' })).toEqual(first);
  });

  it('refuses bad targets, bad options, a result file it would wrongly overwrite and a corrupted cache entry before calibrating, with exit code 1', async () => {
    const out = join(dir, 'refused.json');
    const bad = join(dir, 'bad-targets.json');
    const cases: [unknown, RegExp][] = [
      [{ leak: 200 }, /error \[target-out-of-range\]: .*bad-targets\.json: target leak = 200 CADC LSB is outside its legal range 50\.\.160 CADC LSB/],
      [{ leek: 80 }, /error \[target-out-of-range\]: .*unknown calibration target "leek"; known: leak, reset/],
      [[80], /error \[invalid-targets-file\]: .*must hold a JSON object of targets/],
    ];
    for (const [content, message] of cases) {
      await writeFile(bad, JSON.stringify(content));
      const { code, message: printed } = await failure([...common, '--targets', bad, '--out', out]);
      expect(code).toBe(1);
      expect(printed).toMatch(message);
    }
    await writeFile(bad, '{"leak": 80,');
    expect(await failure([...common, '--targets', bad, '--out', out])).toMatchObject({ code: 1, message: expect.stringMatching(/invalid-targets-file.*not valid JSON/) });
    expect(await failure(['--fidelity', 'analog', '--settle-us', '50', '--out', out])).toMatchObject({ code: 1, message: expect.stringMatching(/--settle-us is for testing at --fidelity ideal only/) });
    expect(await failure(['--fidelity', 'digital', '--out', out])).toMatchObject({ code: 1, message: expect.stringMatching(/--fidelity must be ideal or analog, got "digital"/) });
    expect(existsSync(out)).toBe(false);
    // calib.json holds cli-chip's calibration: another chip's run must not overwrite it without --force.
    expect(await failure([...common, '--chip', 'other-chip', '--out', join(dir, 'calib.json')])).toMatchObject({
      code: 1,
      message: expect.stringMatching(/result-foreign-chip.*calib\.json holds the calibration of chip "cli-chip", not "other-chip"; --force overwrites it/),
    });
    const notResult = join(dir, 'notes.json');
    await writeFile(notResult, '{"notes": "mine"}');
    expect(await failure([...common, '--out', notResult])).toMatchObject({ code: 1, message: expect.stringMatching(/result-schema.*notes\.json is not a calibration result.*--force overwrites it/) });
    // A corrupted cache entry is an error that says the way out, never a silent miss (or hit).
    const cacheDir = join(dir, 'cache', 'ideal-settle-50us');
    const entry = join(cacheDir, (await readdir(cacheDir)).find((f) => /^calibration-[0-9a-f]+\.json$/.test(f))!);
    await writeFile(entry, (await readFile(entry, 'utf8')).replace(/"created": "[^"]*"/, '"created": "tampered"'));
    expect(await failure([...common, '--out', out])).toMatchObject({ code: 1, message: expect.stringMatching(/result-checksum.*calibration cache: .*is corrupted.*--no-cache measures afresh/) });
  });
});
