import { SynapseDriverOnDLS } from '@bss2/coords';
import { defineContainer } from '../field-engine/define-container.js';
import { flag } from '../field-engine/rows.js';
import { baseOf } from '../omnibus-address-map.js';

// Reference §1.4 and §1.5. Layout from haldls src/haldls/vx/v3/synapse_driver.cpp (SynapseDriverConfigBitfield,
// to_bitfield): enable_address_out, hagen_dac_offset and enable_charge_sharing are stored inverted,
// recovery bit-reversed, and each row mode is the pair (en_exc, en_inh) in non-adjacent bits.

const slotWords = 4;

const rowMode = { disabled: 0, excitatory: 1, inhibitory: 2, excitatory_and_inhibitory: 3 } as const;

/** One synapse driver: PADI receiver, row-select compare, row modes (sign), STP and HAGEN settings. */
export const SynapseDriverConfig = defineContainer({
  name: 'SynapseDriverConfig',
  coord: SynapseDriverOnDLS,
  words: 3,
  kind: 'config',
  // Unreadable in simulation only (haldls v3/synapse_driver.h unsupported_read_targets = {simulation}).
  readable: true,
  base: (d) =>
    baseOf('synapseDriverSram', SynapseDriverOnDLS.toSynapseDriverBlockOnDLS(d)) +
    SynapseDriverOnDLS.toSynapseDriverOnSynapseDriverBlock(d) * slotWords,
  addressing: 'synapseDriverSram[block] + 4 · driver',
  ref: '§1.5',
  source: 'haldls src/haldls/vx/v3/synapse_driver.cpp',
  doc: 'Synapse driver: forwards PADI events with matching row-select address to its two rows.',
  fields: [
    { name: 'utilization', word: 0, lsb: 0, width: 4, access: 'rw', reset: 0, doc: 'STP utilization strength' },
    { name: 'offset', word: 0, lsb: 4, width: 4, access: 'rw', reset: 0, doc: 'Calibration of the DAC-enable pulse width' },
    flag('enableHagenDac', 0, 8, 'DAC converting a HAGEN activation to an STP voltage'),
    { name: 'rowAddressCompareMask', word: 0, lsb: 9, width: 5, access: 'rw', reset: 0b11111, doc: 'Row-select bits compared with the driver index; 0 = ignore' },
    { ...flag('enableAddressOut', 0, 14, 'Send the lower 5 address bits to the synapses (MSB always)', true), invert: true },
    flag('enableReceiver', 0, 15, 'PADI bus receiver'),
    { name: 'recovery', word: 1, lsb: 0, width: 4, permutation: [3, 2, 1, 0], access: 'rw', reset: 0, doc: 'STP recovery time constant' },
    {
      name: 'rowModeBottom',
      bits: [
        { word: 1, lsb: 4, width: 1 },
        { word: 1, lsb: 6, width: 1 },
      ],
      enum: rowMode,
      access: 'rw',
      reset: 'disabled',
      doc: 'Sign of the bottom row (row 2d): (en_exc, en_inh)',
    },
    {
      name: 'rowModeTop',
      bits: [
        { word: 1, lsb: 5, width: 1 },
        { word: 1, lsb: 7, width: 1 },
      ],
      enum: rowMode,
      access: 'rw',
      reset: 'disabled',
      doc: 'Sign of the top row (row 2d + 1): (en_exc, en_inh)',
    },
    { name: 'hagenDacOffset', word: 1, lsb: 8, width: 6, invert: true, access: 'rw', reset: 0, doc: 'Output offset of the HAGEN DAC' },
    { name: 'selectTargetVoltages', word: 2, lsb: 0, width: 1, access: 'rw', reset: 0, doc: 'Which of two STP (vrecover, vcharge) pairs' },
    flag('enableReadout', 2, 1, 'STP voltage readout'),
    flag('enableRenewing', 2, 2, 'Renewing synapses (broken circuit, no effect)'),
    flag('enableHagenModulation', 2, 3, 'Pulse width proportional to the event address (HAGEN)'),
    flag('enableStp', 2, 4, 'Short-term plasticity circuit'),
    { ...flag('enableChargeSharing', 2, 6, 'Charge sharing (broken, no effect)'), invert: true },
    flag('enableRecovery', 2, 7, 'STP recovery circuit'),
  ],
});
