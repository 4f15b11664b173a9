import { decodeInstruction } from '../isa/decode.js';
import type { OperandValues } from '../isa/instruction-entry.js';
import { printFormsOf } from './mnemonics.js';
import { isAbsoluteBranch, printOperand } from './operand-syntax.js';
import type { SyntaxForm } from './syntax-form.js';

// Word → text in the syntax `objdump -d -m powerpc:common` prints (one space after the mnemonic instead of
// objdump's tab padding), so a listing can be diffed against binutils. FXV words use the same conventions:
// `v` registers and the condition as an optional last operand.

/** One disassembled word of an image. */
export interface DisassembledWord {
  readonly address: number;
  readonly word: number;
  readonly text: string;
}

function formatOperands(form: SyntaxForm, values: OperandValues, address: number): string {
  const absolute = isAbsoluteBranch(form.base);
  const parts: string[] = [];
  for (let i = 0; i < form.operands.length; i++) {
    const spec = form.operands[i]!;
    const value = values[spec.name] ?? 0;
    // objdump leaves out an optional operand that holds its default (cr0 of cmpw/beq, FXV condition 0).
    if (spec.optionalDefault === value) continue;
    if (spec.kind === 'disp') {
      const base = form.operands[++i]!;
      parts.push(`${value}(${printOperand(base, values[base.name] ?? 0, address, absolute)})`);
    } else {
      parts.push(printOperand(spec, value, address, absolute));
    }
  }
  return parts.join(',');
}

/**
 * objdump marks a set y bit (BO & 1) with `+` on the bclr/bcctr simplified mnemonics (`beqlr+`) and leaves it
 * unmarked on the displacement forms.
 */
function predictionSuffix(form: SyntaxForm, base: OperandValues): string {
  return form.hint === 'register' && ((base['BO'] ?? 0) & 1) === 1 ? '+' : '';
}

/** Disassembles one word at `address` (needed for branch targets); illegal words print as `.long 0x…`. */
export function disassembleInstruction(word: number, address = 0): string {
  const decoded = decodeInstruction(word);
  if (decoded === undefined) return `.long 0x${(word >>> 0).toString(16)}`;
  for (const form of printFormsOf(decoded.entry)) {
    const values = form.fromBase!(decoded.operands);
    if (values === undefined) continue;
    const operands = formatOperands(form, values, address);
    const name = form.name + predictionSuffix(form, decoded.operands);
    return operands === '' ? name : `${name} ${operands}`;
  }
  throw new Error(`no print form for ${decoded.entry.mnemonic}`);
}

/** Disassembles a big-endian image word by word; a trailing partial word is ignored. */
export function disassemble(image: Uint8Array, baseAddress = 0): DisassembledWord[] {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  const words: DisassembledWord[] = [];
  for (let offset = 0; offset + 4 <= image.byteLength; offset += 4) {
    const word = view.getUint32(offset, false);
    const address = (baseAddress + offset) >>> 0;
    words.push({ address, word, text: disassembleInstruction(word, address) });
  }
  return words;
}
