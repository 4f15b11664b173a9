import { describe, expect, it } from 'vitest';
import { disassemble, disassembleInstruction } from './disassembler.js';

describe('disassembler', () => {
  it('prints objdump’s simplified mnemonics', () => {
    expect(disassembleInstruction(0x38600005)).toBe('li r3,5');
    expect(disassembleInstruction(0x7c832378)).toBe('mr r3,r4');
    expect(disassembleInstruction(0x60000000)).toBe('nop');
    expect(disassembleInstruction(0x4e800020)).toBe('blr');
    expect(disassembleInstruction(0x40860018, 0x30)).toBe('bne cr1,0x48');
    expect(disassembleInstruction(0x4da60020)).toBe('beqlr+ cr1');
    expect(disassembleInstruction(0x5483103a)).toBe('slwi r3,r4,2');
    expect(disassembleInstruction(0x4cc63182)).toBe('crclr 4*cr1+eq');
    expect(disassembleInstruction(0x7c0004ac)).toBe('hwsync');
    expect(disassembleInstruction(0x7c00007c)).toBe('wait');
    expect(disassembleInstruction(0x80610000 | 0xfffc)).toBe('lwz r3,-4(r1)');
    expect(disassembleInstruction(0x7c60202e)).toBe('lwzx r3,0,r4');
  });

  it('prints FXV words with v registers and the condition only when it is not 0', () => {
    expect(disassembleInstruction(0x10221f34)).toBe('fxvaddbm v1,v2,v3');
    expect(disassembleInstruction(0x10221cfe)).toBe('fxvsel v1,v2,v3,2');
    expect(disassembleInstruction(0x1022fcf4)).toBe('fxvshb v1,v2,-1');
    expect(disassembleInstruction(0x100404b4)).toBe('fxvcmpb v4');
    expect(disassembleInstruction(0x102323f1)).toBe('fxvoutx v1,r3,r4,1');
  });

  it('prints illegal words as .long', () => {
    expect(disassembleInstruction(0)).toBe('.long 0x0');
    expect(disassembleInstruction(0x42260008)).toBe('.long 0x42260008');
  });

  it('walks an image with addresses', () => {
    const image = new Uint8Array([0x48, 0x00, 0x00, 0x08, 0x60, 0x00, 0x00, 0x00]);
    expect(disassemble(image, 0x100)).toEqual([
      { address: 0x100, word: 0x48000008, text: 'b 0x108' },
      { address: 0x104, word: 0x60000000, text: 'nop' },
    ]);
  });
});
