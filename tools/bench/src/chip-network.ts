import {
  AtomicNeuronOnDLS,
  BackgroundSpikeSourceOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCurrentQuadOnDLS,
  CommonNeuronBackendConfigOnDLS,
  PADIBusBlockOnDLS,
  SynapseDriverOnDLS,
  SynapseQuadOnDLS,
  type NeuronParameter,
} from '@bss2/coords';
import { PlaybackProgramBuilder, type PlaybackProgram } from '@bss2/playback';
import {
  BackgroundSpikeSource,
  CapMemCell,
  Chip,
  ColumnCurrentQuad,
  CommonNeuronBackendConfig,
  CommonPADIBusConfig,
  NeuronBackendConfig,
  NeuronConfig,
  SynapseDriverConfig,
  SynapseQuad,
} from '@bss2/regs';

// The full-chip benchmark network of `bench:chip`, the same network `../shared/peers/brian2_chip.py` builds
// in Brian2 (its docstring lists every parameter), expressed as BrainScaleS-2 register state:
// - 512 AdEx neurons: leak 0.42 V, reset 0.375 V, v_exp 0.60 V (ΔT 10 mV), threshold 0.70 V, tau_mem 10 µs,
//   spike-triggered adaptation b = 20 mV (current-equivalent) with tau_adapt 50 µs, refractory 2 µs,
//   exponential synaptic currents with tau_syn 5 µs. CapMem codes from the §10.3 transfer curves.
// - Every synapse row is an independent Poisson source at ~10 kHz: background source b drives PADI bus b
//   (Poisson, period 10 cycles, rate 13 → mean interval 196 cycles, 637 kHz), its label's 6 low bits
//   randomised (mask 0x3f); all 32 drivers of the bus accept every event (compare mask 0), and the 64 rows of
//   the bus carry the synapse labels 0..63 (row r of driver at position p: label 2p + (r & 1)), so each event
//   reaches exactly one row: 64 rows × 10 kHz per bus.
// - All 131,072 synapses: weights uniform 0..63 from a fixed seed; rows 0..191 excitatory, 192..255
//   inhibitory; a w = 63 event adds 55 mV (exc) / 80 mV (inh) of current-equivalent input, as j_exc/j_inh.

const volts = (v: number): number => Math.round(70 + (v - 0.15) / 1.875e-3);

export interface NetworkOptions {
  /** AdEx (the benchmark network) or plain LIF (exp and adaptation off: the event-driven path of `ideal`). */
  readonly neuron: 'adex' | 'lif';
}

export const BENCH_ROW_RATE_KHZ = (125e3 / ((10 * 255) / 13)) / 64;

const neuronCodes = (neuron: NetworkOptions['neuron']): Partial<Record<NeuronParameter, number>> => ({
  v_leak: volts(0.42),
  v_reset: volts(0.375),
  v_threshold: volts(0.7),
  v_exp: volts(0.6),
  i_bias_leak: 200, // tau_mem 10 µs at full capacitance (§10.3)
  i_bias_synin_exc_tau: 60, // tau_syn 5 µs
  i_bias_synin_inh_tau: 60,
  i_bias_synin_exc_gm: 500, // 55 mV per w = 63 event at syn_i_bias_dac 600 (libs/analog README)
  i_bias_synin_inh_gm: Math.round((500 * 0.08) / 0.055),
  ...(neuron === 'adex' ? { i_bias_exp: 511, i_bias_adapt_tau: 40, i_bias_adapt_b: 235 } : {}),
});

/** Deterministic weights 0..63 (a small LCG: the network must not change between runs). */
function weightStream(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state >>> 26;
  };
}

/** The static configuration of the benchmark network as a `Chip` (written as one full configuration). */
export function benchmarkChip(options: NetworkOptions): Chip {
  const chip = new Chip();
  const codes = neuronCodes(options.neuron);
  for (const neuron of AtomicNeuronOnDLS.all()) {
    for (const [parameter, value] of Object.entries(codes)) chip.set(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, parameter as NeuronParameter), { value });
    chip.modify(NeuronConfig, neuron, {
      enFire: true,
      enThreshComp: true,
      enSyninExc: true,
      enSyninInh: true,
      memCapSize: 63,
      enExp: options.neuron === 'adex',
      enAdapt: options.neuron === 'adex',
    });
    // Refractory 2 µs = 125 counter steps of the slow clock at scale 1 (2 FPGA cycles per step, §1.8).
    chip.modify(NeuronBackendConfig, neuron, { refractoryTime: 125, enAdaptPulse: options.neuron === 'adex' });
  }
  for (const block of CommonNeuronBackendConfigOnDLS.all()) chip.modify(CommonNeuronBackendConfig, block, { clockScaleSlow: 1 });
  for (const block of CapMemBlockOnDLS.all()) chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'syn_i_bias_dac'), { value: 600 });
  for (const quad of ColumnCurrentQuadOnDLS.all()) {
    chip.modify(ColumnCurrentQuad, quad, { enableSynapticCurrentExcitatory: [true, true, true, true], enableSynapticCurrentInhibitory: [true, true, true, true] });
  }
  for (const block of PADIBusBlockOnDLS.all()) chip.modify(CommonPADIBusConfig, block, { enableSpl1: [true, true, true, true] });
  for (const driver of SynapseDriverOnDLS.all()) {
    const rowBottom = (driver % 128) * 2;
    const mode = (row: number) => (row < 192 ? 'excitatory' : 'inhibitory');
    chip.modify(SynapseDriverConfig, driver, { enableReceiver: true, rowAddressCompareMask: 0, rowModeBottom: mode(rowBottom), rowModeTop: mode(rowBottom + 1) });
  }
  const weight = weightStream(1234);
  for (const quad of SynapseQuadOnDLS.all()) {
    const row = SynapseQuadOnDLS.toSynapseRowOnSynram(quad);
    const label = (((row >> 1) >> 2) * 2 + (row & 1)) & 63;
    chip.set(SynapseQuad, quad, { weights: [weight(), weight(), weight(), weight()], labels: [label, label, label, label], timeCalibs: [0, 0, 0, 0], ampCalibs: [0, 0, 0, 0] });
  }
  for (const source of BackgroundSpikeSourceOnDLS.all()) {
    // Label: row-select 0 (every driver compares no bits), low 6 bits random per spike.
    chip.set(BackgroundSpikeSource, source, { enable: true, enableRandom: true, period: 10, seed: 1000 + source, mask: 0x3f, rate: 13, neuronLabel: 0 });
  }
  return chip;
}

/** The configuration program: every word of the benchmark chip. */
export function configurationProgram(chip: Chip): PlaybackProgram {
  return new PlaybackProgramBuilder().writeChip(chip).done();
}

/** Runs the network for `hardwareUs` of hardware time (the timer is reset first). */
export function runProgram(hardwareUs: number): PlaybackProgram {
  return new PlaybackProgramBuilder().timerReset().waitUntil(Math.round(hardwareUs * 125)).done();
}
