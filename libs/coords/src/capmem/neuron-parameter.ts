import { unknownNameError } from '../coord-error.js';
import { CapMemRowOnCapMemBlock } from './capmem-cell-on-block.js';

// Reference §2.3 per-neuron rows (halco src/halco/hicann-dls/vx/v3/capmem.cpp CapMemRowOnCapMemBlock). Each of
// the 128 per-neuron columns of a CapMem block holds these 24 parameters of one neuron, row = parameter.
// `quantity` follows §10.3: rows 0–7 are voltages, rows 8–23 currents.

/** The 24 analog parameters of a neuron, in CapMem row order. */
export const neuronParameters = [
  { name: 'v_leak', row: 0, quantity: 'voltage', doc: 'leak potential' },
  { name: 'v_reset', row: 1, quantity: 'voltage', doc: 'reset potential' },
  { name: 'v_threshold', row: 2, quantity: 'voltage', doc: 'threshold potential' },
  { name: 'e_synin_exc_rev', row: 3, quantity: 'voltage', doc: 'excitatory reversal potential (COBA only)' },
  { name: 'e_synin_inh_rev', row: 4, quantity: 'voltage', doc: 'inhibitory reversal potential (COBA only)' },
  { name: 'v_adapt_leak', row: 5, quantity: 'voltage', doc: 'leak potential of the adaptation term' },
  { name: 'v_exp', row: 6, quantity: 'voltage', doc: 'threshold voltage of the exponential term' },
  { name: 'v_adapt_ref', row: 7, quantity: 'voltage', doc: 'adaptation reference potential' },
  { name: 'i_bias_leak', row: 8, quantity: 'current', doc: 'leak OTA bias (sets tau_mem)' },
  { name: 'i_bias_reset', row: 9, quantity: 'current', doc: 'reset OTA bias' },
  { name: 'i_bias_synin_exc_tau', row: 10, quantity: 'current', doc: 'excitatory synaptic time constant' },
  { name: 'i_bias_synin_exc_coba', row: 11, quantity: 'current', doc: 'excitatory input OTA bias, conductance-based' },
  { name: 'i_bias_synin_exc_shift', row: 12, quantity: 'current', doc: 'excitatory input reference source follower' },
  { name: 'i_bias_synin_exc_gm', row: 13, quantity: 'current', doc: 'excitatory input OTA bias, current-based' },
  { name: 'i_bias_synin_inh_tau', row: 14, quantity: 'current', doc: 'inhibitory synaptic time constant' },
  { name: 'i_bias_synin_inh_coba', row: 15, quantity: 'current', doc: 'inhibitory input OTA bias, conductance-based' },
  { name: 'i_bias_synin_inh_shift', row: 16, quantity: 'current', doc: 'inhibitory input reference source follower' },
  { name: 'i_bias_synin_inh_gm', row: 17, quantity: 'current', doc: 'inhibitory input OTA bias, current-based' },
  { name: 'i_bias_adapt_tau', row: 18, quantity: 'current', doc: 'adaptation time constant' },
  { name: 'i_bias_adapt_a', row: 19, quantity: 'current', doc: 'sub-threshold adaptation strength' },
  { name: 'i_bias_adapt_b', row: 20, quantity: 'current', doc: 'spike-triggered adaptation strength' },
  { name: 'i_bias_exp', row: 21, quantity: 'current', doc: 'strength of the exponential term' },
  { name: 'i_mem_offset', row: 22, quantity: 'current', doc: 'offset current onto the membrane (sign: invert_current)' },
  { name: 'i_bias_nmda', row: 23, quantity: 'current', doc: 'inter-compartment conductance bias' },
] as const;

/** Name of a per-neuron CapMem parameter. */
export type NeuronParameter = (typeof neuronParameters)[number]['name'];

/** Whether a CapMem cell holds a voltage or a current (§10.3). */
export type CapMemQuantity = 'voltage' | 'current';

type ParameterRow = (typeof neuronParameters)[number];
const byName = new Map<string, ParameterRow>(neuronParameters.map((p) => [p.name, p]));
const names: readonly NeuronParameter[] = neuronParameters.map((p) => p.name);

function lookup(name: NeuronParameter): ParameterRow {
  const row = byName.get(name);
  if (row === undefined) throw unknownNameError('NeuronParameter', name, names);
  return row;
}

/** Lookups over the `neuronParameters` table; unknown names throw `CoordError` `unknown-name`. */
export const NeuronParameter = {
  names,
  is: (name: unknown): name is NeuronParameter => typeof name === 'string' && byName.has(name),
  toCapMemRowOnCapMemBlock: (name: NeuronParameter): CapMemRowOnCapMemBlock => CapMemRowOnCapMemBlock(lookup(name).row),
  /** The parameter stored in a per-neuron CapMem row (every row holds one). */
  fromCapMemRowOnCapMemBlock: (row: CapMemRowOnCapMemBlock): NeuronParameter =>
    (neuronParameters[CapMemRowOnCapMemBlock(row)] as ParameterRow).name,
  quantityOf: (name: NeuronParameter): CapMemQuantity => lookup(name).quantity,
};
