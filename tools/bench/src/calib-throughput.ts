/**
 * `npm run bench:calib`: wall time of the full default spiking-neuron calibration of all 512 neurons
 * (`calibrateSpikingNeurons`, calix's default targets, reference §7.3) on an `analog` twin with the default
 * mismatch, through link words as any user program. Target (issue 5): ≤ 10 s on this machine; the real chip
 * needs minutes (reference §7.6). No peer program exists for this workload (../shared/peers has none), so the
 * table shows the twin's own split: wall time per step beside the hardware time that step simulates.
 */
import { cpus } from 'node:os';
import { calibrateSpikingNeurons } from '@bss2/calib';
import { TwinConnection } from '@bss2/chip';
import { formatTable } from './measure.js';

const TARGET_S = 10;

const connection = new TwinConnection({ identity: 'bench-calib', fidelity: 'analog' });
const rows: string[][] = [];
let current: { name: string; started: number; hwStart: number } | undefined;
const close = (): void => {
  if (current === undefined) return;
  const wall = (performance.now() - current.started) / 1000;
  const hwMs = (connection.twin.now - current.hwStart) / 125_000;
  rows.push([current.name, wall.toFixed(1), hwMs.toFixed(0), (wall * 1000 / hwMs).toFixed(1)]);
};
const started = performance.now();
const hwStarted = connection.twin.now;
const result = await calibrateSpikingNeurons(connection, {}, {
  chipIdentity: 'bench-calib',
  onProgress: (step, index, steps, fraction) => {
    if (fraction === 0) {
      close();
      current = { name: step, started: performance.now(), hwStart: connection.twin.now };
      process.stderr.write(`  [${index + 1}/${steps}] ${step}…\n`);
    }
  },
});
close();
const totalS = (performance.now() - started) / 1000;
const totalHwMs = (connection.twin.now - hwStarted) / 125_000;
await connection.close();

console.log(`Full default calibration of 512 neurons on an analog twin — ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}`);
console.log(formatTable(['step', 'wall s', 'hw ms', 'wall ms / hw ms'], [...rows, ['total', totalS.toFixed(1), totalHwMs.toFixed(0), ((totalS * 1000) / totalHwMs).toFixed(1)]]));
const byParameter = new Map<string, number>();
for (const f of result.failures) byParameter.set(f.parameter, (byParameter.get(f.parameter) ?? 0) + 1);
console.log(`\nneurons outside tolerance: ${result.failures.length}${result.failures.length > 0 ? ` (${[...byParameter].map(([p, n]) => `${p}: ${n}`).join(', ')}; first: ${result.failures[0]!.reason})` : ''}`);
console.log(`total ${totalS.toFixed(1)} s vs target ≤ ${TARGET_S} s: ${totalS <= TARGET_S ? 'met' : 'missed'}`);
