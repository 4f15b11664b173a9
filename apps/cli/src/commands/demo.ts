import { TwinConnection } from '@bss2/chip';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { decodeProgram } from '@bss2/playback';
import type { Command } from 'commander';
import { writeFile } from 'node:fs/promises';
import { buildDemoProgram, demoNeurons } from '../demo/demo-program.js';
import { formatProgram } from '../format-program.js';
import { bytesToHexLines } from '../hex.js';
import { MADC_VOLTS_PER_CODE, runResultSvg } from '../plots/trace-raster-plot.js';
import { formatSpike } from '../format-spike.js';

export interface DemoOptions {
  readonly hex: boolean;
  readonly fidelity: 'ideal' | 'analog';
  readonly plot?: string;
  readonly quiet?: boolean;
}

export async function runDemo(options: DemoOptions, out: (line: string) => void): Promise<void> {
  const { program, spikeCounters } = buildDemoProgram();
  out(`Demo playback program: ${program.messageCount} link messages (${program.toFpga.length} bytes), ${program.reads.length} reads`);
  if (options.quiet !== true) {
    out('');
    out(formatProgram(decodeProgram(program.toFpga)));
  }
  if (options.hex) {
    out('');
    out(bytesToHexLines(program.toFpga));
  }
  const connection = new TwinConnection({ identity: 'demo-chip', fidelity: options.fidelity });
  const result = await connection.run(program);
  await connection.close();
  out('');
  out(`Ran on ${connection.description}: ${result.timing.executionCycles} FPGA cycles (${(result.timing.executionCycles / FPGA_CYCLES_PER_US).toFixed(2)} µs), ${result.timing.wallMs.toFixed(2)} ms on the host`);
  demoNeurons.forEach((n, i) => out(`  spike counter of neuron ${n}: ${JSON.stringify(spikeCounters[i]?.get())}`));
  out(`  recorded spikes: ${result.spikes.length}`);
  for (const spike of result.spikes) out(`    ${formatSpike(spike)}`);
  const volts = result.madcSamples.map((s) => s.value * MADC_VOLTS_PER_CODE);
  if (volts.length > 0) out(`  MADC: ${volts.length} samples of neuron 0, ${Math.min(...volts).toFixed(3)}..${Math.max(...volts).toFixed(3)} V`);
  if (options.plot !== undefined) {
    await writeFile(options.plot, runResultSvg(result, `demo on ${connection.description}`));
    out(`  plot: ${options.plot}`);
  }
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('build the demo playback program (configure neurons, route and inject spikes, record, read back) and run it on a twin chip')
    .option('--hex', 'also print the encoded program, one 64-bit phyword per line', false)
    .option('--fidelity <ideal|analog>', 'fidelity of the twin chip', 'analog')
    .option('--plot <out.svg>', 'draw the membrane trace and spike raster', 'demo.svg')
    .option('--quiet', 'do not print the decoded program', false)
    .action(async (options: DemoOptions) => {
      await runDemo(options, (line) => process.stdout.write(`${line}\n`));
    });
}
