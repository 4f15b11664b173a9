import { readFileSync } from 'node:fs';
import { assemble, type AsmSymbol } from '@bss2/ppu';
import { FirmwareError } from './firmware-error.js';

// The firmware programs of this package, assembled from `programs/<name>.s` with libs/ppu's assembler (the
// same one `bss2 asm` runs). Each program declares its mailbox words with `.equ`, so the symbol map is the one
// place where host and firmware agree on addresses.

/** The programs of `programs/`. */
export const FIRMWARE_NAMES = ['stdp', 'homeostasis', 'cadc-recorder', 'rstdp'] as const;
export type FirmwareName = (typeof FIRMWARE_NAMES)[number];

/** An assembled program: the flat image for PPU memory and its symbols. */
export interface FirmwareImage {
  readonly name: FirmwareName;
  /** Big-endian bytes from address 0 (reference §4.8: the program is loaded at 0). */
  readonly image: Uint8Array;
  readonly symbols: ReadonlyMap<string, AsmSymbol>;
  /** The value of symbol `name` (an address or an `.equ` constant); throws naming the program if absent. */
  symbol(name: string): number;
}

/** Path of a program's source, from `src/` and from `dist/` alike. */
export function firmwareSourceUrl(name: FirmwareName): URL {
  return new URL(`../programs/${name}.s`, import.meta.url);
}

/** Assembles firmware program `name` from its source. */
export function assembleFirmware(name: FirmwareName): FirmwareImage {
  const url = firmwareSourceUrl(name);
  const program = assemble(readFileSync(url, 'utf8'), { file: `programs/${name}.s` });
  return {
    name,
    image: program.image,
    symbols: program.symbols,
    symbol(symbolName: string): number {
      const found = program.symbols.get(symbolName);
      if (found === undefined) throw new FirmwareError('unknown-symbol', `firmware ${name} has no symbol ${symbolName}`, symbolName);
      return found.value;
    },
  };
}
