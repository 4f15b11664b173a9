import { decodeFromFpga, decodeToFpga, encodeFromFpga, encodeToFpga, type FromFpgaMessage, type ToFpgaMessage } from '@bss2/link';
import { decodeProgram } from '@bss2/playback';
import type { Command } from 'commander';
import { formatProgram } from '../format-program.js';
import { bytesToHexLines, hexToBytes, readStdin } from '../hex.js';

/** Thrown for stdin that is not JSON messages; names the line. */
export class MessageInputError extends Error {
  override readonly name = 'MessageInputError';
  constructor(
    message: string,
    readonly code: 'invalid-json' | 'invalid-options' = 'invalid-json',
  ) {
    super(message);
  }
}

/** Messages as a JSON array, or one JSON object per line (the format `link decode` prints). */
export function parseMessages(text: string): unknown[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('[')) {
    try {
      return JSON.parse(trimmed) as unknown[];
    } catch (error) {
      throw new MessageInputError(`stdin is not a JSON array of messages: ${(error as Error).message}`);
    }
  }
  return trimmed.split('\n').flatMap((line, i) => {
    if (line.trim() === '') return [];
    try {
      return [JSON.parse(line) as unknown];
    } catch (error) {
      throw new MessageInputError(`line ${i + 1} is not a JSON message: ${(error as Error).message}`);
    }
  });
}

export function encodeMessagesToHex(text: string, fromFpga: boolean): string {
  const messages = parseMessages(text);
  const bytes = fromFpga ? encodeFromFpga(messages as FromFpgaMessage[]) : encodeToFpga(messages as ToFpgaMessage[]);
  return bytesToHexLines(bytes);
}

/** A to-FPGA trace as a playback program: writes and reads named by the register container they address. */
export function decodeHexToProgram(text: string): string {
  return formatProgram(decodeProgram(hexToBytes(text)));
}

export function decodeHexToMessageLines(text: string, fromFpga: boolean): string {
  const bytes = hexToBytes(text);
  const messages = fromFpga ? decodeFromFpga(bytes) : decodeToFpga(bytes);
  return messages.map((m) => JSON.stringify(m)).join('\n');
}

export function registerLinkCommands(program: Command): void {
  const link = program.command('link').description('inspect FPGA link traces by hand (reference §5, docs/protocol.md)');
  link
    .command('encode')
    .description('JSON messages on stdin (one per line, or an array) → hex, one 64-bit phyword per line')
    .option('--from-fpga', 'encode from-FPGA (response) messages instead of to-FPGA instructions', false)
    .action(async (options: { fromFpga: boolean }) => {
      const out = encodeMessagesToHex(await readStdin(), options.fromFpga);
      if (out !== '') process.stdout.write(`${out}\n`);
    });
  link
    .command('decode')
    .description('hex on stdin (whitespace and # comments ignored) → messages as JSON, one per line')
    .option('--from-fpga', 'decode a from-FPGA (response) stream instead of to-FPGA instructions', false)
    .option('--program', 'print a to-FPGA trace as a playback program, writes and reads named by container', false)
    .action(async (options: { fromFpga: boolean; program: boolean }) => {
      if (options.program && options.fromFpga) throw new MessageInputError('--program reads a to-FPGA program; it cannot be combined with --from-fpga', 'invalid-options');
      const text = await readStdin();
      const out = options.program ? decodeHexToProgram(text) : decodeHexToMessageLines(text, options.fromFpga);
      if (out !== '') process.stdout.write(`${out}\n`);
    });
}
