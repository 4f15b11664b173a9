import { describe, expect, it } from 'vitest';
import { runBare, symbolMap } from '@bss2/ppu';
import { assembleFile, AssemblyFailedError, bareRunReport, disassemblyListing } from './asm.js';

describe('bss2 asm / disasm', () => {
  it('assembles labels and pseudo-instructions and lists them back with addresses', () => {
    const program = assembleFile(['.global start', 'start:', '  li r3, 5', 'loop:', '  addi r3, r3, -1', '  cmpwi r3, 0', '  bne loop', '  .long 0x7c00007c'].join('\n'), 'count.s');
    expect(program.image.length).toBe(20);
    expect(symbolMap(program)).toEqual({ start: { value: 0, section: 'text', global: true }, loop: { value: 4, section: 'text', global: false } });
    const listing = disassemblyListing(program.image).split('\n');
    expect(listing[0]).toBe('00000000: 38600005  li r3,5');
    expect(listing[3]).toMatch(/^0000000c: 4082fff8  bne 0x4$/);
    expect(listing[4]).toMatch(/wait/);
  });

  it('reports every bad line as file:line:column', () => {
    const error = (() => {
      try {
        assembleFile('  li r3, 5\n  frob r1\n  addi r3, r3, 40000\n', 'bad.s');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(error).toBeInstanceOf(AssemblyFailedError);
    const lines = (error as AssemblyFailedError).diagnostics.map((d) => `${d.file}:${d.line}:${d.column}`);
    expect(lines).toEqual(['bad.s:2:3', 'bad.s:3:16']);
  });
});

describe('bss2 ppu run', () => {
  it('runs an assembled program to its wait and dumps registers and the memory it wrote', () => {
    const program = assembleFile(['  li r3, 7', '  li r4, 6', '  mullw r5, r3, r4', '  stw r5, 0x100(0)', '  .long 0x7c00007c'].join('\n'), 'mul.s');
    const report = bareRunReport(runBare(program.image, { maxInstructions: 100 }), true) as { runState: string; registers: { gpr: number[] }; memory: Record<string, number> };
    expect(report.runState).toBe('sleeping');
    expect(report.registers.gpr[5]).toBe(42);
    expect(report.memory['0x0100']).toBe(42);
  });
});
