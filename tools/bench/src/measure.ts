/** Median wall time of `fn` over `runs` runs after `warmup` runs, in milliseconds. */
export function medianMs(fn: () => void, runs = 15, warmup = 3): number {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    fn();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

/** A fixed-width text table, the format every benchmark prints. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/**
 * Median wall ms of a fixed single-thread loop of float32 multiply-adds: the host's speed at the time. On a shared
 * virtual machine it varies by up to ~1.6× from one minute to the next (measured 2026-11-25: the analog kernel took
 * 3.4 to 5.6 ns per neuron-step), and a benchmark printing it beside its results says which speed they saw.
 */
export function hostProbeMs(): number {
  return medianMs(() => multiplyAdd(probeValues, 256), 15, 3);
}

const probeValues = new Float32Array(4096);

function multiplyAdd(values: Float32Array, rounds: number): void {
  values.fill(1);
  for (let r = 0; r < rounds; r++) for (let i = 0; i < values.length; i++) values[i] = (values[i] as number) * 0.999 + 0.001;
}
