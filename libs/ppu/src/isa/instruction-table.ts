import type { InstructionEntry } from './instruction-entry.js';
import { branchEntries } from './table/branch.js';
import { fixedPointEntries } from './table/fixed-point.js';
import { systemEntries } from './table/system.js';
import { vectorEntries } from './table/vector.js';

// The one instruction table of the PPU (STYLE item 5): rows per ISA chapter, checked when the module loads.
// The decoder, encoder, assembler, disassembler and the test generators all iterate `instructionTable`.

/** Every instruction the PPU twin knows: scalar Power subset (§4.1) and FXV (§4.4). */
export const instructionTable: readonly InstructionEntry[] = [
  ...fixedPointEntries,
  ...branchEntries,
  ...systemEntries,
  ...vectorEntries,
];

/**
 * Load-time check: mnemonics are unique and no word matches two rows (each row's fixed bits, reserved bits
 * and operand fields already partition the 32 bits, `defineEntry` checks that).
 */
function checkTable(table: readonly InstructionEntry[]): void {
  const seen = new Set<string>();
  for (const entry of table) {
    if (seen.has(entry.mnemonic)) throw new Error(`instruction table: duplicate mnemonic ${entry.mnemonic}`);
    seen.add(entry.mnemonic);
  }
  for (let i = 0; i < table.length; i++) {
    for (let j = i + 1; j < table.length; j++) {
      const a = table[i]!;
      const b = table[j]!;
      if (((a.match ^ b.match) & a.mask & b.mask) === 0) {
        throw new Error(`instruction table: ${a.mnemonic} and ${b.mnemonic} match the same words`);
      }
    }
  }
}

checkTable(instructionTable);

const byMnemonic = new Map(instructionTable.map((entry) => [entry.mnemonic, entry]));

/** The row of a mnemonic (exact, e.g. `addo.`), or `undefined`. */
export function entryByMnemonic(mnemonic: string): InstructionEntry | undefined {
  return byMnemonic.get(mnemonic);
}

/** Rows grouped by primary opcode, so decoding scans only the few rows that share the top six bits. */
export const entriesByOpcode: readonly (readonly InstructionEntry[])[] = Array.from({ length: 64 }, (_, opcode) =>
  instructionTable.filter((entry) => entry.opcode === opcode),
);
