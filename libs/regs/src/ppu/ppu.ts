import { ExternalPPUMemoryWordOnFPGA, PPUMemoryWordOnDLS, PPUOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag } from '../field-engine/rows.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §4.6 (memory) and §4.8 (program load and start). Addresses from haldls src/haldls/vx/ppu.cpp:
// memory word w at PPU base + w, control at PPU base | 0x20_0000, status at PPU base | 0x20_0001; control
// bits from its PPUControlRegisterBitfield.

/** One 32-bit word of a PPU's internal memory (big-endian as seen by the PPU). */
export const PPUMemoryWord = defineContainer({
  name: 'PPUMemoryWord',
  coord: PPUMemoryWordOnDLS,
  words: 1,
  kind: 'config',
  readable: true,
  base: (w) => baseOf('ppuMemory', PPUMemoryWordOnDLS.toPPUOnDLS(w)) + PPUMemoryWordOnDLS.toPPUMemoryWordOnPPU(w),
  addressing: 'ppuMemory[ppu] + word',
  ref: '§4.6',
  source: 'haldls src/haldls/vx/ppu.cpp',
  doc: 'A word of PPU internal memory (program, data, mailbox).',
  fields: [{ name: 'value', word: 0, lsb: 0, width: 32, access: 'rw', reset: 0, doc: 'Word content' }],
});

/**
 * One word of the external PPU memory behind the FPGA (§1.7 FPGA-side omnibus 0x8000_0000, §4.6): where PPU
 * programs leave recordings too large for internal memory. Run-time memory rather than static configuration,
 * so it is not part of `Chip`.
 */
export const ExternalPPUMemoryWord = defineContainer({
  name: 'ExternalPPUMemoryWord',
  coord: ExternalPPUMemoryWordOnFPGA,
  words: 1,
  kind: 'control',
  readable: true,
  base: (w) => baseOf('externalPPUMemory') + w,
  addressing: 'externalPPUMemory + word',
  ref: '§1.7, §4.6',
  source: 'haldls include/haldls/vx/fpga.h (ExternalPPUMemoryByte, big-endian words)',
  doc: 'A word of the external PPU memory on the FPGA (128 KiB SRAM).',
  fields: [{ name: 'value', word: 0, lsb: 0, width: 32, access: 'rw', reset: 0, doc: 'Word content' }],
});

/** Run control of a PPU: releasing reset starts the program at address 0. */
export const PPUControlRegister = defineContainer({
  name: 'PPUControlRegister',
  coord: PPUOnDLS,
  words: 1,
  kind: 'control',
  readable: true,
  base: (p) => baseOf('ppuControl', p),
  addressing: 'ppuMemory[ppu] | 0x20_0000',
  ref: '§4.8',
  source: 'haldls src/haldls/vx/ppu.cpp',
  doc: 'PPU run control; set inhibitReset to start execution.',
  fields: [
    flag('inhibitReset', 0, 0, 'Release the core from reset: the program runs'),
    flag('forceClockOn', 0, 1, 'Keep the clock running'),
    flag('forceClockOff', 0, 2, 'Stop the clock'),
    flag('cacheControllerEnable', 0, 3, 'Cache controller'),
  ],
});

/** Whether a PPU program has finished (the core sleeps and its clock stops). */
export const PPUStatusRegister = defineContainer({
  name: 'PPUStatusRegister',
  coord: PPUOnDLS,
  words: 1,
  kind: 'status',
  readable: true,
  base: (p) => baseOf('ppuStatus', p),
  addressing: 'ppuMemory[ppu] | 0x20_0001',
  ref: '§4.8',
  source: 'haldls src/haldls/vx/ppu.cpp',
  doc: 'Read-only PPU status; poll sleep to detect the end of a program, then check fault.',
  fields: [
    flag('sleep', 0, 0, 'The core stopped: the program finished, or it faulted', false, 'ro'),
    {
      name: 'fault',
      word: 0,
      lsb: 8,
      width: 3,
      access: 'ro',
      reset: 0,
      doc: 'Twin extension: 0, or why the core halted (1 + index into PPU_FAULT_CODES of libs/ppu)',
    },
  ],
});
