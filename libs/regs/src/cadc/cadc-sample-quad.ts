import { CADCChannelType, CADCReadoutType, CADCSampleQuadOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { baseOf, type OmnibusBlockName } from '../omnibus-address-map.js';

// Reference §3.1, §3.3. Address and layout from haldls src/haldls/vx/cadc.cpp (CADCSampleQuad::read_addresses,
// CADCSampleQuadBitfield): the result of one channel type for one quad of synapse columns is read at the
// causal or acausal CADC base of the synram (| 0x20_0000 for the buffered readout) + row · 64 + quadColumn.
// The synapse row is part of the address: a triggered read converts the correlation accumulators of that row.
// The bitfield is declared with EXPAND_WORD listing sample 3 first, so on the host sample e sits in byte
// 3 − e, as in SynapseQuad (README choice 4; an older haldls src/haldls/vx/v3/cadc.cpp had sample e in byte e).

/** The readout block of a channel type and readout type. */
function resultBlock(type: CADCChannelType, readout: CADCReadoutType): OmnibusBlockName {
  const buffered = readout === CADCReadoutType.buffered;
  if (type === CADCChannelType.causal) return buffered ? 'causalCadcBuffered' : 'causalCadc';
  return buffered ? 'acausalCadcBuffered' : 'acausalCadc';
}

/** Four 8-bit CADC samples of one channel type, one synapse row and 4 adjacent columns, read-only. */
export const CADCSampleQuad = defineContainer({
  name: 'CADCSampleQuad',
  coord: CADCSampleQuadOnDLS,
  words: 1,
  kind: 'status',
  readable: true,
  base: (q) =>
    baseOf(resultBlock(CADCSampleQuadOnDLS.toCADCChannelType(q), CADCSampleQuadOnDLS.toCADCReadoutType(q)), CADCSampleQuadOnDLS.toSynramOnDLS(q)) +
    CADCSampleQuadOnDLS.toSynapseQuadOnSynram(q),
  addressing: '(causal|acausal)Cadc[Buffered][synram] + 64 · row + quadColumn; Buffered = base | 0x20_0000',
  ref: '§3.1',
  source: 'haldls src/haldls/vx/cadc.cpp',
  doc: 'Host-readable CADC result: samples of columns 4 · quadColumn + e of the addressed row; a triggered read starts a conversion. Entry e in byte 3 − e.',
  fields: [
    { name: 'samples', word: 0, lsb: 24, width: 8, count: 4, stride: -8, access: 'ro', reset: 0, doc: 'Offset-corrected sample of entry e, 0..255' },
  ],
});
