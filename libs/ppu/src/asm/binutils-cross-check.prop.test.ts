import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { encodeInstruction } from '../isa/encode.js';
import { instructionTable } from '../isa/instruction-table.js';
import { instructionArbitrary } from '../isa/testing/instruction-arbitrary.js';
import { assemble } from './assembler.js';
import { disassembleInstruction } from './disassembler.js';
import { gasAssemble, objdumpDisassemble, requireBinutils } from './testing/binutils.js';
import { rowSyntax } from './testing/row-syntax.js';

// Cross-check of every scalar row against GNU binutils 2.40: our assembler and `as -mppc` give the same words
// for the same source, and our disassembler prints what `objdump -m powerpc:common` prints.

const scalarRows = instructionTable.filter((entry) => entry.chapter !== 'vector');
const batchSize = 500;
/** One toolchain round per batch of 500 instructions: a tenth of the configured property runs. */
const batches = Math.max(1, Math.round(Number(process.env['FC_NUM_RUNS'] ?? 100) / 10));

/** `as -mppc` has no mnemonic for the PPU's halt (see the `wait` row), so gas gets its word. */
function gasLine(text: string, word: number): string {
  return text === 'wait' ? `.long 0x${word.toString(16)}` : text;
}

describe('binutils cross-check (scalar rows)', () => {
  beforeAll(requireBinutils);

  it('assembles like as -mppc and disassembles like objdump -m powerpc:common', () => {
    fc.assert(
      fc.property(fc.array(instructionArbitrary(scalarRows), { minLength: batchSize, maxLength: batchSize }), (instructions) => {
        const lines = instructions.map(({ entry, operands }) => rowSyntax(entry, operands));
        const expected = instructions.map(({ entry, operands }) => encodeInstruction(entry, operands));
        const ours = assemble(lines.join('\n'));
        const ourWords = Array.from({ length: ours.textSize / 4 }, (_, i) => new DataView(ours.image.buffer).getUint32(i * 4));
        expect(ourWords).toEqual(expected);
        expect(gasAssemble(lines.map((line, i) => gasLine(line, expected[i]!)).join('\n') + '\n')).toEqual(expected);
        const objdump = objdumpDisassemble(expected);
        expect(expected.map((word, i) => disassembleInstruction(word, i * 4))).toEqual(objdump);
      }),
      { numRuns: batches },
    );
  });

  it('assembles every simplified mnemonic and expression form like as -mppc', () => {
    const source = simplifiedLines.join('\n') + '\n';
    const ours = assemble(source);
    const ourWords = Array.from({ length: ours.textSize / 4 }, (_, i) => new DataView(ours.image.buffer).getUint32(i * 4));
    expect(ourWords).toEqual(gasAssemble(source));
  });
});

/** One line per simplified mnemonic the assembler accepts (with hints and CR fields), plus expression forms. */
const simplifiedLines = [
  'li r3,-5', 'lis r3,0xffff', 'lis r3,-1', 'la r3,8(r4)', 'mr r3,r4', 'mr. r3,r4', 'nop', 'not r3,r4', 'not. r3,r4',
  'subi r3,r4,5', 'subis r3,r4,5', 'subic r3,r4,5', 'subic. r3,r4,5', 'sub r3,r4,r5', 'subo. r3,r4,r5',
  'subc r3,r4,r5', 'subco r3,r4,r5', 'slwi r3,r4,5', 'slwi. r3,r4,5', 'srwi r3,r4,5', 'rotlwi r3,r4,5',
  'rotrwi r3,r4,5', 'clrlwi r3,r4,5', 'clrrwi r3,r4,5', 'extlwi r3,r4,5,6', 'rotlw r3,r4,r5', 'rotlw. r3,r4,r5',
  'cmpw r3,r4', 'cmpw cr7,r3,r4', 'cmpwi cr1,r3,-5', 'cmplw r3,r4', 'cmplwi r3,5', 'cmplwi 2,r3,5',
  'mtcr r3', 'mtlr r3', 'mflr r3', 'mtctr r3', 'mfctr r3', 'mtxer r3', 'mfxer r3',
  'crclr 4*cr1+eq', 'crset so', 'crmove lt,gt', 'crnot eq,eq',
  'blr', 'blrl', 'bctr', 'bctrl',
  'beq .+8', 'bne cr1,.+8', 'blt- .+8', 'blt- .-8', 'bgt+ .-8', 'bgt+ .+8', 'ble cr7,.+16', 'bge .-4',
  'bso .+4', 'bns .+4', 'bnl .+4', 'bng .+4', 'bun .+4', 'bnu .+4', 'beqa 0x100', 'bnela cr2,0x100',
  'beqlr', 'bnelr cr1', 'beqlr+ cr2', 'beqlr- cr2', 'bltctr', 'bgectrl cr3', 'beql .+8', 'bnectr+',
  'bdnz .+8', 'bdz .-8', 'bdnzl .+8', 'bdnza 0x40', 'bdnzlr', 'bdzlr', 'bdzlrl',
  'bdnzt eq,.+8', 'bdnzf 4*cr1+lt,.+8', 'bdzt gt,.+8', 'bdzf so,.+8', 'bdnzf- eq,.+8', 'bdnztlr eq', 'bdnzflrl lt',
  // Expressions: gas precedence (| & ^ bind tighter than + -), relocation halves, octal, binary.
  'lis r3,0x12348000@ha', 'addi r3,r3,0x12348000@l', 'ori r3,r3,0x12348000@h', 'li r4,6-2&3', 'li r4,-(1<<4)',
  'li r4,010', 'li r4,0b101', 'li r4,~0', 'li r4,100/7%4', 'li r4,(3+4)*2', 'lwz r3,(2+2)*2(r1)', 'stw r3,-0x10(r1)',
];
