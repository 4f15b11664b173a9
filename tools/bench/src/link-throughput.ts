/**
 * `npm run bench:link`: link codec throughput on a realistic program — a full-chip weight reconfiguration
 * (all 131,072 synapses, written as the Chip diff) followed by 50 samples of timed spike injection — in
 * messages per second, beside the peer: the FPGA itself, which executes one 64-bit instruction per 125 MHz
 * cycle (125 M messages/s, reference §5.8; hxcomm's ZeroMockConnection models the same rate).
 */
import { cpus } from 'node:os';
import { decodeToFpga, decodeToFpgaInto, PHYWORD_BYTES, ToFpgaWriter, type ToFpgaVisitor } from '@bss2/link';
import { Chip } from '@bss2/regs';
import { buildWorkload, fullChipWeightDiff, SAMPLE_RUNTIME_CYCLES, sampleSpikes } from './link-workload.js';
import { formatTable, medianMs } from './measure.js';

const FPGA_MESSAGES_PER_S = 125e6;

const diff = fullChipWeightDiff();
const samples = sampleSpikes();
const program = buildWorkload(diff, samples);
const messages = program.length / PHYWORD_BYTES;

let visited = 0;
const counter: ToFpgaVisitor = {
  'omnibus.address': () => visited++,
  'omnibus.data': () => visited++,
  'timing.setup': () => visited++,
  'timing.waitUntil': () => visited++,
  'timing.barrier': () => visited++,
  'event.spikePack1': () => visited++,
};

// The encoder's own cost, without paging in a fresh program buffer: a warm writer, reset after each run.
const warm = new ToFpgaWriter();
const encodeWarm = () => {
  warm.omnibusWrites(diff.addresses, diff.words);
  for (const { labels, times } of samples) {
    warm.timerSetup();
    for (let i = 0; i < labels.length; i++) warm.waitUntil(times[i] as number).spikePack1(labels[i] as number);
    warm.waitUntil(SAMPLE_RUNTIME_CYCLES);
  }
  warm.barrier(1).reset();
};

const chipA = new Chip();
const chipB = new Chip(chipA);
const rows: [string, number][] = [
  ['encode: PlaybackProgramBuilder → new program', medianMs(() => buildWorkload(diff, samples))],
  ['encode: ToFpgaWriter into a warm buffer', medianMs(encodeWarm)],
  ['decode: visitor (no allocation)', medianMs(() => decodeToFpgaInto(program, counter))],
  ['decode: message objects', medianMs(() => decodeToFpga(program), 5, 1)],
];
const diffMs = medianMs(() => chipB.writesSince(chipA));

const fpgaMs = (messages / FPGA_MESSAGES_PER_S) * 1e3;
const rate = (ms: number) => messages / (ms / 1e3);
console.log(`Program: ${messages.toLocaleString('en')} messages (${diff.addresses.length.toLocaleString('en')} omnibus writes + ${samples.length} samples of timed spikes), ${(program.length / 2 ** 20).toFixed(2)} MiB`);
console.log(`Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, Node ${process.version}\n`);
console.log(
  formatTable(
    ['path', 'median ms', 'M messages/s', 'ratio to FPGA'],
    [
      ...rows.map(([name, ms]) => [name, ms.toFixed(2), (rate(ms) / 1e6).toFixed(1), (rate(ms) / FPGA_MESSAGES_PER_S).toFixed(2)]),
      ['peer: FPGA executor (125 MHz, 1 message/cycle)', fpgaMs.toFixed(2), (FPGA_MESSAGES_PER_S / 1e6).toFixed(1), '1.00'],
    ],
  ),
);
console.log(`\nChip.writesSince over the whole chip (no change): ${diffMs.toFixed(2)} ms`);
if (visited === 0) throw new Error('the decoder visited no message');
