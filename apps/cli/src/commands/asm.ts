import { readFileSync, writeFileSync } from 'node:fs';
import { disassemble, formatDiagnostic, runBare, symbolMap, tryAssemble, type AssembledProgram, type AsmDiagnostic, type BareRunResult } from '@bss2/ppu';
import type { Command } from 'commander';

/** Every diagnostic of a source that did not assemble (`file:line:column: message`, one per line). */
export class AssemblyFailedError extends Error {
  override readonly name = 'AssemblyFailedError';
  readonly code = 'assembly-failed';
  constructor(readonly diagnostics: readonly AsmDiagnostic[]) {
    super(`${diagnostics.length} error(s):\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  }
}

export function assembleFile(source: string, file: string): AssembledProgram {
  const result = tryAssemble(source, { file });
  if (!result.ok) throw new AssemblyFailedError(result.errors);
  return result.value;
}

/** `address: word  text` lines, as objdump prints a flat binary. */
export function disassemblyListing(image: Uint8Array): string {
  return disassemble(image)
    .map((w) => `${w.address.toString(16).padStart(8, '0')}: ${w.word.toString(16).padStart(8, '0')}  ${w.text}`)
    .join('\n');
}

/** `bss2 ppu run` output: the run without memory, or with it when `dump` (memory as its nonzero words). */
export function bareRunReport(result: BareRunResult, dump: boolean): Record<string, unknown> {
  const { memory, ...rest } = result;
  if (!dump) return rest;
  const words = Object.fromEntries(memory.flatMap((word, i) => (word === 0 ? [] : [[`0x${(i * 4).toString(16).padStart(4, '0')}`, word]])));
  return { ...rest, memory: words };
}

export function registerAsmCommands(program: Command): void {
  program
    .command('asm')
    .description('assemble PPU source (Power + FXV, reference §4) to a flat big-endian binary and a symbol map')
    .argument('<file.s>', 'assembly source')
    .requiredOption('-o, --output <file.bin>', 'binary to write (the symbol map goes to <file.bin>.symbols.json)')
    .action((file: string, options: { output: string }) => {
      const assembled = assembleFile(readFileSync(file, 'utf8'), file);
      writeFileSync(options.output, assembled.image);
      writeFileSync(`${options.output}.symbols.json`, `${JSON.stringify(symbolMap(assembled), null, 2)}\n`);
      process.stdout.write(`${options.output}: ${assembled.image.length} bytes (text ${assembled.textSize}, data ${assembled.dataSize}), ${assembled.symbols.size} symbols\n`);
    });
  program
    .command('disasm')
    .description('disassemble a flat PPU binary (the syntax objdump -m powerpc:common prints)')
    .argument('<file.bin>', 'binary, loaded at address 0')
    .action((file: string) => {
      process.stdout.write(`${disassemblyListing(new Uint8Array(readFileSync(file)))}\n`);
    });
  program
    .command('ppu')
    .description('the plasticity processor without a chip')
    .command('run')
    .description('run a flat binary on a bare PPU (loaded at 0, until `wait`, a fault or the budget) and print the result as JSON')
    .argument('<file.bin>', 'binary, loaded at address 0')
    .option('--max-instructions <n>', 'instruction budget', (v) => Number(v), 1_000_000)
    .option('--dump', 'include the internal memory (nonzero words by byte address)')
    .action((file: string, options: { maxInstructions: number; dump?: boolean }) => {
      const result = runBare(new Uint8Array(readFileSync(file)), { maxInstructions: options.maxInstructions });
      process.stdout.write(`${JSON.stringify(bareRunReport(result, options.dump === true), null, 2)}\n`);
      if (result.fault !== undefined) process.exitCode = 1;
    });
}
