import { defineCoord, type Coord } from '../ranged.js';
import { CrossbarInputOnDLS } from '../crossbar/crossbar-input.js';
import { CrossbarL2OutputOnDLS } from '../crossbar/crossbar-output.js';
import { SynapseDriverOnPADIBus } from '../synapse-driver/synapse-driver.js';

// Reference §1.3 (halco event.h): the ranged values carried in the fields of a 16-bit SpikeLabel.

/** SPL1 address, bits 14–15: the L2 channel (crossbar inputs 8..11, L2 outputs 0..3). */
const spl1 = defineCoord('SPL1Address', 3);
export const SPL1Address = Object.assign(spl1, {
  /** L2 channel a enters the crossbar at input 8 + a (halco routing_crossbar.cpp). */
  toCrossbarInputOnDLS: (a: SPL1Address): CrossbarInputOnDLS => CrossbarInputOnDLS.fromSPL1Address(a),
  toCrossbarL2OutputOnDLS: (a: SPL1Address): CrossbarL2OutputOnDLS => CrossbarL2OutputOnDLS(spl1(a)),
});
export type SPL1Address = Coord<'SPL1Address'>;

/** Neuron label, bits 0–13: what crossbar nodes match on (`(label & mask) == target`, §1.2). */
export const NeuronLabel = defineCoord('NeuronLabel', 0x3fff);
export type NeuronLabel = Coord<'NeuronLabel'>;

/** PADI label, bits 0–10 (11 bit, §1.3): what a PADI bus carries to the synapse drivers. */
export const PADILabel = defineCoord('PADILabel', 0x7ff);
export type PADILabel = Coord<'PADILabel'>;

/** PADI row-select address, bits 6–10: selects the driver at this position on the bus (§1.3, §1.4). */
const rowSelect = defineCoord('RowSelectAddress', 31);
export const RowSelectAddress = Object.assign(rowSelect, {
  /** With the default all-ones compare mask, address a selects the driver at position a (§1.4). */
  toSynapseDriverOnPADIBus: (a: RowSelectAddress): SynapseDriverOnPADIBus => SynapseDriverOnPADIBus(rowSelect(a)),
  fromSynapseDriverOnPADIBus: (d: SynapseDriverOnPADIBus): RowSelectAddress => rowSelect(SynapseDriverOnPADIBus(d)),
});
export type RowSelectAddress = Coord<'RowSelectAddress'>;

/** Synapse label, bits 0–5: compared with the 6-bit label stored in each synapse (§1.4, §1.5). */
export const SynapseLabel = defineCoord('SynapseLabel', 63);
export type SynapseLabel = Coord<'SynapseLabel'>;

/** The 8-bit `address_out` of a NeuronBackendConfig, bits 0–7 of the labels its neuron sends (§1.3, §1.8). */
export const NeuronBackendAddressOut = defineCoord('NeuronBackendAddressOut', 255);
export type NeuronBackendAddressOut = Coord<'NeuronBackendAddressOut'>;
