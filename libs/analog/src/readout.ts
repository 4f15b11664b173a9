import { CapMemBlockOnDLS, CapMemCellOnCapMemBlock, CapMemCellOnDLS, CapMemColumnOnCapMemBlock, CapMemRowOnCapMemBlock, ColumnCorrelationQuadOnDLS } from '@bss2/coords';
import { CapMemBlockConfig, ColumnCorrelationQuad, type Chip } from '@bss2/regs';
import type { CapMemState } from './capmem.js';
import type { CadcReadout } from './cadc.js';
import { CADC_LSB_VOLTS } from './cadc.js';
import type { CorrelationSensors } from './correlation.js';
import { clampVolts } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import type { NeuronState } from './neuron-state.js';

// What the CADC and MADC see (reference §3.1, §3.2, §6.1; twin model of the analog spec). A neuron's readout
// signal (readoutSelect) is its membrane, or a current-equivalent voltage of one of its currents:
//   exc_synin / inh_synin   v_leak + I_syn·τ_mem/C·1e-3      adaptation   v_adapt_ref + w·τ_mem/C·1e-3
// clamped to the rails. A CADC channel (synram, type, column) shows the neuron readout if the column's
// ColumnCorrelationQuad enables it for that type, else the CapMem debug readout line of its quadrant if
// enableDebug is set for that type, else the correlation accumulator of the sampled row if enableInternal is
// set for that type, else 0 V. The debug line (twin choice, after calix's CADC calibration, which measures
// `stp_v_charge_0` "connected to the CADCs via the CapMem debug readout", reference §7.2) carries the voltage of
// the cell that the quadrant's CapMemBlockConfig selects (debugReadoutRow/Column, CapMem block = quadrant); with
// the debug readout off, or a current cell selected, the line is undriven and reads as 0 V. MAC results (§6.1): at analog fidelity a read of a neuron whose
// last event came through the bypass adds N(0, 3) LSB² of read noise.

/** Variance of the MAC read noise, LSB² (§6.1: with 1 LSB membrane noise the result noise is ≈ 2 LSB rms). */
const macReadVarianceLsb2 = 3;
const columns = 256;

export class Readout {
  /** ColumnCorrelationQuad switches per (synram·256 + column). */
  private readonly neuronCausal = new Uint8Array(512);
  private readonly neuronAcausal = new Uint8Array(512);
  private readonly internalCausal = new Uint8Array(512);
  private readonly internalAcausal = new Uint8Array(512);
  private readonly debugCausal = new Uint8Array(512);
  private readonly debugAcausal = new Uint8Array(512);
  /** Voltage on each quadrant's debug line (CapMem block order), 0 when undriven. */
  private readonly debugVolts = new Float64Array(4);

  /** Re-reads the ColumnCorrelationQuads `quads` (ColumnCorrelationQuadOnDLS values). */
  configureColumns(chip: Chip, quads: readonly number[]): void {
    for (const q of quads) {
      const quad = q as ColumnCorrelationQuadOnDLS;
      const value = chip.get(ColumnCorrelationQuad, quad);
      const first = ColumnCorrelationQuadOnDLS.toSynramOnDLS(quad) * columns + ColumnCorrelationQuadOnDLS.toSynapseQuadColumnOnDLS(quad) * 4;
      for (let e = 0; e < 4; e++) {
        this.neuronCausal[first + e] = value.enableCadcNeuronReadoutCausal[e] ? 1 : 0;
        this.neuronAcausal[first + e] = value.enableCadcNeuronReadoutAcausal[e] ? 1 : 0;
        this.internalCausal[first + e] = value.enableInternalCausal[e] ? 1 : 0;
        this.internalAcausal[first + e] = value.enableInternalAcausal[e] ? 1 : 0;
        this.debugCausal[first + e] = value.enableDebugCausal[e] ? 1 : 0;
        this.debugAcausal[first + e] = value.enableDebugAcausal[e] ? 1 : 0;
      }
    }
  }

  /** Re-reads the debug lines: the selected cell of every CapMem block at `cycle` (voltage cells only). */
  configureDebugLines(chip: Chip, capmem: CapMemState, cycle: number): void {
    for (const block of CapMemBlockOnDLS.all()) {
      const config = chip.get(CapMemBlockConfig, block);
      if (config.debugReadoutRow < 0) {
        this.debugVolts[block] = 0;
        continue;
      }
      const onBlock = CapMemCellOnCapMemBlock.of(CapMemRowOnCapMemBlock(config.debugReadoutRow), CapMemColumnOnCapMemBlock(config.debugReadoutColumn));
      const cell = CapMemCellOnDLS.of(block, onBlock);
      this.debugVolts[block] = CapMemCellOnDLS.quantityOf(cell) === 'voltage' ? capmem.value(cell, cycle) : 0;
    }
  }

  /**
   * CADC conversion of the 256 channels of `type` of `synram`, correlation channels showing `row`.
   * `membrane(n)` is the observed membrane; `normal()` draws the MAC read noise (undefined: none).
   */
  sampleRow(
    cadc: CadcReadout,
    correlation: CorrelationSensors,
    p: NeuronParameters,
    state: NeuronState,
    membrane: (n: number) => number,
    normal: (() => number) | undefined,
    synram: number,
    type: number,
    row: number,
    out: Uint8Array,
  ): void {
    const showNeuron = type === 0 ? this.neuronCausal : this.neuronAcausal;
    const showInternal = type === 0 ? this.internalCausal : this.internalAcausal;
    const showDebug = type === 0 ? this.debugCausal : this.debugAcausal;
    for (let column = 0; column < columns; column++) {
      const i = synram * columns + column;
      if (showNeuron[i] === 1) {
        let volts = readoutSignalVolts(p, state, i, membrane(i));
        if (normal !== undefined && state.lastBypass[i] === 1) volts += Math.sqrt(macReadVarianceLsb2) * CADC_LSB_VOLTS * normal();
        out[column] = cadc.code(synram, type, column, volts);
      } else if (showDebug[i] === 1) {
        out[column] = cadc.code(synram, type, column, this.debugVolts[synram * 2 + (column >> 7)] as number);
      } else if (showInternal[i] === 1) {
        out[column] = cadc.correlationCode(synram, type, column, correlation.valueLsb(synram, row, type, column));
      } else {
        out[column] = cadc.code(synram, type, column, 0);
      }
    }
  }
}

/** The readoutSelect signal of neuron n, V, given its observed membrane potential. */
export function readoutSignalVolts(p: NeuronParameters, state: NeuronState, n: number, membrane: number): number {
  switch (p.readoutSelect[n]) {
    case 1:
      return currentEquivalent(p.vLeakVolts[n] as number, state.iExcNa[n] as number, p, n);
    case 2:
      return currentEquivalent(p.vLeakVolts[n] as number, state.iInhNa[n] as number, p, n);
    case 3:
      return currentEquivalent(p.vAdaptRefVolts[n] as number, state.wNa[n] as number, p, n);
    default:
      return membrane;
  }
}

function currentEquivalent(base: number, currentNa: number, p: NeuronParameters, n: number): number {
  if (currentNa === 0) return clampVolts(base);
  return clampVolts(base + (currentNa * (p.tauMemUs[n] as number) * 1e-3) / (p.capacitancePf[n] as number));
}

/** The MADC source: the lowest-index neuron with enReadout (−1: none, the MADC sees 0 V). */
export function madcSourceNeuron(p: NeuronParameters): number {
  for (let n = 0; n < 512; n++) if ((p.flags[n] as number) & NeuronFlag.readout) return n;
  return -1;
}
