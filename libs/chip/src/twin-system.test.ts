import {
  AtomicNeuronOnDLS,
  CADCChannelType,
  CADCOnDLS,
  CADCReadoutType,
  CADCSampleQuadOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCorrelationQuadOnDLS,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnSynram,
  SynapseRowOnSynram,
  SynramOnDLS,
} from '@bss2/coords';
import { PlaybackProgramBuilder } from '@bss2/playback';
import { CADCConfig, CADCSampleQuad, CapMemCell, ColumnCorrelationQuad, NeuronConfig } from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { TwinSystem } from './twin-system.js';

// Per-chip identity and mismatch, seen the way calibration sees it: resting potentials of all 512 neurons
// read through the CADCs, with every configuration and read going over the link.

/** One program: uniform CapMem codes on every neuron, CADC neuron readout, settle, read all 512 channels. */
function restingPotentialProgram(): { program: ReturnType<PlaybackProgramBuilder['done']>; reads: ReturnType<PlaybackProgramBuilder['read']>[] } {
  const builder = new PlaybackProgramBuilder();
  for (const neuron of AtomicNeuronOnDLS.all()) {
    builder.write(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, 'v_leak'), { value: 400 });
    builder.write(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, 'i_bias_leak'), { value: 500 });
    builder.write(NeuronConfig, neuron, NeuronConfig.modify(NeuronConfig.defaults(), { memCapSize: 63, readoutSelect: 'membrane' }));
  }
  // The calibrated CADC state of reference §10.7: ramp start 0.06 V (code 22), 4.5 mV per LSB (code 350).
  for (const block of CapMemBlockOnDLS.all()) {
    builder.write(CapMemCell, CapMemCellOnDLS.ofShared(block, 'cadc_v_ramp_offset'), { value: 22 });
    builder.write(CapMemCell, CapMemCellOnDLS.ofShared(block, 'cadc_i_ramp_slope'), { value: 350 });
  }
  for (const cadc of CADCOnDLS.all()) builder.write(CADCConfig, cadc, CADCConfig.modify(CADCConfig.defaults(), { enable: true }));
  for (const quad of ColumnCorrelationQuadOnDLS.all()) {
    builder.write(ColumnCorrelationQuad, quad, ColumnCorrelationQuad.modify(ColumnCorrelationQuad.defaults(), { enableCadcNeuronReadoutCausal: [true, true, true, true] }));
  }
  // CapMem settling (τ = 4 ms, §10.3): calix waits 20 ms.
  builder.timerReset().waitUntil(20_000 * 125);
  const reads = SynramOnDLS.all().flatMap((synram) =>
    SynapseQuadColumnOnDLS.all().map((column) =>
      builder.read(CADCSampleQuad, CADCSampleQuadOnDLS.of(synram, CADCReadoutType(0), CADCChannelType(0), SynapseQuadOnSynram.of(SynapseRowOnSynram(0), column))),
    ),
  );
  return { program: builder.done(), reads };
}

async function restingReads(system: TwinSystem, chip: number): Promise<number[]> {
  const { program, reads } = restingPotentialProgram();
  await system.connection(chip).run(program);
  return reads.flatMap((r) => (r.get() as { samples: number[] }).samples);
}

const std = (xs: readonly number[]): number => {
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / (xs.length - 1));
};

describe('TwinSystem', () => {
  it('gives each chip its own fixed pattern: the uncalibrated spread of reference §10.4, reproducible per identity', async () => {
    const system = new TwinSystem({ fidelity: 'analog', identities: ['chip-a', 'chip-b'], noise: false });
    const again = new TwinSystem({ fidelity: 'analog', identities: ['chip-a'], noise: false });
    const [a, b, a2] = await Promise.all([restingReads(system, 0), restingReads(system, 1), restingReads(again, 0)]);
    expect(a.length).toBe(512);
    // σ of v_leak is 15 CADC LSB (67.5 mV) before calibration; the CADC adds its channel offsets (σ 5 LSB).
    expect(std(a)).toBeGreaterThan(12);
    expect(std(a)).toBeLessThan(20);
    expect(a).toEqual(a2);
    expect(a).not.toEqual(b);
    await Promise.all([system.close(), again.close()]);
  });

  it('an ideal chip has no spread', async () => {
    const system = TwinSystem.numbered(1, 'ideal', { fidelity: 'ideal' });
    const reads = await restingReads(system, 0);
    expect(new Set(reads).size).toBe(1);
    // v_leak code 400 = 0.769 V → 20 + (0.769 − 0.15) / 4.5 mV ≈ 158 (calibrated mapping, §10.7).
    expect(reads[0]).toBe(Math.round(20 + (0.15 + (400 - 70) * 1.875e-3 - 0.15) / 0.0045));
    await system.close();
  });

  it('rejects impossible systems with typed errors', () => {
    expect(() => new TwinSystem({ fidelity: 'ideal', identities: [] })).toThrow(/at least one chip/);
    expect(() => new TwinSystem({ fidelity: 'ideal', identities: ['x', 'x'] })).toThrow(/unique/);
    expect(() => TwinSystem.numbered(0, 'x', { fidelity: 'ideal' })).toThrow(/positive integer/);
    expect(() => TwinSystem.numbered(2, 'x', { fidelity: 'ideal' }).connection(2)).toThrow(/does not exist/);
  });
});
