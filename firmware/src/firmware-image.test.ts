import { AtomicNeuronOnDLS, NeuronColumnOnDLS, NeuronRowOnDLS, PPUOnDLS } from '@bss2/coords';
import { SpikeCounterRead, SpikeCounterReset } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { FirmwareError } from './firmware-error.js';
import { assembleFirmware, FIRMWARE_NAMES } from './firmware-image.js';
import { ppuWord } from './ppu-program.js';

const INTERNAL_MEMORY_BYTES = 16 * 1024;

describe('firmware images', () => {
  it('every program assembles, starts at address 0 and keeps its mailbox inside internal memory', () => {
    for (const name of FIRMWARE_NAMES) {
      const program = assembleFirmware(name);
      expect(program.symbol('_start'), name).toBe(0);
      expect(program.image.length, name).toBeLessThan(program.symbol('mailbox'));
      for (const [symbol, entry] of program.symbols) {
        if (symbol.startsWith('mailbox_')) {
          expect(entry.value % 4, `${name} ${symbol}`).toBe(0);
          expect(entry.value, `${name} ${symbol}`).toBeLessThan(INTERNAL_MEMORY_BYTES);
        }
      }
    }
  });

  it('homeostasis reaches the spike counters of libs/regs for all 512 neurons', () => {
    // The firmware computes counter addresses from four constants (homeostasis.s header); libs/regs is the one
    // declaration of the address map, so the two must agree for every neuron.
    const h = assembleFirmware('homeostasis');
    for (const row of [0, 1]) {
      for (let column = 0; column < 256; column++) {
        const neuron = AtomicNeuronOnDLS.of(NeuronRowOnDLS(row), NeuronColumnOnDLS(column));
        const ea =
          h.symbol('counter_read_west') + row * h.symbol('counter_row') + (column >= 128 ? h.symbol('counter_east') : 0) + (column % 128) * 16;
        expect(ea >>> 0).toBe((0x8000_0000 | (4 * SpikeCounterRead.addresses(neuron)[0]!)) >>> 0);
        expect((ea + h.symbol('counter_reset')) >>> 0).toBe((0x8000_0000 | (4 * SpikeCounterReset.addresses(neuron)[0]!)) >>> 0);
      }
    }
  });

  it('rejects unknown symbols and PPU addresses outside memory or off the word grid with a typed error', () => {
    expect(() => assembleFirmware('stdp').symbol('no_such_symbol')).toThrow(FirmwareError);
    for (const address of [-4, 2, INTERNAL_MEMORY_BYTES, 1.5]) {
      expect(() => ppuWord(PPUOnDLS.top, address)).toThrow(expect.objectContaining({ code: 'out-of-range', value: address }));
    }
    expect(ppuWord(PPUOnDLS.bottom, 0x3ff0)).toBe(4096 + 0x3ff0 / 4);
  });
});
