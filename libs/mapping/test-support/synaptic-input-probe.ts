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
  SynramOnDLS,
  type NeuronParameter,
} from '@bss2/coords';
import { PlaybackProgramBuilder, type Connection, type ContainerTicket, type RunResult } from '@bss2/playback';
import { CADCConfig, CADCSampleQuad, CapMemCell, Chip, ColumnCorrelationQuad, NeuronConfig, type ContainerValue } from '@bss2/regs';

// Observes, through the link only, which neurons an injected FPGA label reaches and with which sign and weight:
// every neuron's readout shows its excitatory (or, in a second pass, inhibitory) synaptic input current as a
// voltage, v_leak + I·τ_mem/C (libs/analog README "Readout"), which the CADC converts (ideal mapping,
// reference §10.7). The membrane itself never fires (threshold comparator off). Codes chosen so that one unit of
// weight is ≈ 2.7 CADC LSB and weight 63 stays inside the 8-bit range.

const neurons = 512;
const codes = { leak: 70, leakBias: 50, tau: 30, gm: 1022, dac: 1022 } as const;
const FPGA_CYCLES_PER_US = 125;
/** Long enough for the currents of a previous measurement to vanish (τ_syn = 10 µs). */
const SETTLE_US = 200;
const SPACING_US = 100;
/** Read 2 cycles before and after the injection: τ_syn = 10 µs, so the current decays by 0.16 % meanwhile. */
const READ_DELAY_CYCLES = 2;

/**
 * CADC LSB per unit of weight, from the reference formulas (libs/analog README, reference §10.3, §10.7):
 * jump(w = 63) = I(dac)·0.0216·code(gm)/500 nA, τ_mem = 2000 µs·(C/2.3 pF)/code(leak bias), C = 2.3 pF at
 * memCapSize 63, readout = v_leak + I·τ_mem/C·1e-3 V, 4.5 mV per LSB.
 */
export const LSB_PER_WEIGHT = ((((1000 * codes.dac) / 1022) * 0.0216 * codes.gm) / 500 / 63) * (2000 / codes.leakBias) / 2.3 * 1e-3 / 0.0045;

/** A base Chip with the probe's neuron parameters and CADC readout, for `mapNetwork(network, { base })`. */
export function probeBase(): Chip {
  const chip = new Chip();
  const perNeuron: Partial<Record<NeuronParameter, number>> = {
    v_leak: codes.leak,
    v_reset: codes.leak,
    v_threshold: 1000,
    i_bias_leak: codes.leakBias,
    i_bias_synin_exc_tau: codes.tau,
    i_bias_synin_inh_tau: codes.tau,
    i_bias_synin_exc_gm: codes.gm,
    i_bias_synin_inh_gm: codes.gm,
  };
  for (let n = 0; n < neurons; n++) {
    for (const [parameter, value] of Object.entries(perNeuron)) chip.set(CapMemCell, CapMemCellOnDLS.ofNeuron(AtomicNeuronOnDLS(n), parameter as NeuronParameter), { value });
    chip.modify(NeuronConfig, AtomicNeuronOnDLS(n), { memCapSize: 63, enFire: false, enThreshComp: false, enReadout: false });
  }
  for (const block of CapMemBlockOnDLS.all()) chip.set(CapMemCell, CapMemCellOnDLS.ofShared(block, 'syn_i_bias_dac'), { value: codes.dac });
  const on = [true, true, true, true] as [boolean, boolean, boolean, boolean];
  for (const synram of SynramOnDLS.all()) {
    chip.modify(CADCConfig, CADCOnDLS(synram), { enable: true });
    for (const q of SynapseQuadColumnOnDLS.all()) chip.modify(ColumnCorrelationQuad, ColumnCorrelationQuadOnDLS.of(synram, q), { enableCadcNeuronReadoutCausal: on });
  }
  return chip;
}

type TimedSpike = RunResult['spikes'][number];
type SampleTicket = ContainerTicket<ContainerValue<typeof CADCSampleQuad>>;

// Both CADCs are triggered first, one cycle apart, then the buffered quads are read: the whole chip is
// sampled within 2 cycles, not 65 apart.
function readNeurons(builder: PlaybackProgramBuilder): SampleTicket[] {
  const tickets: SampleTicket[] = new Array<SampleTicket>(128);
  for (const q of [0, ...Array.from({ length: 63 }, (_, i) => i + 1)]) {
    for (const synram of SynramOnDLS.all()) {
      const readout = q === 0 ? CADCReadoutType.triggerRead : CADCReadoutType.buffered;
      tickets[synram * 64 + q] = builder.read(CADCSampleQuad, CADCSampleQuadOnDLS.of(synram, readout, CADCChannelType.causal, SynapseQuadOnSynram(q)));
    }
  }
  return tickets;
}

function neuronReads(tickets: readonly SampleTicket[]): Float64Array {
  const out = new Float64Array(neurons);
  tickets.forEach((ticket, i) => ticket.get().samples.forEach((sample, e) => (out[i * 4 + e] = sample)));
  return out;
}

/** Per injection: the change of every neuron's excitatory and inhibitory input readout, in CADC LSB. */
export interface SynapticInputResponse {
  readonly excitatory: readonly Float64Array[];
  readonly inhibitory: readonly Float64Array[];
  /** Spikes recorded during each pass (label, timer cycles). */
  readonly spikes: readonly (readonly TimedSpike[])[];
  /** Timer value of injection `j` and of the read after it. */
  readonly injectionCycles: readonly number[];
  readonly readCycles: readonly number[];
}

/**
 * Drives one connection: applies a Chip (only its difference to the one applied before), then injects each group
 * of labels (one group at a time, 100 µs apart) and reads every neuron's input current readout 2 cycles before
 * and `readDelayCycles` after each; once for each sign.
 */
export class SynapticInputProbe {
  private applied: Chip | undefined;

  constructor(private readonly connection: Connection) {}

  async measure(chip: Chip, injections: readonly (readonly number[])[], readDelayCycles = READ_DELAY_CYCLES): Promise<SynapticInputResponse> {
    const passes: Float64Array[][] = [];
    const spikes: (readonly TimedSpike[])[] = [];
    const injectionCycles = injections.map((_, j) => (SETTLE_US + (j + 1) * SPACING_US) * FPGA_CYCLES_PER_US);
    for (const readoutSelect of ['exc_synin', 'inh_synin'] as const) {
      const configured = chip.clone();
      for (let n = 0; n < neurons; n++) configured.modify(NeuronConfig, AtomicNeuronOnDLS(n), { readoutSelect });
      const builder = new PlaybackProgramBuilder();
      builder.writeChip(configured, this.applied);
      this.applied = configured;
      builder.timerReset().waitUntil(SETTLE_US * FPGA_CYCLES_PER_US);
      const reads = injections.map((labels, j) => {
        const at = injectionCycles[j] as number;
        builder.waitUntil(at - READ_DELAY_CYCLES);
        const before = readNeurons(builder);
        builder.injectSpikes(labels, labels.map(() => at));
        builder.waitUntil(at + readDelayCycles);
        return { before, after: readNeurons(builder) };
      });
      const result = await this.connection.run(builder.done());
      spikes.push(result.spikes);
      passes.push(
        reads.map(({ before, after }) => {
          const base = neuronReads(before);
          return neuronReads(after).map((v, n) => v - (base[n] as number));
        }),
      );
    }
    const readCycles = injectionCycles.map((at) => at + readDelayCycles);
    return { excitatory: passes[0] as Float64Array[], inhibitory: passes[1] as Float64Array[], spikes, injectionCycles, readCycles };
  }
}
