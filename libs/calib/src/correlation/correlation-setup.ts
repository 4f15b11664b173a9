import {
  AtomicNeuronOnDLS,
  CADCOnDLS,
  ColumnCorrelationQuadOnDLS,
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
import {
  CADCConfig,
  ColumnCorrelationQuad,
  CommonPADIBusConfig,
  CrossbarNode,
  NeuronBackendConfig,
  NeuronConfig,
  SynapseDriverConfig,
  SynapseQuad,
} from '@bss2/regs';
import { NEURONS, setSharedCapMem } from '../neuron/neuron-setup.js';

// The chip configuration the correlation measurements run in (calix spiking/correlation_measurement.py
// configure_all, reference §3.3 and §1.2–§1.5):
// - pre events: a label injected from the FPGA (L2 channel 0 → crossbar input 8) passes the crossbar to PADI bus
//   0 of each hemisphere, where a few synapse drivers spread over the array accept it (row-address compare mask
//   0) and send synapse label 0 to both their rows; those rows' synapses carry label 0 and weight 0, so every
//   synapse of the row sees a pre event and no neuron receives charge. The other drivers of the bus are off.
// - post pulses: forced, via NeuronBackendConfig.postOverwrite and the BlockPostPulse trigger of each backend
//   block (§3.3 "external/forced"); neurons cannot fire (threshold comparator and fire off), so no pulse comes
//   from a membrane.
// - readout: every column's causal and acausal CADC channel shows the correlation accumulator of the sampled
//   row (ColumnCorrelationQuad enableInternal*), the neuron readout and debug switches are off.
// Like calix's prelude this overwrites the neurons' configuration: re-apply the neuron calibration afterwards.

/** The label to inject: row select 0, synapse label 0, L2 channel 0 (reference §1.3). */
export const PRE_LABEL = 0;

/** Crossbar input of L2 channel 0 (reference §1.2). */
const L2_INPUT = 8;

/**
 * Positions on PADI bus 0 (and 4) of the drivers that carry pre events: spread over the array (calix measures
 * quads spread over each quadrant, because the real sensors vary with their place), 2 rows each.
 */
const DRIVER_POSITIONS = [0, 11, 21, 31] as const;

/** The synapse rows (per synram, the same in both) whose correlation is measured: 8 per synram. */
export const MEASURED_ROWS: readonly number[] = DRIVER_POSITIONS.flatMap((position) =>
  SynapseDriverOnDLS.toSynapseRowsOnDLS(SynapseDriverOnDLS.ofPADIBus(PADIBusOnDLS(0), SynapseDriverOnPADIBus(position))).map((row) => row % 256),
).sort((a, b) => a - b);

/** calix's syn_i_bias_corout during correlation measurements (correlation_measurement.py configure_capmem). */
const CORRELATION_OUTPUT_BIAS = 600;

/** Appends the whole measurement configuration (pre-event path, forced post pulses, correlation readout). */
export function configureCorrelationMeasurement(builder: PlaybackProgramBuilder): void {
  setSharedCapMem(builder, 'syn_i_bias_corout', CORRELATION_OUTPUT_BIAS);
  configurePreEvents(builder);
  configurePostPulses(builder);
  connectCorrelationToCadc(builder);
}

function configurePreEvents(builder: PlaybackProgramBuilder): void {
  const positions = new Set<number>(DRIVER_POSITIONS);
  for (const hemisphere of [0, 1]) {
    const bus = PADIBusOnDLS(hemisphere * 4);
    builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(L2_INPUT), CrossbarOutputOnDLS(bus)), { mask: 0, target: 0, enableDropCounter: false });
    builder.write(CommonPADIBusConfig, PADIBusBlockOnDLS(hemisphere), CommonPADIBusConfig.modify(CommonPADIBusConfig.defaults(), { enableSpl1: [true, false, false, false] }));
    for (let position = 0; position < 32; position++) {
      const driver = SynapseDriverOnDLS.ofPADIBus(bus, SynapseDriverOnPADIBus(position));
      const on = positions.has(position);
      builder.write(
        SynapseDriverConfig,
        driver,
        on
          ? SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), { enableReceiver: true, rowAddressCompareMask: 0, rowModeTop: 'excitatory', rowModeBottom: 'excitatory' })
          : SynapseDriverConfig.defaults(),
      );
    }
    for (const row of MEASURED_ROWS) {
      for (let q = 0; q < 64; q++) {
        builder.write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(hemisphere), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(q)), {
          weights: [0, 0, 0, 0],
          labels: [PRE_LABEL, PRE_LABEL, PRE_LABEL, PRE_LABEL],
          timeCalibs: [0, 0, 0, 0],
          ampCalibs: [0, 0, 0, 0],
        });
      }
    }
  }
}

function configurePostPulses(builder: PlaybackProgramBuilder): void {
  const neuron = NeuronConfig.modify(NeuronConfig.defaults(), { enThreshComp: false, enFire: false });
  const backend = NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), { postOverwrite: true, enNeuronMaster: true });
  for (let n = 0; n < NEURONS; n++) {
    builder.write(NeuronConfig, AtomicNeuronOnDLS(n), neuron);
    builder.write(NeuronBackendConfig, AtomicNeuronOnDLS(n), backend);
  }
}

/** Every column's causal and acausal CADC channel shows its correlation accumulators (reference §3.1, §3.3). */
export function connectCorrelationToCadc(builder: PlaybackProgramBuilder): void {
  const on = [true, true, true, true] as [boolean, boolean, boolean, boolean];
  for (const synram of [0, 1]) {
    builder.write(CADCConfig, CADCOnDLS(synram), { ...CADCConfig.defaults(), enable: true });
    for (let q = 0; q < 64; q++) {
      builder.write(ColumnCorrelationQuad, ColumnCorrelationQuadOnDLS.of(SynramOnDLS(synram), SynapseQuadColumnOnDLS(q)), {
        ...ColumnCorrelationQuad.defaults(),
        enableInternalCausal: on,
        enableInternalAcausal: on,
      });
    }
  }
}
