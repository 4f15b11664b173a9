import { describe, expect, it } from 'vitest';
import { AsmError } from './asm-error.js';
import { assemble, tryAssemble } from './assembler.js';

function words(image: Uint8Array, from = 0, to = image.byteLength): number[] {
  const view = new DataView(image.buffer, image.byteOffset, image.byteLength);
  return Array.from({ length: (to - from) / 4 }, (_, i) => view.getUint32(from + i * 4));
}

function errorsOf(source: string): { code: string; line: number; column: number; message: string }[] {
  const result = tryAssemble(source, { file: 'rule.s' });
  if (result.ok) throw new Error('expected errors');
  return result.errors.map(({ code, line, column, message }) => ({ code, line, column, message }));
}

describe('assembler', () => {
  it('resolves labels forward and backward, PC-relative', () => {
    const program = assemble(`
start:  li r3, 10          # counter
        mtctr r3
loop:   addi r4, r4, 1
        bdnz loop
        b end
        nop
end:    wait
`);
    expect(words(program.image)).toEqual([0x3860000a, 0x7c6903a6, 0x38840001, 0x4200fffc, 0x48000008, 0x60000000, 0x7c00007c]);
    expect(program.symbols.get('loop')).toEqual({ name: 'loop', value: 8, section: 'text', global: false });
    expect(program.sourceLines[0]).toEqual({ address: 0, line: 2 });
  });

  it('places .data after .text, aligned to its largest .align, and records globals', () => {
    const program = assemble(`
        .global main, table
        .text
main:   lis r3, table@ha
        addi r3, r3, table@l
        lwz r4, 0(r3)
        .data
        .align 4
table:  .word 0x12345678, -1
        .half 0xbeef
        .byte 1, 2, 255
`);
    expect(program.textSize).toBe(12);
    expect(program.dataAddress).toBe(16);
    expect(program.symbols.get('table')).toEqual({ name: 'table', value: 16, section: 'data', global: true });
    expect(program.symbols.get('main')?.global).toBe(true);
    expect(words(program.image, 0, 8)).toEqual([0x3c600000, 0x38630010]);
    expect(Array.from(program.image.slice(16))).toEqual([0x12, 0x34, 0x56, 0x78, 0xff, 0xff, 0xff, 0xff, 0xbe, 0xef, 1, 2, 255]);
  });

  it('uses @ha so that @l added as a signed value gives the address back', () => {
    const program = assemble('.equ addr, 0x12348000\nlis r3, addr@ha\naddi r3, r3, addr@l\nori r3, r3, lo(addr)\nlis r4, hi(addr)');
    expect(words(program.image)).toEqual([0x3c601235, 0x38638000, 0x60638000, 0x3c801234]);
  });

  it('honours .org, .align, .space and fills alignment in .text with nops', () => {
    const program = assemble(`
        .byte 7
        .align 2
        li r3, 1
        .align 4
        .org 0x20
        .space 4, 0xab
        .balign 8
x:      .long x
`);
    expect(Array.from(program.image.slice(0, 4))).toEqual([7, 0, 0, 0]);
    expect(words(program.image, 4, 16)).toEqual([0x38600001, 0x60000000, 0x60000000]);
    expect(words(program.image, 16, 32)).toEqual([0, 0, 0, 0]);
    expect(Array.from(program.image.slice(32, 36))).toEqual([0xab, 0xab, 0xab, 0xab]);
    expect(program.symbols.get('x')?.value).toBe(40);
    expect(words(program.image, 40, 44)).toEqual([40]);
  });

  it('evaluates expressions with symbols, gas precedence and .equ/.set/= in any order', () => {
    const program = assemble(`
        .equ size, count * 4
        count = 3
        .set mask, ~0xff & 0xfff
        li r3, size + 1
        li r4, (1 << 4) | 2
        li r5, 6 - 2 & 3          # gas: & binds tighter than -
        ori r6, r6, mask
        li r7, end - start
start:  nop
end:
`);
    expect(words(program.image, 0, 20)).toEqual([0x3860000d, 0x38800012, 0x38a00004, 0x60c60f00, 0x38e00004]);
  });

  it('supports local labels, `.`, hints and CR fields', () => {
    const program = assemble(`
1:      cmpwi cr7, r3, 0
        beq- cr7, 1f
        bne+ 1b                   # backward: taken is the default, y stays 0
        bne- 1b                   # backward: y = 1
1:      blr
`);
    expect(words(program.image)).toEqual([0x2f830000, 0x419e000c, 0x4082fff8, 0x40a2fff4, 0x4e800020]);
  });

  it('assembles FXV instructions with an optional condition', () => {
    const program = assemble(`
        fxvinx v1, r3, r4
        fxvshb v1, v1, -1
        fxvcmpb v1
        fxvsel v2, v2, v0, 2
        fxvoutx vr2, 0, r4, 1
`);
    expect(words(program.image)).toEqual([0x102323b0, 0x1021fcf4, 0x100104b4, 0x104204fe, 0x104023f1]);
  });

  it('collects every error of a file with file, line, column, the bad token and the legal range', () => {
    const errors = errorsOf(`
        addi r3, r4, 40000
        frob r1
        lwz r3, 4(r1
        li r3, undefined_sym
        add r3, r4
        beq+ cr1, nowhere
        bdnz+ 0
        .frob
        .org -4
        stw r3, 8(r3)
        lwzu r3, 8(r3)
        .byte 300
        .align 2
dup:    nop
dup:    nop
        .global missing
`);
    expect(errors).toEqual([
      { code: 'out-of-range', line: 2, column: 22, message: expect.stringMatching(/SI = 40000 .*-32768\.\.32767/) },
      { code: 'unknown-mnemonic', line: 3, column: 9, message: "unknown mnemonic 'frob'" },
      { code: 'syntax', line: 4, column: 17, message: 'expected a memory operand D(RA)' },
      { code: 'undefined-symbol', line: 5, column: 16, message: "undefined symbol 'undefined_sym'" },
      { code: 'operand-count', line: 6, column: 9, message: "'add' takes 3 operands, got 2" },
      { code: 'undefined-symbol', line: 7, column: 19, message: "undefined symbol 'nowhere'" },
      { code: 'bad-hint', line: 8, column: 9, message: "'bdnz' takes no '+' prediction hint" },
      { code: 'unknown-directive', line: 9, column: 9, message: "unknown directive '.frob'" },
      { code: 'org-backwards', line: 10, column: 14, message: expect.stringContaining('.org -4') },
      { code: 'invalid-form', line: 12, column: 9, message: expect.stringContaining('RA = RT with update') },
      { code: 'out-of-range', line: 13, column: 15, message: "'.byte' value 300 is out of range (legal: -128..255)" },
      { code: 'duplicate-symbol', line: 16, column: 1, message: "symbol 'dup' is already defined" },
      { code: 'undefined-symbol', line: 17, column: 17, message: "global symbol 'missing' is never defined" },
    ]);
  });

  it('throws AsmError with all diagnostics, stopping at maxErrors', () => {
    const source = Array.from({ length: 10 }, () => 'frob').join('\n');
    expect(() => assemble(source, { file: 'a.s' })).toThrow(AsmError);
    try {
      assemble(source, { file: 'a.s', maxErrors: 3 });
    } catch (error) {
      expect(error).toBeInstanceOf(AsmError);
      const asmError = error as AsmError;
      expect(asmError.diagnostics).toHaveLength(3);
      expect({ code: asmError.code, file: asmError.file, line: asmError.line, column: asmError.column }).toEqual({ code: 'unknown-mnemonic', file: 'a.s', line: 1, column: 1 });
      expect(asmError.message.split('\n')[1]).toBe("a.s:2:1: unknown mnemonic 'frob'");
    }
  });

  it('reports a register out of range at its operand', () => {
    expect(errorsOf('addi r3, 32, 1')).toEqual([
      { code: 'out-of-range', line: 1, column: 10, message: 'addi: operand RA = 32 is out of range (legal: 0..31)' },
    ]);
    expect(errorsOf('li r3, 0x8000')[0]).toMatchObject({ code: 'out-of-range', message: expect.stringMatching(/^li: addi: operand SI = 32768/) });
    expect(errorsOf('b 0x2000000')[0]).toMatchObject({ code: 'out-of-range', message: expect.stringContaining('LI = 33554432') });
  });
});
