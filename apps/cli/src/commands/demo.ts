import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { bytesToHexLines } from '../hex.js';
import { decodeProgram, ZeroMockConnection } from '@bss2/playback';
import type { Command } from 'commander';
import { buildDemoProgram, demoNeurons } from '../demo/demo-program.js';
import { formatProgram } from '../format-program.js';

export async function runDemo(options: { hex: boolean }, out: (line: string) => void): Promise<void> {
  const { program, spikeCounters } = buildDemoProgram();
  out(`Demo playback program: ${program.messageCount} link messages (${program.toFpga.length} bytes), ${program.reads.length} reads`);
  out('');
  out(formatProgram(decodeProgram(program.toFpga)));
  if (options.hex) {
    out('');
    out(bytesToHexLines(program.toFpga));
  }
  // The chip twin arrives with its own issue; until then the program runs on hxcomm's zero mock (§5.6).
  const connection = new ZeroMockConnection();
  const result = await connection.run(program);
  out('');
  out(`Ran on ${connection.description}: ${result.timing.executionCycles} FPGA cycles (${(result.timing.executionCycles / FPGA_CYCLES_PER_US).toFixed(2)} µs), ${result.timing.wallMs.toFixed(2)} ms on the host`);
  demoNeurons.forEach((n, i) => out(`  spike counter of neuron ${n}: ${JSON.stringify(spikeCounters[i]?.get())}`));
  out(`  recorded spikes: ${result.spikes.length} (the zero mock answers reads with 0 and records nothing)`);
}

export function registerDemoCommand(program: Command): void {
  program
    .command('demo')
    .description('build the demo playback program (configure neurons, route and inject spikes, read back), print it decoded and run it')
    .option('--hex', 'also print the encoded program, one 64-bit phyword per line', false)
    .action(async (options: { hex: boolean }) => {
      await runDemo(options, (line) => process.stdout.write(`${line}\n`));
    });
}
