import { TwinConnection } from '@bss2/chip';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import type { RunResult } from '@bss2/playback';
import type { Command } from 'commander';
import { readFile, writeFile } from 'node:fs/promises';
import { runResultSvg } from '../plots/trace-raster-plot.js';
import { formatSpike } from '../format-spike.js';
import { parseProgramJson, type JsonProgram } from '../run/program-json.js';

export interface RunCommandOptions {
  readonly identity?: string;
  readonly fidelity?: 'ideal' | 'analog';
  readonly plot?: string;
  readonly json: boolean;
}

export async function runProgramFile(file: string, options: RunCommandOptions, out: (line: string) => void): Promise<RunResult> {
  const parsed = parseProgramJson(await readFile(file, 'utf8'));
  const identity = options.identity ?? parsed.options.identity ?? 'twin-0';
  const fidelity = options.fidelity ?? parsed.options.fidelity ?? 'ideal';
  const connection = new TwinConnection({ identity, fidelity });
  try {
    const result = await connection.run(parsed.program);
    if (options.json) out(JSON.stringify(resultJson(parsed, result, connection.description), null, 2));
    else printResult(parsed, result, connection.description, out);
    if (options.plot !== undefined) {
      await writeFile(options.plot, runResultSvg(result, `${file} on ${connection.description}`));
      if (!options.json) out(`plot written to ${options.plot}`);
    }
    return result;
  } finally {
    await connection.close();
  }
}

function printResult(parsed: JsonProgram, result: RunResult, description: string, out: (line: string) => void): void {
  const { executionCycles, wallMs } = result.timing;
  out(`ran ${parsed.program.messageCount} link messages on ${description}: ${executionCycles} FPGA cycles (${(executionCycles / FPGA_CYCLES_PER_US).toFixed(2)} µs hardware time), ${wallMs.toFixed(1)} ms wall`);
  for (const read of parsed.reads) out(`  read ${read.container}[${read.coord}] (step ${read.step}) = ${JSON.stringify(read.ticket.get())}`);
  out(`  spikes recorded: ${result.spikes.length}`);
  for (const spike of result.spikes.slice(0, 20)) out(`    ${formatSpike(spike)}`);
  if (result.spikes.length > 20) out(`    … ${result.spikes.length - 20} more (use --json for all)`);
  out(`  MADC samples: ${result.madcSamples.length}`);
}

function resultJson(parsed: JsonProgram, result: RunResult, description: string): unknown {
  return {
    connection: description,
    timing: result.timing,
    reads: parsed.reads.map((r) => ({ step: r.step, container: r.container, coord: r.coord, value: r.ticket.get() })),
    spikes: result.spikes.map((s) => ({ label: s.label, cycles: s.cycles })),
    madcSamples: result.madcSamples.map((s) => ({ value: s.value, cycles: s.cycles })),
  };
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run an experiment described as JSON (writes, spikes, waits, reads; docs/run-json.md) on a twin chip and print the result')
    .argument('<program.json>', 'the experiment')
    .option('--identity <name>', 'chip identity (seeds the mismatch of an analog twin)')
    .option('--fidelity <ideal|analog>', 'simulation fidelity of the twin')
    .option('--plot <out.svg>', 'draw the membrane trace (MADC) and the spike raster into an SVG file')
    .option('--json', 'print the result as JSON', false)
    .action(async (file: string, options: RunCommandOptions) => {
      if (options.fidelity !== undefined && options.fidelity !== 'ideal' && options.fidelity !== 'analog') {
        throw Object.assign(new Error(`--fidelity must be ideal or analog, got ${String(options.fidelity)}`), { code: 'invalid-option' });
      }
      await runProgramFile(file, options, (line) => process.stdout.write(`${line}\n`));
    });
}
