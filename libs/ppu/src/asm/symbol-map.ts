import type { AssembledProgram } from './assembler.js';

/** One symbol as the JSON symbol map beside a flat binary records it. */
export interface SymbolMapEntry {
  readonly value: number;
  readonly section: string;
  readonly global: boolean;
}

/**
 * The symbol map written beside a flat binary (`bss2 asm`, the firmware build): name → address or `.equ`
 * value, section, global. Hosts read mailbox addresses from it.
 */
export function symbolMap(program: AssembledProgram): Record<string, SymbolMapEntry> {
  return Object.fromEntries([...program.symbols.values()].map((s) => [s.name, { value: s.value, section: s.section, global: s.global }]));
}
