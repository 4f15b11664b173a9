import { CADCChannelOnDLS, CADCOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag } from '../field-engine/rows.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §3.1. Addresses and layouts from haldls src/haldls/vx/cadc.cpp: the config sits at the CADC bus
// register; channel offsets live in two SRAM halves (west: columns 0..127, east: 128..255), two words per
// column (causal, acausal), and the signed offset is stored in excess-128 (`offset + 128`).

const halfColumns = 128;

/** Global settings of one CADC. */
export const CADCConfig = defineContainer({
  name: 'CADCConfig',
  coord: CADCOnDLS,
  words: 1,
  kind: 'config',
  readable: true,
  base: (c) => baseOf('cadcBusreg', c),
  addressing: 'cadcBusreg[cadc]',
  ref: '§3.1',
  source: 'haldls src/haldls/vx/cadc.cpp',
  doc: 'Enable and ramp timing of a columnar ADC.',
  fields: [
    flag('enable', 0, 0, 'Enable the CADC'),
    { name: 'resetWait', word: 0, lsb: 4, width: 8, access: 'rw', reset: 0, doc: 'Wait after the ramp reset' },
    { name: 'deadTime', word: 0, lsb: 12, width: 8, access: 'rw', reset: 0, doc: 'Dead time between conversions' },
  ],
});

/** Digital offset added to every sample of one CADC channel. */
export const CADCChannelConfig = defineContainer({
  name: 'CADCChannelConfig',
  coord: CADCChannelOnDLS,
  words: 1,
  kind: 'config',
  // haldls cadc.h: unsupported_read_targets = {hardware}.
  readable: false,
  base: (ch) => {
    const column = CADCChannelOnDLS.toCADCChannelColumnOnSynram(ch);
    const cadc = CADCChannelOnDLS.toCADCOnDLS(ch);
    const half = column >= halfColumns ? baseOf('cadcSramEast', cadc) : baseOf('cadcSramWest', cadc);
    return half + 2 * (column % halfColumns) + CADCChannelOnDLS.toCADCChannelType(ch);
  },
  addressing: '(column < 128 ? cadcSramWest : cadcSramEast)[cadc] + 2 · (column % 128) + type',
  ref: '§3.1',
  source: 'haldls src/haldls/vx/cadc.cpp',
  doc: 'Per-channel signed offset, −128..127, stored as offset + 128.',
  fields: [{ name: 'offset', word: 0, lsb: 0, width: 8, encoding: 'excess', access: 'rw', reset: 0, doc: 'Offset added to the samples, −128..127' }],
});
