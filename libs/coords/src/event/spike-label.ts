import { defineCoord, type Coord } from '../ranged.js';
import { CoordError, unknownNameError } from '../coord-error.js';
import { NeuronEventOutputOnDLS } from '../neuron/neuron-event-output.js';
import {
  NeuronBackendAddressOut,
  NeuronLabel,
  PADILabel,
  RowSelectAddress,
  SPL1Address,
  SynapseLabel,
} from './spike-label-fields.js';

// Reference §1.3 (halco event.h SpikeLabel): the 16-bit label every spike event carries. Its fields overlap
// (the finer ones are views of the coarser ones), so they are declared once as a table of bit ranges.

/** The fields of a SpikeLabel: least significant bit and width (§1.3). */
export const spikeLabelFields = {
  spl1Address: { lsb: 14, width: 2 },
  neuronLabel: { lsb: 0, width: 14 },
  padiLabel: { lsb: 0, width: 11 },
  neuronEventOutput: { lsb: 8, width: 3 },
  addressOut: { lsb: 0, width: 8 },
  rowSelectAddress: { lsb: 6, width: 5 },
  synapseLabel: { lsb: 0, width: 6 },
} as const;

/** Field values for `SpikeLabel.of`; any subset, overlapping fields must agree on their shared bits. */
export interface SpikeLabelFields {
  readonly spl1Address?: SPL1Address;
  readonly neuronLabel?: NeuronLabel;
  readonly padiLabel?: PADILabel;
  readonly neuronEventOutput?: NeuronEventOutputOnDLS;
  readonly addressOut?: NeuronBackendAddressOut;
  readonly rowSelectAddress?: RowSelectAddress;
  readonly synapseLabel?: SynapseLabel;
}

type FieldName = keyof typeof spikeLabelFields;

// Checks the label before slicing it, so a forged label fails as a SpikeLabel instead of yielding some field.
const get = (label: SpikeLabel, field: FieldName): number =>
  (spikeLabel(label) >> spikeLabelFields[field].lsb) & ((1 << spikeLabelFields[field].width) - 1);

/** A 16-bit spike label (branded 0..65535). */
const spikeLabel = defineCoord('SpikeLabel', 0xffff);
export const SpikeLabel = Object.assign(spikeLabel, {
  /**
   * Builds a label from any subset of its fields; unset bits are 0. Each value is range-checked by its own
   * type; two given fields that overlap must agree on their shared bits, else `CoordError` `conflicting-fields`.
   */
  of: (fields: SpikeLabelFields): SpikeLabel => {
    let value = 0;
    let assigned = 0;
    for (const [name, raw] of Object.entries(fields) as [FieldName, number | undefined][]) {
      if (raw === undefined) continue;
      if (!(name in fieldType)) throw unknownNameError('SpikeLabelFields', name, Object.keys(fieldType));
      const { lsb, width } = spikeLabelFields[name];
      const mask = ((1 << width) - 1) << lsb;
      const bits = (fieldType[name](raw) << lsb) & mask;
      if ((value & assigned & mask) !== (bits & assigned)) throw conflict(name, fields);
      value |= bits;
      assigned |= mask;
    }
    return spikeLabel(value);
  },
  /** The label an on-chip neuron sends: bits 8–10 its event output, bits 0–7 its `address_out` (§1.3, §1.4). */
  ofNeuron: (eventOutput: NeuronEventOutputOnDLS, addressOut: NeuronBackendAddressOut): SpikeLabel =>
    spikeLabel((NeuronEventOutputOnDLS(eventOutput) << 8) | NeuronBackendAddressOut(addressOut)),
  toSPL1Address: (l: SpikeLabel): SPL1Address => SPL1Address(get(l, 'spl1Address')),
  toNeuronLabel: (l: SpikeLabel): NeuronLabel => NeuronLabel(get(l, 'neuronLabel')),
  toPADILabel: (l: SpikeLabel): PADILabel => PADILabel(get(l, 'padiLabel')),
  toNeuronEventOutputOnDLS: (l: SpikeLabel): NeuronEventOutputOnDLS => NeuronEventOutputOnDLS(get(l, 'neuronEventOutput')),
  toNeuronBackendAddressOut: (l: SpikeLabel): NeuronBackendAddressOut => NeuronBackendAddressOut(get(l, 'addressOut')),
  toRowSelectAddress: (l: SpikeLabel): RowSelectAddress => RowSelectAddress(get(l, 'rowSelectAddress')),
  toSynapseLabel: (l: SpikeLabel): SynapseLabel => SynapseLabel(get(l, 'synapseLabel')),
});
export type SpikeLabel = Coord<'SpikeLabel'>;

// The checked constructor of each field's value type.
const fieldType: Record<FieldName, (value: number) => number> = {
  spl1Address: SPL1Address,
  neuronLabel: NeuronLabel,
  padiLabel: PADILabel,
  neuronEventOutput: NeuronEventOutputOnDLS,
  addressOut: NeuronBackendAddressOut,
  rowSelectAddress: RowSelectAddress,
  synapseLabel: SynapseLabel,
};

function conflict(name: FieldName, fields: SpikeLabelFields): CoordError {
  return new CoordError(
    'conflicting-fields',
    'SpikeLabel',
    fields,
    { min: 0, max: 0xffff },
    `SpikeLabel: field ${name} disagrees with another given field on shared bits (${JSON.stringify(fields)})`,
  );
}
