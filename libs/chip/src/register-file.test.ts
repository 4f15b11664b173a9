import { AtomicNeuronOnDLS, CapMemBlockOnDLS, CrossbarNodeOnDLS } from '@bss2/coords';
import { CapMemBlockConfig, CrossbarNode, NeuronConfig, SpikeCounterRead } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { ChipError } from './chip-error.js';
import { EXTERNAL_PPU_MEMORY_WORDS, PPU_DRAM_PAGE_WORDS, PPU_DRAM_WORDS, RegisterFile } from './register-file.js';

const neuron = AtomicNeuronOnDLS(300);

describe('RegisterFile', () => {
  it('decodes omnibus writes into the container state and reads them back', () => {
    const registers = new RegisterFile();
    registers.changes.clear();
    const value = NeuronConfig.modify(NeuronConfig.defaults(), { enFire: true, memCapSize: 42, readoutSelect: 'adaptation' });
    const words = NeuronConfig.encode(value);
    NeuronConfig.addresses(neuron).forEach((address, i) => registers.write(address, words[i] as number));
    expect(registers.chip.get(NeuronConfig, neuron)).toEqual(value);
    expect(NeuronConfig.addresses(neuron).map((a) => registers.read(a))).toEqual(Array.from(words));
    expect(registers.changes.instances(NeuronConfig)).toEqual(new Set([neuron]));
  });

  it('merges partial writes by byte enables', () => {
    const registers = new RegisterFile();
    const [address] = CapMemBlockConfig.addresses(CapMemBlockOnDLS(1)).slice(9) as [number];
    registers.write(address, 0x1122_3344);
    registers.write(address, 0xaabb_ccdd, 0b0101);
    expect(registers.read(address)).toBe(0x11bb_33dd);
  });

  it('rejects an illegal bit pattern with a typed error and keeps the old word', () => {
    const registers = new RegisterFile();
    const address = CapMemBlockConfig.addresses(CapMemBlockOnDLS(0))[6] as number;
    const before = registers.read(address);
    // prescaleRamp (bits 23:20) only takes 0..6 (reference §2.3).
    const error = catchError(() => registers.write(address, (before & ~(0xf << 20)) | (7 << 20)));
    expect(error).toMatchObject({ code: 'invalid-value' });
    expect((error as ChipError).details.container).toBe('CapMemBlockConfig');
    expect(error.message).toMatch(/prescaleRamp/);
    expect(registers.read(address)).toBe(before);
  });

  it('answers unknown addresses, unreadable and read-only registers with typed errors', () => {
    const registers = new RegisterFile();
    expect(catchError(() => registers.write(0x0123_4567, 1))).toMatchObject({ code: 'unknown-address' });
    expect(catchError(() => registers.read(0x0123_4567))).toMatchObject({ code: 'unknown-address' });
    const node = CrossbarNode.addresses(CrossbarNodeOnDLS(0))[0] as number;
    registers.write(node, 0);
    expect(catchError(() => registers.read(node))).toMatchObject({ code: 'unreadable' });
    const counter = SpikeCounterRead.addresses(neuron)[0] as number;
    expect(catchError(() => registers.write(counter, 1))).toMatchObject({ code: 'read-only' });
  });

  it('holds the external PPU memory behind bit 31', () => {
    const registers = new RegisterFile();
    registers.write(0x8000_0000 + EXTERNAL_PPU_MEMORY_WORDS - 1, 0xdead_beef);
    expect(registers.read(0x8000_0000 + EXTERNAL_PPU_MEMORY_WORDS - 1)).toBe(0xdead_beef);
    expect(catchError(() => registers.read(0x8000_0000 + EXTERNAL_PPU_MEMORY_WORDS))).toMatchObject({ code: 'unknown-address' });
  });

  it('holds the 256 MiB PPU DRAM at 0x8400_0000 sparsely: pages on first nonzero write, untouched words 0', () => {
    const registers = new RegisterFile();
    const last = 0x8400_0000 + PPU_DRAM_WORDS - 1;
    expect(last).toBe(0x87ff_ffff);
    expect(registers.read(0x8400_0000)).toBe(0);
    expect(registers.read(last)).toBe(0);
    registers.write(0x8400_0000, 0);
    expect(registers.ppuDram.pageCount).toBe(0);
    registers.write(last, 0xdead_beef);
    registers.write(0x8400_0000 + 3 * PPU_DRAM_PAGE_WORDS + 5, 0x1122_3344);
    registers.write(0x8400_0000 + 3 * PPU_DRAM_PAGE_WORDS + 5, 0xaabb_ccdd, 0b0101);
    expect(registers.read(last)).toBe(0xdead_beef);
    expect(registers.read(last - 1)).toBe(0);
    expect(registers.read(0x8400_0000 + 3 * PPU_DRAM_PAGE_WORDS + 5)).toBe(0x11bb_33dd);
    expect(registers.ppuDram.pageCount).toBe(2);
    // Just outside both ends there is no register.
    expect(catchError(() => registers.read(last + 1))).toMatchObject({ code: 'unknown-address' });
    expect(catchError(() => registers.write(0x8400_0000 - 1, 1))).toMatchObject({ code: 'unknown-address' });
  });

  it('reset drops every DRAM page', () => {
    const registers = new RegisterFile();
    registers.write(0x8400_0010, 7);
    registers.reset();
    expect(registers.ppuDram.pageCount).toBe(0);
    expect(registers.read(0x8400_0010)).toBe(0);
  });

  it('reset returns every register to its reset value and marks everything changed', () => {
    const registers = new RegisterFile();
    const address = NeuronConfig.addresses(neuron)[4] as number;
    registers.write(address, 0b100);
    registers.changes.clear();
    registers.reset();
    expect(registers.read(address)).toBe(NeuronConfig.encode(NeuronConfig.defaults())[4]);
    expect(registers.changes.instances(NeuronConfig)).toBe('all');
  });
});

function catchError(f: () => unknown): Error & { code?: string } {
  try {
    f();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}
