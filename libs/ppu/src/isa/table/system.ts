import { defineEntry, type InstructionEntry } from '../instruction-entry.js';
import { operands as o } from '../operands.js';

// Power ISA Book I §3.3.15 (move to/from system registers) and Book II (synchronisation), plus the PPU's halt.

export const systemEntries: readonly InstructionEntry[] = [
  defineEntry({ mnemonic: 'mfcr', form: 'X', chapter: 'system', opcode: 31, xo: 19, operands: [o.RT] }),
  defineEntry({ mnemonic: 'mtcrf', form: 'XFX', chapter: 'system', opcode: 31, xo: 144, operands: [o.FXM, o.RS] }),
  defineEntry({ mnemonic: 'mfspr', form: 'XFX', chapter: 'system', opcode: 31, xo: 339, operands: [o.RT, o.SPR] }),
  /** Reads the time base (Power ISA Book II §4.2; the 31/371 form that `as -mppc` emits for `mftb`). */
  defineEntry({ mnemonic: 'mftb', form: 'XFX', chapter: 'system', opcode: 31, xo: 371, operands: [o.RT, o.TBR] }),
  defineEntry({ mnemonic: 'mtspr', form: 'XFX', chapter: 'system', opcode: 31, xo: 467, operands: [o.SPR, o.RS] }),
  /**
   * The PPU's "done" signal: the core sleeps and its clock stops (§4.8 PPUStatusRegister.sleep). Encoded as the
   * Power ISA 2.06 / e500mc `wait` (X-form 31/62, WC = 0). `objdump -m powerpc:common` prints it as `wait`;
   * `as -mppc` has no mnemonic for it, so the toolchain cross-check writes it as `.long 0x7c00007c`.
   */
  defineEntry({ mnemonic: 'wait', form: 'X', chapter: 'system', opcode: 31, xo: 62, operands: [] }),
  defineEntry({ mnemonic: 'sync', form: 'X', chapter: 'system', opcode: 31, xo: 598, operands: [] }),
  defineEntry({ mnemonic: 'isync', form: 'XL', chapter: 'system', opcode: 19, xo: 150, operands: [] }),
];
