import type { CapMemQuantity } from './neuron-parameter.js';

// Reference §2.3 "Shared (per-block) cells" and "Global cells"; positions from halco
// src/halco/hicann-dls/vx/v3/capmem.cpp (CapMemCellOnCapMemBlock / CapMemCellOnDLS constants, and
// UnusedCapMemCellOnDLS for the 90 cells that hold nothing). `quantity` follows §10.3 (see README for the few
// names that contain neither `_v_` nor `_i_`).

/** Cells present in every CapMem block at the same (row, column): one value per block. */
export const sharedCapMemCells = [
  { name: 'stp_v_charge_0', row: 0, column: 128, quantity: 'voltage' },
  { name: 'stp_v_charge_1', row: 1, column: 128, quantity: 'voltage' },
  { name: 'stp_v_recover_0', row: 2, column: 128, quantity: 'voltage' },
  { name: 'stp_v_recover_1', row: 3, column: 128, quantity: 'voltage' },
  { name: 'cadc_v_ramp_offset', row: 4, column: 128, quantity: 'voltage' },
  { name: 'cadc_v_bias_ramp_buf', row: 5, column: 128, quantity: 'voltage' },
  { name: 'neuron_v_bias_casc_n', row: 7, column: 128, quantity: 'voltage' },
  { name: 'syn_i_bias_dac', row: 8, column: 128, quantity: 'current' },
  { name: 'syn_i_bias_ramp', row: 9, column: 128, quantity: 'current' },
  { name: 'syn_i_bias_store', row: 10, column: 128, quantity: 'current' },
  { name: 'syn_i_bias_corout', row: 11, column: 128, quantity: 'current' },
  { name: 'stp_i_bias_comparator', row: 12, column: 128, quantity: 'current' },
  { name: 'stp_i_ramp', row: 13, column: 128, quantity: 'current' },
  { name: 'stp_i_calib', row: 14, column: 128, quantity: 'current' },
  { name: 'cadc_i_ramp_slope', row: 15, column: 128, quantity: 'current' },
  { name: 'cadc_i_bias_comp', row: 16, column: 128, quantity: 'current' },
  { name: 'cadc_i_bias_vreset_buf', row: 17, column: 128, quantity: 'current' },
  { name: 'neuron_i_bias_readout_amp', row: 18, column: 128, quantity: 'current' },
  { name: 'neuron_i_bias_leak_source_follower', row: 19, column: 128, quantity: 'current' },
  { name: 'neuron_i_bias_spike_comparator', row: 20, column: 128, quantity: 'current' },
  { name: 'neuron_i_bias_synin_drop', row: 23, column: 129, quantity: 'current' },
] as const satisfies readonly { name: string; row: number; column: 128 | 129; quantity: CapMemQuantity }[];

/** Name of a shared (per-block) CapMem cell. */
export type SharedCapMemCell = (typeof sharedCapMemCells)[number]['name'];

/** Cells that exist once on the chip, in one particular block. */
export const globalCapMemCells = [
  { name: 'readout_sc_amp_v_ref', block: 0, row: 6, column: 128, quantity: 'voltage' },
  { name: 'readout_pseudo_diff_v_ref', block: 1, row: 6, column: 128, quantity: 'voltage' },
  { name: 'readout_iconv_test_voltage', block: 2, row: 6, column: 128, quantity: 'voltage' },
  { name: 'readout_iconv_sc_amp_v_ref', block: 3, row: 6, column: 128, quantity: 'voltage' },
  { name: 'readout_iconv_sc_amp_i_bias', block: 0, row: 21, column: 128, quantity: 'current' },
  { name: 'readout_pseudo_diff_buffer_bias', block: 0, row: 22, column: 128, quantity: 'current' },
  { name: 'readout_out_amp_i_bias_0', block: 0, row: 23, column: 128, quantity: 'current' },
  { name: 'readout_out_amp_i_bias_1', block: 0, row: 8, column: 129, quantity: 'current' },
  { name: 'readout_idac_i_bias', block: 0, row: 9, column: 129, quantity: 'current' },
  { name: 'readout_idac_i_bias_casc', block: 0, row: 10, column: 129, quantity: 'current' },
  { name: 'readout_iconv_i_bias_buffer', block: 0, row: 11, column: 129, quantity: 'current' },
  { name: 'readout_ac_mux_i_bias', block: 0, row: 12, column: 129, quantity: 'current' },
  { name: 'readout_madc_in_500na', block: 0, row: 13, column: 129, quantity: 'current' },
  { name: 'readout_sc_amp_i_bias', block: 0, row: 14, column: 129, quantity: 'current' },
  { name: 'stp_ibias_readout_top', block: 1, row: 21, column: 128, quantity: 'current' },
  { name: 'stp_ibias_readout_bottom', block: 3, row: 21, column: 128, quantity: 'current' },
  { name: 'hagen_ibias_dac_top', block: 1, row: 22, column: 128, quantity: 'current' },
  { name: 'hagen_ibias_dac_bottom', block: 3, row: 22, column: 128, quantity: 'current' },
] as const satisfies readonly { name: string; block: 0 | 1 | 2 | 3; row: number; column: 128 | 129; quantity: CapMemQuantity }[];

/** Name of a global CapMem cell. */
export type GlobalCapMemCell = (typeof globalCapMemCells)[number]['name'];
