import {
  ColumnCurrentQuadOnDLS,
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  PADIBusBlockOnDLS,
  PADIBusOnDLS,
  SynapseDriverOnDLS,
  SynapseDriverOnPADIBus,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseRowOnSynram,
  SynramOnDLS,
} from '@bss2/coords';
import type { PlaybackProgramBuilder } from '@bss2/playback';
import { ColumnCurrentQuad, CommonPADIBusConfig, CrossbarNode, SynapseDriverConfig, SynapseQuad } from '@bss2/regs';
import { setNeuronCapMem, setSharedCapMem, writeNeuronConfigs } from './neuron-setup.js';

// A stimulus that reaches every neuron at once, for the synaptic-input calibrations (reference §1.2–§1.5): an
// event from the FPGA (L2 input 8) passes the crossbar to PADI bus 0 of each hemisphere; there the first
// `drivers` synapse drivers accept it regardless of row select (row-address compare mask 0) and send label 0
// to both their rows, whose 256 synapses (weight 63, label 0) all fire. So one injected label 0 gives every
// neuron 2·drivers synaptic events of full weight on the chosen input.

export type SynapticInputType = 'excitatory' | 'inhibitory';

/** The per-neuron CapMem rows of each synaptic input (reference §2.3). */
export const SYNAPTIC_INPUT_CELLS = {
  excitatory: { tau: 'i_bias_synin_exc_tau', gm: 'i_bias_synin_exc_gm' },
  inhibitory: { tau: 'i_bias_synin_inh_tau', gm: 'i_bias_synin_inh_gm' },
} as const;

/**
 * What the synaptic-input calibrations measure with: the stimulus, the synapse DAC bias and the input's OTA bias
 * (without them no current flows), and every neuron's readout on its input current (exc_synin / inh_synin),
 * firing off.
 */
export function prepareSynapticReadout(
  builder: PlaybackProgramBuilder,
  type: SynapticInputType,
  memCapSize: number,
  biases: { readonly synapseDacBias: number; readonly gm: number },
): void {
  configureStimulus(builder, type);
  setSharedCapMem(builder, 'syn_i_bias_dac', biases.synapseDacBias);
  setNeuronCapMem(builder, SYNAPTIC_INPUT_CELLS[type].gm, biases.gm);
  const excitatory = type === 'excitatory';
  writeNeuronConfigs(builder, memCapSize, {
    enThreshComp: false,
    enFire: false,
    enSyninExc: excitatory,
    enSyninInh: !excitatory,
    readoutSelect: excitatory ? 'exc_synin' : 'inh_synin',
  });
}

/** The label to inject (row select 0, synapse label 0, L2 channel 0). */
export const STIMULUS_LABEL = 0;

export function configureStimulus(builder: PlaybackProgramBuilder, type: SynapticInputType, drivers = 4): void {
  for (const hemisphere of [0, 1]) {
    const bus = PADIBusOnDLS(hemisphere * 4);
    builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(8), CrossbarOutputOnDLS(bus)), { mask: 0, target: 0, enableDropCounter: false });
    builder.write(CommonPADIBusConfig, PADIBusBlockOnDLS(hemisphere), CommonPADIBusConfig.modify(CommonPADIBusConfig.defaults(), { enableSpl1: [true, false, false, false] }));
    for (let position = 0; position < drivers; position++) {
      const driver = SynapseDriverOnDLS.ofPADIBus(bus, SynapseDriverOnPADIBus(position));
      builder.write(
        SynapseDriverConfig,
        driver,
        SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), { enableReceiver: true, rowAddressCompareMask: 0, rowModeTop: type, rowModeBottom: type }),
      );
      for (const row of SynapseDriverOnDLS.toSynapseRowsOnDLS(driver)) {
        for (let q = 0; q < 64; q++) {
          builder.write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(hemisphere), SynapseRowOnSynram(row % 256), SynapseQuadColumnOnDLS(q)), {
            weights: [63, 63, 63, 63],
            labels: [0, 0, 0, 0],
            timeCalibs: [0, 0, 0, 0],
            ampCalibs: [0, 0, 0, 0],
          });
        }
      }
    }
    const all = [true, true, true, true] as [boolean, boolean, boolean, boolean];
    for (let q = 0; q < 64; q++) {
      builder.write(
        ColumnCurrentQuad,
        ColumnCurrentQuadOnDLS.of(SynramOnDLS(hemisphere), SynapseQuadColumnOnDLS(q)),
        ColumnCurrentQuad.modify(ColumnCurrentQuad.defaults(), { enableSynapticCurrentExcitatory: all, enableSynapticCurrentInhibitory: all }),
      );
    }
  }
}
