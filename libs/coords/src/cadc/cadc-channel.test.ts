import { describe, expect, it } from 'vitest';
import { AtomicNeuronOnDLS, CADCChannelColumnOnSynram, CADCChannelOnDLS, CADCChannelType, CADCOnDLS, NeuronColumnOnDLS, NeuronRowOnDLS } from '../index.js';

describe('CADC channels (goldens, §3.1; halco cadc.h)', () => {
  it('channel = cadc · 512 + type · 256 + column', () => {
    const ch = CADCChannelOnDLS.of(CADCOnDLS.bottom, CADCChannelType.acausal, CADCChannelColumnOnSynram(3));
    expect(ch).toBe(771);
    expect(CADCChannelOnDLS.ofNeuron(AtomicNeuronOnDLS.of(NeuronRowOnDLS.bottom, NeuronColumnOnDLS(3)), CADCChannelType.acausal)).toBe(771);
    expect(CADCChannelOnDLS.toAtomicNeuronOnDLS(ch)).toBe(259);
    expect(CADCOnDLS.toPPUOnDLS(CADCOnDLS.bottom)).toBe(1);
  });
});
