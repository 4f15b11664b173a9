import { CapMemBlockOnDLS, CapMemCellOnDLS } from '@bss2/coords';
import { AnalogError, checkInteger } from './analog-error.js';
import { CAPMEM_NANOAMPS_PER_CODE, type CapMemState } from './capmem.js';
import type { FixedPattern } from './fixed-pattern.js';

// Correlation sensors (reference §3.3, twin model §10.9). Every synapse has a causal and an acausal
// accumulator a (CADC LSB) on top of its fixed baseline b. Nearest-neighbour traces: a pre event sets the
// synapse's pre trace x to 1, a post-pulse sets the column's post trace y to 1, both decay as exp(−Δt/τ_corr).
// At a post-pulse a_c += A·x (x just before the pulse); at a pre event a_a += A·y (y just before the event).
// Each accumulator stops where b + a reaches 255. τ_corr = 2500 µs/code(syn_i_bias_ramp) and
// A = 10 LSB·code(syn_i_bias_store)/500 per CapMem block (§10.3), block = synram·2 + (column ≥ 128).
// Traces are stored as the time of the last pre event (per synapse) and last post-pulse (per column); with
// A = 0 (the common case) only those times are recorded and no exponential is evaluated. Events must arrive in
// time order. time_calib and amp_calib are not modelled.

const rows = 256;
const columns = 256;
const perSynram = rows * columns;
const synapses = 2 * perSynram;
const blocks = 4;
const maxRead = 255;
/** FPGA cycle in µs. */
const cycleUs = 0.008;

const rampCell = Int32Array.from(CapMemBlockOnDLS.all(), (b) => CapMemCellOnDLS.ofShared(b, 'syn_i_bias_ramp'));
const storeCell = Int32Array.from(CapMemBlockOnDLS.all(), (b) => CapMemCellOnDLS.ofShared(b, 'syn_i_bias_store'));

/** τ_corr = 2500 µs/code(syn_i_bias_ramp); code 0 → Infinity (no decay, twin choice). */
export function correlationTauUs(code: number): number {
  return code > 0 ? 2500 / code : Infinity;
}

/** A = 10 LSB·code(syn_i_bias_store)/500. */
export function correlationAmplitudeLsb(code: number): number {
  return (10 * code) / 500;
}

/** τ_corr and A of the 4 CapMem blocks from the CapMem outputs at `cycle` (arguments for `configure`). */
export function correlationParameters(capmem: CapMemState, cycle: number): { tauCorrUs: Float64Array; amplitudeLsb: Float64Array } {
  const code = (cell: number): number => capmem.value(cell, cycle) / CAPMEM_NANOAMPS_PER_CODE;
  return {
    tauCorrUs: Float64Array.from(rampCell, (cell) => correlationTauUs(code(cell))),
    amplitudeLsb: Float64Array.from(storeCell, (cell) => correlationAmplitudeLsb(code(cell))),
  };
}

export class CorrelationSensors {
  private readonly causal = new Float64Array(synapses);
  private readonly acausal = new Float64Array(synapses);
  /** Cycle of the last pre event per synapse (index synram·65536 + row·256 + column); −Infinity = none yet. */
  private readonly lastPre = new Float64Array(synapses).fill(-Infinity);
  /**
   * Cycle of the last event that reached a whole row (index synram·256 + row); a synapse's pre trace starts at
   * the later of this and its own `lastPre`, so a whole-row event without accumulation costs one store.
   */
  private readonly lastRowPre = new Float64Array(2 * rows).fill(-Infinity);
  /** Cycle of the last post-pulse per column (index synram·256 + column); −Infinity = none yet. */
  private readonly lastPost = new Float64Array(2 * columns).fill(-Infinity);
  /** −1/τ_corr in 1/cycle per block (0 for τ = Infinity). */
  private readonly decayPerCycle = new Float64Array(blocks);
  private readonly amplitudeLsb = new Float64Array(blocks);

  constructor(private readonly pattern: FixedPattern) {}

  /** τ_corr (µs) and amplitude A (LSB) per CapMem block (4 each); A = 0 switches accumulation off. */
  configure(tauCorrUs: ArrayLike<number>, amplitudeLsb: ArrayLike<number>): void {
    for (const [what, values] of [['tauCorrUs', tauCorrUs], ['amplitudeLsb', amplitudeLsb]] as const) {
      if (values.length !== blocks) {
        throw new AnalogError('out-of-range', values.length, { min: blocks, max: blocks }, `${what} needs one entry per CapMem block (4), got ${values.length}`);
      }
    }
    for (let b = 0; b < blocks; b++) {
      const tau = tauCorrUs[b] as number;
      const amplitude = amplitudeLsb[b] as number;
      if (!(tau > 0)) throw new AnalogError('out-of-range', tau, { min: 0, max: Infinity }, `tauCorrUs[${b}] must be > 0 µs, got ${tau}`);
      if (!(amplitude >= 0 && amplitude < Infinity)) {
        throw new AnalogError('out-of-range', amplitude, { min: 0, max: Infinity }, `amplitudeLsb[${b}] must be a finite number ≥ 0, got ${amplitude}`);
      }
      this.decayPerCycle[b] = -cycleUs / tau;
      this.amplitudeLsb[b] = amplitude;
    }
  }

  /** Pre events at `cycle` on row `row` of `synram`, synapse columns `columns[0..count)` (address matches). */
  preEvent(synram: number, row: number, columns: Uint8Array, count: number, cycle: number): void {
    const rowBase = synram * perSynram + row * 256;
    if (this.amplitudeLsb[synram * 2] === 0 && this.amplitudeLsb[synram * 2 + 1] === 0) {
      // No accumulation on this synram (the common case): only the pre traces' times move.
      if (count === 256) this.lastRowPre[synram * rows + row] = cycle;
      else for (let i = 0; i < count; i++) this.lastPre[rowBase + (columns[i] as number)] = cycle;
      return;
    }
    const postBase = synram * 256;
    const baseline = this.pattern.correlationBaselineAcausalLsb;
    for (let i = 0; i < count; i++) {
      const column = columns[i] as number;
      const s = rowBase + column;
      const block = synram * 2 + (column >> 7);
      const amplitude = this.amplitudeLsb[block] as number;
      const post = this.lastPost[postBase + column] as number;
      if (amplitude > 0 && post !== -Infinity) {
        const y = Math.exp((this.decayPerCycle[block] as number) * (cycle - post));
        this.acausal[s] = Math.min((this.acausal[s] as number) + amplitude * y, maxRead - (baseline[s] as number));
      }
      this.lastPre[s] = cycle;
    }
  }

  /** A post-pulse at `cycle` on column `column` of `synram` (the column's neuron fired, or a forced pulse). */
  postPulse(synram: number, column: number, cycle: number): void {
    const block = synram * 2 + (column >> 7);
    const amplitude = this.amplitudeLsb[block] as number;
    if (amplitude > 0) {
      const decay = this.decayPerCycle[block] as number;
      const baseline = this.pattern.correlationBaselineCausalLsb;
      for (let row = 0, s = synram * perSynram + column; row < rows; row++, s += columns) {
        const pre = Math.max(this.lastPre[s] as number, this.lastRowPre[synram * rows + row] as number);
        if (pre === -Infinity) continue;
        const x = Math.exp(decay * (cycle - pre));
        this.causal[s] = Math.min((this.causal[s] as number) + amplitude * x, maxRead - (baseline[s] as number));
      }
    }
    this.lastPost[synram * 256 + column] = cycle;
  }

  /** b + a of one accumulator (type 0 causal, 1 acausal), in LSB, unrounded and unclamped. */
  valueLsb(synram: number, row: number, type: number, column: number): number {
    const s = synram * perSynram + row * 256 + column;
    return type === 0
      ? (this.pattern.correlationBaselineCausalLsb[s] as number) + (this.causal[s] as number)
      : (this.pattern.correlationBaselineAcausalLsb[s] as number) + (this.acausal[s] as number);
  }

  /** Correlation reset of `count` synapses of one row from `firstColumn` (a whole row by default): a_c = a_a = 0 (traces keep running). */
  resetRow(synram: number, row: number, firstColumn = 0, count = columns): void {
    checkInteger('SynramOnDLS', synram, 0, 1);
    checkInteger('SynapseRowOnSynram', row, 0, rows - 1);
    checkInteger('SynapseOnSynapseRow', firstColumn, 0, columns - 1);
    checkInteger('column count', count, 1, columns - firstColumn);
    const start = synram * perSynram + row * 256 + firstColumn;
    this.causal.fill(0, start, start + count);
    this.acausal.fill(0, start, start + count);
  }

  /** Correlation reset of the synapses of one row whose `mask` entry (one per column, 256) is nonzero. */
  resetColumns(synram: number, row: number, mask: Uint8Array): void {
    checkInteger('SynramOnDLS', synram, 0, 1);
    checkInteger('SynapseRowOnSynram', row, 0, rows - 1);
    if (mask.length !== columns) throw new AnalogError('out-of-range', mask.length, { min: columns, max: columns }, `resetColumns needs one mask entry per column (256), got ${mask.length}`);
    const start = synram * perSynram + row * 256;
    for (let column = 0; column < columns; column++) {
      if (mask[column] === 0) continue;
      this.causal[start + column] = 0;
      this.acausal[start + column] = 0;
    }
  }

  /** Correlation reset of every row of `synram`. */
  resetSynram(synram: number): void {
    checkInteger('SynramOnDLS', synram, 0, 1);
    this.causal.fill(0, synram * perSynram, (synram + 1) * perSynram);
    this.acausal.fill(0, synram * perSynram, (synram + 1) * perSynram);
  }
}
