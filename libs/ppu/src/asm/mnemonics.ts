import type { InstructionEntry } from '../isa/instruction-entry.js';
import { instructionTable } from '../isa/instruction-table.js';
import { branchSimplifiedMnemonics } from './branch-mnemonics.js';
import { scalarSimplifiedMnemonics } from './simplified-mnemonics.js';
import { rowForm, type SyntaxForm } from './syntax-form.js';

// Every mnemonic the assembler accepts, each once: the table rows and the simplified mnemonics.

const simplified = [...scalarSimplifiedMnemonics, ...branchSimplifiedMnemonics];
const allForms: readonly SyntaxForm[] = [...instructionTable.map(rowForm), ...simplified];

const byName = new Map<string, SyntaxForm>();
for (const form of allForms) {
  if (byName.has(form.name)) throw new Error(`syntax table: mnemonic ${form.name} defined twice`);
  byName.set(form.name, form);
}

/** The form a mnemonic names (`addi`, `li`, `beqlr`), or `undefined`. */
export function syntaxFormByName(name: string): SyntaxForm | undefined {
  return byName.get(name);
}

const printForms = new Map<InstructionEntry, SyntaxForm[]>(instructionTable.map((entry) => [entry, []]));
for (const form of simplified) if (form.fromBase !== undefined) printForms.get(form.base)!.push(form);
for (const entry of instructionTable) printForms.get(entry)!.push(rowForm(entry));

/** The forms the disassembler tries for a row, objdump's preferred simplified mnemonic first, the row last. */
export function printFormsOf(entry: InstructionEntry): readonly SyntaxForm[] {
  return printForms.get(entry)!;
}
