import {
  AtomicNeuronOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCurrentQuadOnDLS,
  CommonNeuronBackendConfigOnDLS,
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  MADCConfigOnDLS,
  MADCControlOnDLS,
  PADIBusBlockOnDLS,
  SynapseDriverOnDLS,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseRowOnSynram,
  SynramOnDLS,
  type NeuronParameter,
} from '@bss2/coords';
import { ToFpgaWriter } from '@bss2/link';
import { PlaybackProgramBuilder } from '@bss2/playback';
import {
  CapMemCell,
  ColumnCurrentQuad,
  CommonNeuronBackendConfig,
  CommonPADIBusConfig,
  CrossbarNode,
  MADCConfig,
  MADCControl,
  NeuronBackendConfig,
  NeuronConfig,
  SpikeCounterRead,
  SynapseDriverConfig,
  SynapseQuad,
} from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { ChipTwin } from './chip-twin.js';
import { FpgaExecutor } from './fpga-executor.js';
import { TwinConnection } from './twin-connection.js';

// End-to-end: every configuration below travels as link words through the twin's FPGA executor and register
// file; the expectations come from the reference's formulas (§1.8, §10.3), not from the twin's code.

const volts = (code: number): number => Math.min(1.2, 0.15 + (code - 70) * 1.875e-3);
const nanoamps = (code: number): number => (1000 * code) / 1022;

interface LifCodes {
  readonly leak: number;
  readonly reset: number;
  readonly threshold: number;
  readonly leakBias: number;
  readonly offset: number;
  readonly refractoryTime: number;
  readonly address: number;
}

function configureLif(builder: PlaybackProgramBuilder, neuron: AtomicNeuronOnDLS, codes: LifCodes): void {
  const capmem: Partial<Record<NeuronParameter, number>> = {
    v_leak: codes.leak,
    v_reset: codes.reset,
    v_threshold: codes.threshold,
    i_bias_leak: codes.leakBias,
    i_mem_offset: codes.offset,
    i_bias_synin_exc_tau: 30,
    i_bias_synin_exc_gm: 500,
  };
  for (const [parameter, value] of Object.entries(capmem)) builder.write(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, parameter as NeuronParameter), { value });
  builder.write(NeuronConfig, neuron, NeuronConfig.modify(NeuronConfig.defaults(), { enFire: true, enThreshComp: true, enSyninExc: true, memCapSize: 63, enMemOff: codes.offset > 0, enReadout: true }));
  builder.write(
    NeuronBackendConfig,
    neuron,
    NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), { addressOut: codes.address, refractoryTime: codes.refractoryTime, enSpikeOut: true, enNeuronMaster: true }),
  );
}

const lif: LifCodes = { leak: 300, reset: 250, threshold: 400, leakBias: 200, offset: 1000, refractoryTime: 40, address: 7 };

describe('TwinConnection (ideal)', () => {
  it('records a LIF neuron driven by its offset current at the closed-form interspike interval', async () => {
    const connection = new TwinConnection({ identity: 'closed-form', fidelity: 'ideal' });
    const neuron = AtomicNeuronOnDLS(5);
    const builder = new PlaybackProgramBuilder();
    configureLif(builder, neuron, lif);
    // Backend clock scale 2 (slow clock, the default selection): refractory = 40 · 2^2 FPGA cycles (§1.8).
    builder.write(CommonNeuronBackendConfig, CommonNeuronBackendConfigOnDLS(0), CommonNeuronBackendConfig.modify(CommonNeuronBackendConfig.defaults(), { clockScaleSlow: 2 }));
    builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(0), CrossbarOutputOnDLS(8)), { mask: 0, target: 0, enableDropCounter: false });
    builder.timerReset();
    builder.waitUntil(100 * 125);
    const counter = builder.read(SpikeCounterRead, neuron);
    const result = await connection.run(builder.done());

    // v∞ = vLeak + I·τ/C; after the reset hold the membrane climbs from vReset to θ (reference §10.3 curves).
    const tauUs = 10;
    const vInf = volts(lif.leak) + (0.1 * nanoamps(lif.offset) * 1e-3 * tauUs) / 2.3;
    const climbCycles = tauUs * Math.log((vInf - volts(lif.reset)) / (vInf - volts(lif.threshold))) * 125;
    const isi = lif.refractoryTime * 4 + climbCycles;
    const times = result.spikes.map((s) => s.cycles);
    expect(result.spikes.length).toBeGreaterThan(5);
    expect(result.spikes.every((s) => s.label === (0 << 8) + lif.address)).toBe(true);
    for (let i = 1; i < times.length; i++) expect(Math.abs((times[i] as number) - (times[i - 1] as number) - isi)).toBeLessThanOrEqual(1);
    expect(counter.get().count).toBe(result.spikes.length);
    await connection.close();
  });

  it('delivers injected spikes through crossbar, PADI bus, driver and synapse, visible in the MADC trace', async () => {
    const connection = new TwinConnection({ identity: 'psp', fidelity: 'ideal' });
    const neuron = AtomicNeuronOnDLS(0);
    const builder = new PlaybackProgramBuilder();
    configureLif(builder, neuron, { ...lif, offset: 0, threshold: 1000 });
    builder.write(CapMemCell, CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(0), 'syn_i_bias_dac'), { value: 600 });
    builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(8), CrossbarOutputOnDLS(0)), { mask: 0, target: 0, enableDropCounter: false });
    builder.write(CommonPADIBusConfig, PADIBusBlockOnDLS(0), CommonPADIBusConfig.modify(CommonPADIBusConfig.defaults(), { enableSpl1: [true, false, false, false] }));
    builder.write(SynapseDriverConfig, SynapseDriverOnDLS(0), SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), { enableReceiver: true, rowModeBottom: 'excitatory' }));
    builder.write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(0), SynapseRowOnSynram(0), SynapseQuadColumnOnDLS(0)), {
      weights: [63, 0, 0, 0],
      labels: [5, 0, 0, 0],
      timeCalibs: [0, 0, 0, 0],
      ampCalibs: [0, 0, 0, 0],
    });
    builder.write(ColumnCurrentQuad, ColumnCurrentQuadOnDLS.of(SynramOnDLS(0), SynapseQuadColumnOnDLS(0)), ColumnCurrentQuad.modify(ColumnCurrentQuad.defaults(), { enableSynapticCurrentExcitatory: [true, false, false, false] }));
    builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: 2000 }));
    // Let the membrane settle at its leak potential (it starts where the power-on CapMem codes put it).
    builder.timerReset();
    builder.waitUntil(150 * 125);
    builder.timerReset();
    builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
    builder.injectSpikes([5], [10 * 125]);
    builder.waitUntil(70 * 125);
    const result = await connection.run(builder.done());

    expect(result.madcSamples.length).toBe(2000);
    const sampleVolts = result.madcSamples.map((s) => (s.value * 1.2) / 1023);
    const before = sampleVolts.filter((_, i) => (result.madcSamples[i]?.cycles ?? 0) < 10 * 125);
    const rest = volts(lif.leak);
    for (const v of before) expect(Math.abs(v - rest)).toBeLessThan(0.0015);
    const peakIndex = sampleVolts.indexOf(Math.max(...sampleVolts));
    const peakUs = ((result.madcSamples[peakIndex]?.cycles ?? 0) - 10 * 125) / 125;
    // PSP of exponential current into a leaky membrane peaks at τmτs/(τm−τs)·ln(τm/τs) (§10.3: τm 10 µs, τs 10 µs → τ).
    expect(peakUs).toBeGreaterThan(8);
    expect(peakUs).toBeLessThan(12);
    // Amplitude: jump 55 mV current-equivalent at w = 63 (libs/analog README), τm = τs → peak = jump / e.
    const jumpVolts = 0.055 * (nanoamps(600) / nanoamps(600));
    expect(Math.max(...sampleVolts) - rest).toBeCloseTo(jumpVolts / Math.E, 2);
    await connection.close();
  });

  it('rejects a read of an unreadable register with a typed error and stays usable', async () => {
    const twin = new ChipTwin({ identity: 'errors', fidelity: 'ideal' });
    // The builder refuses unreadable reads, so the raw words are written by hand, as a foreign tool might.
    const writer = new ToFpgaWriter();
    writer.omnibusRead(CrossbarNode.addresses(CrossbarNodeOnDLS(0))[0] as number);
    let error: unknown;
    try {
      new FpgaExecutor(twin).execute(writer.finish());
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'unreadable', details: { offset: 0 } });
    const connection = new TwinConnection(twin);
    const ok = new PlaybackProgramBuilder();
    const counter = ok.read(SpikeCounterRead, AtomicNeuronOnDLS(1));
    await connection.run(ok.done());
    expect(counter.get()).toEqual({ count: 0, overflow: false });
    await connection.close();
  });
});
