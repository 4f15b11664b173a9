import {
  AtomicNeuronOnDLS,
  BackgroundSpikeSourceOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCurrentQuadOnDLS,
  CommonNeuronBackendConfigOnDLS,
  CrossbarOutputOnDLS,
  PADIBusBlockOnDLS,
  SynapseDriverOnDLS,
  SynapseQuadOnDLS,
  type NeuronParameter,
} from '@bss2/coords';
import { PlaybackProgramBuilder } from '@bss2/playback';
import {
  BackgroundSpikeSource,
  CapMemCell,
  Chip,
  ColumnCurrentQuad,
  CommonNeuronBackendConfig,
  CommonPADIBusConfig,
  CrossbarOutputEventCounter,
  NeuronBackendConfig,
  NeuronConfig,
  SpikeCounterRead,
  SynapseDriverConfig,
  SynapseQuad,
} from '@bss2/regs';
import { describe, expect, it } from 'vitest';
import { TwinConnection } from './twin-connection.js';

// ChipTwinOptions.threads: with background input only, the analog core runs split windows on two threads
// (libs/analog "Split windows"); the chip must return exactly what one thread returns — spike counters,
// crossbar counters, the recorded events — and fall back to one thread where a neuron's spikes enter the router.

const volts = (v: number): number => Math.round(70 + (v - 0.15) / 1.875e-3);

/** AdEx neurons driven by 8 Poisson background sources through every synapse driver (a small bench:chip network). */
function network(spikeOutNeuron: number | undefined): Chip {
  const chip = new Chip();
  let seed = 99;
  const random = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const codes: Partial<Record<NeuronParameter, number>> = {
    v_leak: volts(0.42),
    v_reset: volts(0.375),
    v_threshold: volts(0.7),
    v_exp: volts(0.6),
    i_bias_leak: 200,
    i_bias_synin_exc_tau: 60,
    i_bias_synin_inh_tau: 60,
    i_bias_synin_exc_gm: 500,
    i_bias_synin_inh_gm: 700,
    i_bias_exp: 511,
    i_bias_adapt_tau: 40,
    i_bias_adapt_b: 235,
  };
  for (const neuron of AtomicNeuronOnDLS.all()) {
    for (const [parameter, value] of Object.entries(codes)) chip.set(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, parameter as NeuronParameter), { value });
    chip.modify(NeuronConfig, neuron, { enFire: true, enThreshComp: true, enSyninExc: true, enSyninInh: true, memCapSize: 63, enExp: true, enAdapt: true });
    chip.modify(NeuronBackendConfig, neuron, { refractoryTime: 125, enAdaptPulse: true, enSpikeOut: neuron === spikeOutNeuron });
  }
  for (const block of CommonNeuronBackendConfigOnDLS.all()) chip.modify(CommonNeuronBackendConfig, block, { clockScaleSlow: 1 });
  for (const block of CapMemBlockOnDLS.all()) chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'syn_i_bias_dac'), { value: 600 });
  for (const quad of ColumnCurrentQuadOnDLS.all()) {
    chip.modify(ColumnCurrentQuad, quad, { enableSynapticCurrentExcitatory: [true, true, true, true], enableSynapticCurrentInhibitory: [true, true, true, true] });
  }
  for (const block of PADIBusBlockOnDLS.all()) chip.modify(CommonPADIBusConfig, block, { enableSpl1: [true, true, true, true] });
  for (const driver of SynapseDriverOnDLS.all()) {
    const row = (driver % 128) * 2;
    chip.modify(SynapseDriverConfig, driver, { enableReceiver: true, rowAddressCompareMask: 0, rowModeBottom: row < 192 ? 'excitatory' : 'inhibitory', rowModeTop: row + 1 < 192 ? 'excitatory' : 'inhibitory' });
  }
  for (const quad of SynapseQuadOnDLS.all()) {
    const row = SynapseQuadOnDLS.toSynapseRowOnSynram(quad);
    const label = (((row >> 1) >> 2) * 2 + (row & 1)) & 63;
    const weight = (): number => Math.floor(64 * random());
    chip.set(SynapseQuad, quad, { weights: [weight(), weight(), weight(), weight()], labels: [label, label, label, label], timeCalibs: [0, 0, 0, 0], ampCalibs: [0, 0, 0, 0] });
  }
  for (const source of BackgroundSpikeSourceOnDLS.all()) {
    chip.set(BackgroundSpikeSource, source, { enable: true, enableRandom: true, period: 10, seed: 1000 + source, mask: 0x3f, rate: 13, neuronLabel: 0 });
  }
  return chip;
}

interface Outcome {
  readonly counters: number[];
  readonly events: number[];
  readonly recorded: string;
  readonly windows: number;
}

async function run(threads: boolean, spikeOutNeuron?: number): Promise<Outcome> {
  const connection = new TwinConnection({ identity: 'split-window-chip', fidelity: 'analog', threads });
  await connection.run(new PlaybackProgramBuilder().writeChip(network(spikeOutNeuron)).done());
  // Programs whose ends lie inside an analog step: the engine steps past them, the next program goes on from there.
  for (const us of [100.04, 90.4, 80.04, 70.4, 60.04, 50.4, 40.04]) await connection.run(new PlaybackProgramBuilder().timerReset().waitUntil(125 * us).done());
  const builder = new PlaybackProgramBuilder().timerReset().waitUntil(125 * 160);
  const spikes = AtomicNeuronOnDLS.all().map((n) => builder.read(SpikeCounterRead, n));
  const events = CrossbarOutputOnDLS.all().map((o) => builder.read(CrossbarOutputEventCounter, o));
  const result = await connection.run(builder.done());
  const windows = connection.twin.analog.splitWindowCount;
  connection.twin.analog.close();
  await connection.close();
  return {
    counters: spikes.map((t) => t.get().count),
    events: events.map((t) => t.get().value),
    recorded: JSON.stringify(result.spikes),
    windows,
  };
}

describe('split windows in the chip (ChipTwinOptions.threads)', () => {
  it('give the single-thread spike counters, crossbar counters and recorded events', async () => {
    const single = await run(false);
    const split = await run(true);
    expect(single.windows).toBe(0);
    expect(split.windows).toBeGreaterThanOrEqual(2);
    expect(single.counters.reduce((a, b) => a + b, 0)).toBeGreaterThan(1000);
    expect(split.counters).toEqual(single.counters);
    expect(split.events).toEqual(single.events);
    expect(split.recorded).toEqual(single.recorded);
  });

  it('stay on one thread while a neuron sends its spikes into the router', async () => {
    const single = await run(false, 300);
    const split = await run(true, 300);
    expect(split.windows).toBe(0);
    expect(split.counters).toEqual(single.counters);
    expect(split.recorded).toEqual(single.recorded);
  });
});
