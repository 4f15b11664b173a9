import {
  AtomicNeuronOnDLS,
  CapMemBlockOnDLS,
  CapMemCellOnDLS,
  ColumnCurrentQuadOnDLS,
  MADCConfigOnDLS,
  MADCControlOnDLS,
  CrossbarInputOnDLS,
  CrossbarNodeOnDLS,
  CrossbarOutputOnDLS,
  NeuronColumnOnDLS,
  NeuronRowOnDLS,
  PADIBusBlockOnDLS,
  RowSelectAddress,
  SpikeLabel,
  SynapseDriverOnDLS,
  SynapseQuadColumnOnDLS,
  SynapseQuadOnDLS,
  SynapseLabel,
  SynapseRowOnSynram,
  SynramOnDLS,
  type NeuronParameter,
} from '@bss2/coords';
import { FPGA_CYCLES_PER_US } from '@bss2/link';
import { PlaybackProgramBuilder, type ContainerTicket, type PlaybackProgram } from '@bss2/playback';
import {
  CapMemCell,
  ColumnCurrentQuad,
  CommonPADIBusConfig,
  CrossbarNode,
  MADCConfig,
  MADCControl,
  NeuronBackendConfig,
  NeuronConfig,
  SpikeCounterRead,
  SynapseDriverConfig,
  SynapseQuad,
  type ContainerValue,
} from '@bss2/regs';

/** The demo's four neurons: columns 0..3 of the top row, all fed by one synapse driver. */
export const demoNeurons = [0, 1, 2, 3].map((c) => AtomicNeuronOnDLS.of(NeuronRowOnDLS(0), NeuronColumnOnDLS(c)));

/** CapMem codes of a LIF neuron near calix's defaults (reference §7.3, transfer curves §10.3). */
const neuronCapMem: Partial<Record<NeuronParameter, number>> = {
  v_leak: 400, // ≈ 0.77 V
  v_reset: 300, // ≈ 0.58 V
  v_threshold: 550, // ≈ 1.05 V
  i_bias_leak: 200, // tau_mem ≈ 10 µs at full capacitance
  i_bias_reset: 1000,
  i_bias_synin_exc_tau: 30, // tau_syn ≈ 10 µs
  i_bias_synin_exc_gm: 500,
};

/** The synapse driver that receives the injected events: driver 0 sits on PADI bus 0 at position 0 (§1.1). */
const driver = SynapseDriverOnDLS(0);
/** Injected label: row-select address 0 picks driver 0, synapse label 5 matches the synapses below (§1.3). */
export const demoInputLabel = SpikeLabel.of({ rowSelectAddress: RowSelectAddress(0), synapseLabel: SynapseLabel(5) });
export const demoSpikeTimesCycles = Array.from({ length: 10 }, (_, i) => (i + 1) * FPGA_CYCLES_PER_US);
const runtimeCycles = 20 * FPGA_CYCLES_PER_US;
/** calix's `capmem_level_off_time` (reference §2.3). */
const capMemSettlingCycles = 20_000 * FPGA_CYCLES_PER_US;
/** The MADC samples every 4 FPGA cycles (reference §10.7): cover the whole run. */
export const demoMadcSamples = runtimeCycles / 4;

export interface DemoProgram {
  readonly program: PlaybackProgram;
  readonly spikeCounters: readonly ContainerTicket<ContainerValue<typeof SpikeCounterRead>>[];
  readonly neuronConfig: ContainerTicket<ContainerValue<typeof NeuronConfig>>;
}

/**
 * The demo experiment as one playback program: configure four LIF neurons, route FPGA events through the
 * crossbar and PADI bus 0 to synapse driver 0 and its rows, route the neurons' spikes back to the FPGA,
 * record neuron 0's membrane with the MADC, inject ten spikes at 1 µs spacing, then read the spike counters back.
 */
export function buildDemoProgram(): DemoProgram {
  const builder = new PlaybackProgramBuilder();

  // Static configuration: analog parameters, then digital switches (calix writes CapMem first, §7.2).
  for (const neuron of demoNeurons) {
    for (const [parameter, value] of Object.entries(neuronCapMem)) {
      builder.write(CapMemCell, CapMemCellOnDLS.ofNeuron(neuron, parameter as NeuronParameter), { value });
    }
  }
  builder.write(CapMemCell, CapMemCellOnDLS.ofShared(CapMemBlockOnDLS(0), 'syn_i_bias_dac'), { value: 600 });
  // CapMem cells settle with τ = 4 ms after they are written (§10.3): calix waits 20 ms before it trusts them,
  // and only then switches the neurons on (nothing fires from half-settled potentials).
  builder.timerReset();
  builder.waitUntil(capMemSettlingCycles);
  for (const neuron of demoNeurons) {
    builder.write(
      NeuronConfig,
      neuron,
      NeuronConfig.modify(NeuronConfig.defaults(), {
        enFire: true,
        enThreshComp: true,
        enSyninExc: true,
        enLeakMul: false,
        memCapSize: 63,
        enReadout: neuron === demoNeurons[0],
      }),
    );
    builder.write(
      NeuronBackendConfig,
      neuron,
      NeuronBackendConfig.modify(NeuronBackendConfig.defaults(), {
        addressOut: AtomicNeuronOnDLS.toNeuronColumnOnDLS(neuron),
        refractoryTime: 20,
        enSpikeOut: true,
        enNeuronMaster: true,
      }),
    );
  }

  // Routing (§1.2, §1.4): FPGA (L2 input 8) → PADI bus 0; neuron event output 0 → L2 output 0 for recording.
  // The input node passes only labels whose row-select and upper bits are 0 (label & 0x3fc0 == 0) and counts
  // what it drops; the recording node passes every label of event output 0.
  builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(8), CrossbarOutputOnDLS(0)), {
    mask: 0x3fc0,
    target: 0,
    enableDropCounter: true,
  });
  builder.write(CrossbarNode, CrossbarNodeOnDLS.of(CrossbarInputOnDLS(0), CrossbarOutputOnDLS(8)), { mask: 0, target: 0, enableDropCounter: false });
  builder.write(
    SynapseDriverConfig,
    driver,
    SynapseDriverConfig.modify(SynapseDriverConfig.defaults(), { enableReceiver: true, rowModeTop: 'excitatory', rowModeBottom: 'excitatory' }),
  );
  // PADI bus 0 must accept crossbar events (§1.4), and quad column 0 must pass its excitatory synaptic
  // current on to the four neurons below it.
  builder.write(
    CommonPADIBusConfig,
    PADIBusBlockOnDLS(0),
    CommonPADIBusConfig.modify(CommonPADIBusConfig.defaults(), { enableSpl1: [true, false, false, false] }),
  );
  builder.write(
    ColumnCurrentQuad,
    ColumnCurrentQuadOnDLS.of(SynramOnDLS(0), SynapseQuadColumnOnDLS(0)),
    ColumnCurrentQuad.modify(ColumnCurrentQuad.defaults(), { enableSynapticCurrentExcitatory: [true, true, true, true] }),
  );
  // Driver 0 drives synapse rows 1 and 0 (§1.1); the four neurons sit under quad column 0.
  for (const row of [1, 0]) {
    builder.write(SynapseQuad, SynapseQuadOnDLS.of(SynramOnDLS(0), SynapseRowOnSynram(row), SynapseQuadColumnOnDLS(0)), {
      weights: [63, 48, 32, 16],
      labels: [5, 5, 5, 5],
      timeCalibs: [0, 0, 0, 0],
      ampCalibs: [0, 0, 0, 0],
    });
  }

  // The MADC records neuron 0 (the one with enReadout) for the whole run (§3.2).
  builder.write(MADCConfig, MADCConfigOnDLS(0), MADCConfig.modify(MADCConfig.defaults(), { numberOfSamples: demoMadcSamples }));

  // The experiment: timed input, then read-back.
  builder.timerReset();
  builder.write(MADCControl, MADCControlOnDLS(0), MADCControl.modify(MADCControl.defaults(), { wakeUp: true, startRecording: true }));
  builder.injectSpikes(demoSpikeTimesCycles.map(() => demoInputLabel), demoSpikeTimesCycles);
  builder.waitUntil(runtimeCycles);
  const spikeCounters = demoNeurons.map((n) => builder.read(SpikeCounterRead, n));
  const neuronConfig = builder.read(NeuronConfig, demoNeurons[0] as AtomicNeuronOnDLS);
  builder.barrier();
  return { program: builder.done(), spikeCounters, neuronConfig };
}
