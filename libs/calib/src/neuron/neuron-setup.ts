import {
  AtomicNeuronOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCorrelationQuadOnDLS,
  CommonNeuronBackendConfigOnDLS,
  SynapseQuadColumnOnDLS,
  SynramOnDLS,
  type NeuronParameter,
  type SharedCapMemCell,
} from '@bss2/coords';
import type { PlaybackProgramBuilder } from '@bss2/playback';
import { CapMemCell, ColumnCorrelationQuad, CommonNeuronBackendConfig, NeuronBackendConfig, NeuronConfig, type ContainerValue } from '@bss2/regs';

// The neuron configuration the spiking calibrations measure with (calix spiking/neuron.py preludes): every
// neuron's membrane on its causal CADC channel (column readout switches, reference §3.1), synaptic inputs off,
// the capacitance at its target, and CapMem codes that keep the neuron in a known regime while one parameter
// is searched.

export const NEURONS = 512;

type NeuronConfigValue = ContainerValue<typeof NeuronConfig>;

/** Writes `values` (one code, or one per neuron) into per-neuron CapMem row `parameter`. */
export function setNeuronCapMem(builder: PlaybackProgramBuilder, parameter: NeuronParameter, values: number | ArrayLike<number>): void {
  for (let n = 0; n < NEURONS; n++) {
    const value = typeof values === 'number' ? values : (values[n] as number);
    builder.write(CapMemCell, CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(n), parameter), { value });
  }
}

/** Writes shared CapMem cell `name` of every block (one value, or one per block). */
export function setSharedCapMem(builder: PlaybackProgramBuilder, name: SharedCapMemCell, values: number | ArrayLike<number>): void {
  for (const block of CapMemBlockOnDLS.all()) {
    builder.write(CapMemCell, CapMemCellOnDLS.ofShared(block, name), { value: typeof values === 'number' ? values : (values[block] as number) });
  }
}

/** Every neuron's NeuronConfig: the calibration's membrane readout plus `changes` (e.g. firing on or off). */
export function writeNeuronConfigs(builder: PlaybackProgramBuilder, memCapSize: number, changes: Partial<NeuronConfigValue> = {}): void {
  const config = NeuronConfig.modify(NeuronConfig.defaults(), { memCapSize, enReadout: false, readoutSelect: 'membrane', ...changes } as Partial<NeuronConfigValue>);
  for (let n = 0; n < NEURONS; n++) builder.write(NeuronConfig, AtomicNeuronOnDLS(n), config);
}

/** The neurons' backends: refractory time `refractoryTime` clock cycles, spike output off. */
export function writeNeuronBackends(builder: PlaybackProgramBuilder, refractoryTime: number): void {
  const config = NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), { refractoryTime, enNeuronMaster: true });
  for (let n = 0; n < NEURONS; n++) builder.write(NeuronBackendConfig, AtomicNeuronOnDLS(n), config);
}

/** Holds every neuron in reset (CommonNeuronBackendConfig.forceReset), or releases them. */
export function forceReset(builder: PlaybackProgramBuilder, on: boolean): void {
  for (const block of [0, 1]) {
    builder.write(CommonNeuronBackendConfig, CommonNeuronBackendConfigOnDLS(block), { ...CommonNeuronBackendConfig.defaults(), forceReset: on });
  }
}

/** Every column's causal and acausal CADC channel shows its neuron's readout. */
export function connectNeuronsToCadc(builder: PlaybackProgramBuilder): void {
  const on = [true, true, true, true] as [boolean, boolean, boolean, boolean];
  for (const synram of [0, 1]) {
    for (let q = 0; q < 64; q++) {
      builder.write(ColumnCorrelationQuad, ColumnCorrelationQuadOnDLS.of(SynramOnDLS(synram), SynapseQuadColumnOnDLS(q)), {
        ...ColumnCorrelationQuad.defaults(),
        enableCadcNeuronReadoutCausal: on,
        enableCadcNeuronReadoutAcausal: on,
      });
    }
  }
}
