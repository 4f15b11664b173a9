import { CapMemBlockOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag } from '../field-engine/rows.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §2.3. Addresses and layouts from haldls include/haldls/vx/capmem.tcc (CapMemCell::addresses,
// CapMemBlockConfigBitfield) with the defaults of its CapMemBlockConfig constructor.

/** Cells of one CapMem column are 32 words apart (haldls capmem.tcc `column_stride`). */
const columnStride = 32;

/** The CapMemCell value that stops refreshing the cell (haldls capmem.h DisableRefresh = 1023). */
export const capMemDisableRefresh = 1023;

/** One analog parameter cell: a 10-bit DAC code, or 1023 to stop refreshing it. */
export const CapMemCell = defineContainer({
  name: 'CapMemCell',
  coord: CapMemCellOnDLS,
  words: 1,
  kind: 'config',
  readable: true,
  base: (c) =>
    baseOf('capmemSram', CapMemCellOnDLS.toCapMemBlockOnDLS(c)) +
    CapMemCellOnDLS.toCapMemColumnOnCapMemBlock(c) * columnStride +
    CapMemCellOnDLS.toCapMemRowOnCapMemBlock(c),
  addressing: 'capmemSram[block] + 32 · column + row',
  ref: '§2.3',
  source: 'haldls include/haldls/vx/capmem.tcc',
  doc: 'CapMem cell: 0..1022 = DAC code, 1023 = DisableRefresh (a legal value, not an error).',
  fields: [{ name: 'value', word: 0, lsb: 0, width: 10, access: 'rw', reset: 0, doc: 'DAC code 0..1022, or 1023 = DisableRefresh' }],
});

/** The refresh engine and debug readout of one CapMem block. */
export const CapMemBlockConfig = defineContainer({
  name: 'CapMemBlockConfig',
  coord: CapMemBlockOnDLS,
  words: 10,
  kind: 'config',
  readable: true,
  base: (b) => baseOf('capmemConfig', b),
  addressing: 'capmemConfig[block]',
  ref: '§2.3',
  source: 'haldls include/haldls/vx/capmem.tcc',
  doc: 'CapMem refresh timing, biases and the debug readout of one cell.',
  fields: [
    {
      name: 'debugReadoutRow',
      word: 0,
      lsb: 0,
      width: 24,
      encoding: 'one-hot',
      // haldls sets bit (23 − row): a one-hot row code with the 24 bits reversed.
      permutation: Array.from({ length: 24 }, (_, i) => 23 - i),
      access: 'rw',
      reset: -1,
      doc: 'Row of the cell driven onto the debug readout, −1 = debug readout off',
    },
    { name: 'debugReadoutColumn', word: 1, lsb: 0, width: 8, max: 129, access: 'rw', reset: 0, doc: 'Column of the debug readout cell' },
    { name: 'debugVRefSelect', word: 2, lsb: 0, width: 2, enum: { disabled: 0, v_ref_v: 1, v_ref_i: 2 }, access: 'rw', reset: 'disabled', doc: 'Debug voltage reference' },
    { name: 'vGlobalBias', word: 3, lsb: 0, width: 4, access: 'rw', reset: 7, doc: 'Global bias' },
    { name: 'debugLevelShifterBias', word: 3, lsb: 4, width: 4, access: 'rw', reset: 3, doc: 'Debug level shifter bias' },
    { name: 'debugSourceFollowerBias', word: 3, lsb: 8, width: 4, access: 'rw', reset: 3, doc: 'Debug source follower bias' },
    { name: 'debugOutAmpBias', word: 3, lsb: 12, width: 4, access: 'rw', reset: 7, doc: 'Debug output amplifier bias' },
    { name: 'currentCellRes', word: 4, lsb: 0, width: 6, access: 'rw', reset: 8, doc: 'Current cell resolution' },
    { name: 'debugIOutSelect', word: 5, lsb: 0, width: 2, enum: { disabled: 0, i_out_mux: 1, i_out_ramp: 2 }, access: 'rw', reset: 'disabled', doc: 'Debug current output' },
    { name: 'subCounter', word: 6, lsb: 0, width: 16, access: 'rw', reset: 16, doc: 'Refresh sub-counter' },
    flag('enableCapmem', 6, 16, 'Refresh engine on', true),
    flag('enableBoost', 6, 17, 'Boost'),
    flag('enableAutoboost', 6, 18, 'Automatic boost'),
    { name: 'prescaleRamp', word: 6, lsb: 20, width: 4, max: 6, access: 'rw', reset: 3, doc: 'Ramp prescaler, 0..6' },
    { name: 'prescalePause', word: 6, lsb: 24, width: 4, max: 6, access: 'rw', reset: 3, doc: 'Pause prescaler, 0..6' },
    { name: 'boostFactor', word: 6, lsb: 28, width: 4, access: 'rw', reset: 0, doc: 'Boost factor' },
    { name: 'pulseB', word: 7, lsb: 0, width: 16, access: 'rw', reset: 7, doc: 'Refresh pulse B length' },
    { name: 'pulseA', word: 7, lsb: 16, width: 16, access: 'rw', reset: 4, doc: 'Refresh pulse A length' },
    { name: 'boostB', word: 8, lsb: 0, width: 16, access: 'rw', reset: 0, doc: 'Boost pulse B length' },
    { name: 'boostA', word: 8, lsb: 16, width: 16, access: 'rw', reset: 0, doc: 'Boost pulse A length' },
    { name: 'pauseCounter', word: 9, lsb: 0, width: 32, access: 'rw', reset: 8096, doc: 'Refresh pause counter' },
  ],
});
