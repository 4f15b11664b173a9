import {
  AtomicNeuronOnDLS,
  BackgroundSpikeSourceOnDLS,
  CADCOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCorrelationQuadOnDLS,
  ColumnCurrentQuadOnDLS,
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  NeuronColumnOnDLS,
  NeuronRowOnDLS,
  PADIBusBlockOnDLS,
  PADIBusOnDLS,
  SynapseDriverOnDLS,
  SynapseDriverOnPADIBus,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseRowOnSynram,
  SynramOnDLS,
  type NeuronParameter,
} from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import type { PlaybackProgramBuilder } from '@bss2/playback';
import {
  BackgroundSpikeSource,
  CADCConfig,
  CapMemCell,
  ColumnCorrelationQuad,
  ColumnCurrentQuad,
  CommonPADIBusConfig,
  CrossbarNode,
  NeuronBackendConfig,
  NeuronConfig,
  SynapseDriverConfig,
  SynapseQuad,
} from '@bss2/regs';

// Small networks for the firmware test benches, written as playback instructions: LIF neurons of the top
// hemisphere, FPGA events routed through the crossbar and the PADI busses to synapse drivers, synapse rows,
// the correlation sensors and the CADC. CapMem codes give a 3 µs synaptic and 10 µs membrane time constant and
// a threshold 90 mV above the leak, so that a burst of two full-weight events makes a neuron fire.

export const US = FPGA_CYCLES_PER_US;

/** The top-row neuron in column `column` (hemisphere 0, the top PPU's). */
export const topNeuron = (column: number): AtomicNeuronOnDLS => AtomicNeuronOnDLS.of(NeuronRowOnDLS(0), NeuronColumnOnDLS(column));

const lifCapMem: Partial<Record<NeuronParameter, number>> = {
  v_leak: 400,
  v_reset: 300,
  v_threshold: 450,
  i_bias_leak: 200,
  i_bias_reset: 1000,
  i_bias_synin_exc_tau: 100,
  i_bias_synin_exc_gm: 1000,
};

/**
 * LIF neurons in the given top-row columns with spike output (address_out = column) and post-pulses; the
 * neuron in `readoutColumn` drives the MADC (NeuronConfig.enReadout, the lowest such neuron, §3.2).
 */
export function configureNeurons(
  builder: PlaybackProgramBuilder,
  columns: readonly number[],
  options: { readonly capMem?: Partial<Record<NeuronParameter, number>>; readonly readoutColumn?: number } = {},
): void {
  for (const column of columns) {
    const neuron = topNeuron(column);
    for (const [parameter, value] of Object.entries({ ...lifCapMem, ...options.capMem })) {
      builder.write(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, parameter as NeuronParameter), { value });
    }
    builder.write(
      NeuronConfig,
      neuron,
      NeuronConfig.modify(NeuronConfig.defaults(), {
        enFire: true,
        enThreshComp: true,
        enSyninExc: true,
        memCapSize: 63,
        enReadout: column === options.readoutColumn,
      }),
    );
    builder.write(
      NeuronBackendConfig,
      neuron,
      NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), { addressOut: column, refractoryTime: 20, enSpikeOut: true, enNeuronMaster: true }),
    );
  }
}

/** Shared CapMem of every block: synapse DAC bias, correlation τ = 5 µs and amplitude 10 LSB (§10.3, §10.9). */
export function configureSharedCapMem(builder: PlaybackProgramBuilder): void {
  for (const block of CapMemBlockOnDLS.all()) {
    builder.write(CapMemCell, CapMemCellOnDLS.ofShared(block, 'syn_i_bias_dac'), { value: 1000 });
    builder.write(CapMemCell, CapMemCellOnDLS.ofShared(block, 'syn_i_bias_ramp'), { value: 500 });
    builder.write(CapMemCell, CapMemCellOnDLS.ofShared(block, 'syn_i_bias_store'), { value: 500 });
  }
}

/** FPGA events (L2 input 8) reach top PADI bus `bus` when their row-select and upper label bits match. */
export function routeFpgaToBus(builder: PlaybackProgramBuilder, bus: number): void {
  builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(8), CrossbarOutputOnDLS(bus)), { mask: 0, target: 0, enableDropCounter: false });
  const enableSpl1 = [0, 1, 2, 3].map((b) => b === bus) as [boolean, boolean, boolean, boolean];
  enablePadiBusses(builder, enableSpl1);
}

/** Which top PADI busses accept crossbar events. */
export function enablePadiBusses(builder: PlaybackProgramBuilder, enableSpl1: [boolean, boolean, boolean, boolean]): void {
  builder.write(CommonPADIBusConfig, PADIBusBlockOnDLS(0), CommonPADIBusConfig.modify(CommonPADIBusConfig.defaults(), { enableSpl1 }));
}

/** The label that reaches the synapses of driver `driver` (top hemisphere) with synapse label `synapseLabel`. */
export function driverLabel(driver: number, synapseLabel: number): number {
  return (SynapseDriverOnDLS.toSynapseDriverOnPADIBus(SynapseDriverOnDLS(driver)) << 6) | synapseLabel;
}

/** Enables synapse driver `driver` (top) with both rows excitatory; returns its rows [top, bottom]. */
export function enableDriver(builder: PlaybackProgramBuilder, driver: number): readonly [number, number] {
  builder.write(
    SynapseDriverConfig,
    SynapseDriverOnDLS(driver),
    SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), { enableReceiver: true, rowModeTop: 'excitatory', rowModeBottom: 'excitatory' }),
  );
  return [2 * driver + 1, 2 * driver];
}

/** PADI bus of top driver `driver` (§1.1: driver d sits on bus d mod 4). */
export const driverBus = (driver: number): number => SynapseDriverOnDLS.toPADIBusOnDLS(SynapseDriverOnDLS(driver)) as PADIBusOnDLS;

/** Writes synapse row `row` of the top synram: weight and label per column (columns absent stay 0). */
export function writeSynapseRow(builder: PlaybackProgramBuilder, row: number, weights: ArrayLike<number>, labels: ArrayLike<number>): void {
  for (let quad = 0; quad < 64; quad++) {
    const entries = [0, 1, 2, 3].map((e) => 4 * quad + e);
    builder.write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(0), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(quad)), {
      weights: entries.map((c) => weights[c] ?? 0) as [number, number, number, number],
      labels: entries.map((c) => labels[c] ?? 0) as [number, number, number, number],
      timeCalibs: [0, 0, 0, 0],
      ampCalibs: [0, 0, 0, 0],
    });
  }
}

/**
 * The columns' switches (top synram): excitatory synaptic current to the neurons, and what the CADC channels
 * show — the correlation accumulators of the sampled row, or the neuron's readout (membrane).
 */
export function configureColumns(builder: PlaybackProgramBuilder, cadcShows: 'correlation' | 'membrane'): void {
  const all = [true, true, true, true] as [boolean, boolean, boolean, boolean];
  for (let quad = 0; quad < 64; quad++) {
    const column = SynapseQuadColumnOnDLS(quad);
    builder.write(
      ColumnCurrentQuad,
      ColumnCurrentQuadOnDLS.of(SynramOnDLS(0), column),
      ColumnCurrentQuad.modify(ColumnCurrentQuad.defaults(), { enableSynapticCurrentExcitatory: all }),
    );
    const correlation = cadcShows === 'correlation';
    builder.write(
      ColumnCorrelationQuad,
      ColumnCorrelationQuadOnDLS.of(SynramOnDLS(0), column),
      ColumnCorrelationQuad.modify(ColumnCorrelationQuad.defaults(), {
        enableInternalCausal: correlation ? all : [false, false, false, false],
        enableInternalAcausal: correlation ? all : [false, false, false, false],
        enableCadcNeuronReadoutCausal: correlation ? [false, false, false, false] : all,
        enableCadcNeuronReadoutAcausal: correlation ? [false, false, false, false] : all,
      }),
    );
  }
  builder.write(CADCConfig, CADCOnDLS(0), { ...CADCConfig.defaults(), enable: true });
}

/** CapMem settling before neurons are trusted (calix's capmem_level_off_time, §2.3): 20 ms. */
export const CAPMEM_SETTLING_CYCLES = 20_000 * US;

/** The driver on `bus` at `position` (for tests that pick drivers by bus). */
export const driverOn = (bus: number, position: number): number => SynapseDriverOnDLS.ofPADIBus(PADIBusOnDLS(bus), SynapseDriverOnPADIBus(position));

/** Background spike source `source` (0..3, top) sends Poisson events with `label` into PADI bus `source`. */
export function poissonInput(builder: PlaybackProgramBuilder, source: number, label: number, meanIsiCycles: number, seed: number): void {
  builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(12 + source), CrossbarOutputOnDLS(source)), {
    mask: 0,
    target: 0,
    enableDropCounter: false,
  });
  // A spike in a bin of `binCycles` when a random byte ≤ rate: the mean ISI is binCycles · 255 / rate (§1.6).
  const binCycles = 8;
  const rate = Math.round((255 * binCycles) / meanIsiCycles);
  builder.write(BackgroundSpikeSource, BackgroundSpikeSourceOnDLS(source), {
    ...BackgroundSpikeSource.defaults(),
    enable: true,
    enableRandom: true,
    period: binCycles,
    rate,
    seed,
    neuronLabel: label,
  });
}
