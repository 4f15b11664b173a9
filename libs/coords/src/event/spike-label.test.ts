import { describe, expect, it } from 'vitest';
import {
  CoordError,
  NeuronBackendAddressOut,
  NeuronEventOutputOnDLS,
  NeuronLabel,
  RowSelectAddress,
  SPL1Address,
  SpikeLabel,
  SynapseLabel,
} from '../index.js';

describe('SpikeLabel (goldens, §1.3)', () => {
  it('a neuron label is (event output << 8) | address_out', () => {
    const l = SpikeLabel.ofNeuron(NeuronEventOutputOnDLS(1), NeuronBackendAddressOut(5));
    expect(l).toBe(0x105);
    expect(SpikeLabel.toNeuronEventOutputOnDLS(l)).toBe(1);
    expect(SpikeLabel.toNeuronBackendAddressOut(l)).toBe(5);
    expect(SpikeLabel.toRowSelectAddress(l)).toBe(4);
    expect(SpikeLabel.toSynapseLabel(l)).toBe(5);
    expect(SpikeLabel.toSPL1Address(l)).toBe(0);
  });

  it('of() places spl1 address, row select and synapse label at bits 14–15, 6–10, 0–5', () => {
    const l = SpikeLabel.of({ spl1Address: SPL1Address(2), rowSelectAddress: RowSelectAddress(3), synapseLabel: SynapseLabel(7) });
    expect(l).toBe(0x8000 | (3 << 6) | 7);
    expect(SpikeLabel.toNeuronLabel(l)).toBe((3 << 6) | 7);
    expect(SpikeLabel.toPADILabel(l)).toBe((3 << 6) | 7);
    expect(SpikeLabel.toSPL1Address(SpikeLabel(0xffff))).toBe(3);
    expect(SpikeLabel.toNeuronLabel(SpikeLabel(0xffff))).toBe(0x3fff);
    expect(SpikeLabel.toPADILabel(SpikeLabel(0xffff))).toBe(0x7ff);
  });

  it('overlapping fields must agree', () => {
    expect(SpikeLabel.of({ neuronLabel: NeuronLabel(0x105), neuronEventOutput: NeuronEventOutputOnDLS(1) })).toBe(0x105);
    expect(() => SpikeLabel.of({ neuronLabel: NeuronLabel(0), synapseLabel: SynapseLabel(1) })).toThrow(CoordError);
    expect(() => SpikeLabel.of({ neuronLabel: NeuronLabel(0), synapseLabel: SynapseLabel(1) })).toThrow(/synapseLabel/);
  });

  it('field values are range-checked, nothing is masked', () => {
    expect(() => SpikeLabel.of({ synapseLabel: 64 as SynapseLabel })).toThrow(/SynapseLabel 64 is out of range 0..63/);
    expect(() => SpikeLabel.ofNeuron(NeuronEventOutputOnDLS(1), 256 as NeuronBackendAddressOut)).toThrow(CoordError);
  });
});
