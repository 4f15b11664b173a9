import {
  AtomicNeuronOnDLS,
  ColumnCurrentQuadOnDLS,
  PADIEventOnDLS,
  SynapseDriverOnDLS,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseRowOnSynram,
  SynramOnDLS,
} from '@bss2/coords';
import type { PlaybackProgramBuilder } from '@bss2/playback';
import { ColumnCurrentQuad, NeuronConfig, PADIEvent, SynapseDriverConfig, SynapseQuad, type ContainerValue } from '@bss2/regs';
import { connectNeuronsToCadc, NEURONS } from '../neuron/neuron-setup.js';

// The chip in MAC ("hagen") mode (reference §1.5, §6.1): every synapse driver passes the 5-bit HAGEN activation
// of its events as the pulse length (enable_hagen_modulation) and, with enable_address_out off, sends only the
// address MSB (hagen_address = 0) to its rows, so that every synapse with label 0 takes part; the signed
// weight of one input is the driver's row pair, top row excitatory and bottom row inhibitory (hxtorch). The
// neurons integrate without firing and show their membrane on both CADC channels of their column.
//
// How a neuron integrates (twin model, libs/analog README "Synaptic input"):
//   'bypass'          the §6.1 MAC: each event moves the membrane by ±(w/63)·a·macJumpVolts directly
//                     (en_byp_exc/inh); its size depends on syn_i_bias_dac and fixed-pattern gains only.
//   'synaptic-input'  calix hagen's integration: each event's charge a/31·(w/63)·I_syn enters the synaptic
//                     input OTA (en_synin_exc/inh, τ_syn short) and is integrated on the membrane; the OTA bias
//                     i_bias_synin_*_gm scales it per neuron.

export type MacIntegration = 'bypass' | 'synaptic-input';

/** Synapse drivers per chip (128 per hemisphere, reference §1.1): one MAC input each. */
export const MAC_DRIVERS = 256;
const DRIVERS_PER_HEMISPHERE = 128;

/** The capacitance setting each integration runs with unless told otherwise (twin choice, see README). */
export const DEFAULT_MEM_CAP_SIZE: Readonly<Record<MacIntegration, number>> = { bypass: 63, 'synaptic-input': 7 };

/**
 * The shortest synaptic time constant (i_bias_synin_*_tau at its largest code, 0.29 µs nominal, reference
 * §10.3): the charge of a MAC is on the membrane within a few µs whatever the neuron's τ_syn mismatch.
 */
export const MAC_SYNIN_TAU_CODE = 1022;

/** How long after the last event a MAC result is read: the synaptic-input integration needs ≥ 4 τ_syn. */
export const MAC_READ_DELAY_US: Readonly<Record<MacIntegration, number>> = { bypass: 0.5, 'synaptic-input': 4 };

/** The row modes of the drivers' row pairs: hxtorch's signed inputs, or both rows of one sign (calibration). */
export type MacRowModes = 'signed' | 'excitatory' | 'inhibitory';

type RowMode = ContainerValue<typeof SynapseDriverConfig>['rowModeTop'];

/** Every neuron integrating by `integration`: no firing, leak divided by 8 (slow leak), membrane readout. */
export function writeMacNeuronConfigs(builder: PlaybackProgramBuilder, integration: MacIntegration, memCapSize: number): void {
  const bypass = integration === 'bypass';
  const config = NeuronConfig.modify(NeuronConfig.defaults(), {
    memCapSize,
    enLeakDiv: true,
    enThreshComp: false,
    enFire: false,
    enBypExc: bypass,
    enBypInh: bypass,
    enSyninExc: !bypass,
    enSyninInh: !bypass,
    readoutSelect: 'membrane',
  });
  for (let n = 0; n < NEURONS; n++) builder.write(NeuronConfig, AtomicNeuronOnDLS(n), config);
}

/** All 256 drivers in HAGEN mode with the given row modes. */
export function writeMacDrivers(builder: PlaybackProgramBuilder, rowModes: MacRowModes): void {
  const top: RowMode = rowModes === 'inhibitory' ? 'inhibitory' : 'excitatory';
  const bottom: RowMode = rowModes === 'excitatory' ? 'excitatory' : 'inhibitory';
  const config = SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), {
    enableReceiver: true,
    rowAddressCompareMask: 0b11111,
    enableAddressOut: false,
    enableHagenModulation: true,
    enableHagenDac: true,
    rowModeTop: top,
    rowModeBottom: bottom,
  });
  for (let d = 0; d < MAC_DRIVERS; d++) builder.write(SynapseDriverConfig, SynapseDriverOnDLS(d), config);
}

/** Every column's synaptic currents (both signs) on its neuron, and its neuron on the CADC. */
export function writeMacColumns(builder: PlaybackProgramBuilder): void {
  const all = [true, true, true, true] as [boolean, boolean, boolean, boolean];
  for (const synram of [0, 1]) {
    for (let q = 0; q < 64; q++) {
      builder.write(
        ColumnCurrentQuad,
        ColumnCurrentQuadOnDLS.of(SynramOnDLS(synram), SynapseQuadColumnOnDLS(q)),
        ColumnCurrentQuad.modify(ColumnCurrentQuad.defaults(), { enableSynapticCurrentExcitatory: all, enableSynapticCurrentInhibitory: all }),
      );
    }
  }
  connectNeuronsToCadc(builder);
}

/** Every synapse of both synrams at weight `weight`, label 0 (the address every HAGEN event carries). */
export function writeUniformWeights(builder: PlaybackProgramBuilder, weight: number): void {
  const value = { weights: [weight, weight, weight, weight], labels: [0, 0, 0, 0], timeCalibs: [0, 0, 0, 0], ampCalibs: [0, 0, 0, 0] };
  for (const synram of [0, 1]) {
    for (let row = 0; row < 256; row++) {
      for (let q = 0; q < 64; q++) {
        builder.write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(synram), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(q)), value);
      }
    }
  }
}

/**
 * One event per driver (SynapseDriverOnDLS order) carrying its activation 0..31, as PADIEvent writes (one
 * omnibus cycle each, reference §1.5): driver d sits on bus d mod 4 of its hemisphere at row-select position
 * (d mod 128) / 4. An activation of 0 is sent too, so every MAC takes the same time.
 */
export function appendMacEvents(builder: PlaybackProgramBuilder, activations: ArrayLike<number>): void {
  for (let d = 0; d < MAC_DRIVERS; d++) {
    const fireBus = [false, false, false, false] as [boolean, boolean, boolean, boolean];
    fireBus[d & 3] = true;
    builder.write(PADIEvent, PADIEventOnDLS(d >> 7), {
      fireBus,
      eventAddress: activations[d] as number,
      rowSelectAddress: (d % DRIVERS_PER_HEMISPHERE) >> 2,
    });
  }
}
