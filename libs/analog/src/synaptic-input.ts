import { ColumnCurrentQuadOnDLS, SynapseQuadOnDLS } from '@bss2/coords';
import { ColumnCurrentQuad, SynapseQuad, type Chip } from '@bss2/regs';
import type { FixedPattern } from './fixed-pattern.js';
import { AnalogError } from './analog-error.js';
import { V_MAX, V_MIN } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import type { NeuronState } from './neuron-state.js';

// Synaptic input (reference §1.5, §2.1, §6.1; twin model of the analog spec). A row event reaches the synapses
// `columns` of one row; each synapse of column c of synram s drives neuron s·256 + c through the column's
// current switches (ColumnCurrentQuad). Per synapse the charge is (w/63)·dacGain (dacGain: per-synapse DAC
// mismatch, §10.4), kept pre-multiplied in `weightGain`. What the charge does depends on the neuron:
//   synaptic input  ΔI = weightGain · synJump[n]               (exc and/or inh by row mode; 3 = both)
//   bypass (MAC)    Δv = ±weightGain · a · macJumpVolts[n]     (a = HAGEN activation, 31 without)
// With HAGEN modulation (activation ≥ 0) the synaptic-input charge is scaled by a/31 as well: the activation
// sets the pulse length on the driver for every row mode (twin choice). The engines provide the per-neuron
// response to an event `r` cycles before their state time (`EventKernel`), so one delivery loop serves the
// exact ideal state (r = 0) and the analog step end (events inside a step decay exactly to its end).

const neuronCount = 512;
const columns = 256;
const perSynram = 256 * columns;
/** Activation used for events without HAGEN modulation (full pulse). */
const fullActivation = 31;

/** An engine's response to one unit of synaptic charge that arrived `r` cycles before its state time. */
export interface EventKernel {
  /** Largest r the engine asks for (0 for an exact-time engine). */
  readonly maxAgeCycles: number;
  /** Factor on ΔI left at the state time (the current's decay over r). */
  currentDecay(n: number, inhibitory: boolean, ageCycles: number): number;
  /** Membrane change (V per nA of ΔI) already accrued over r (0 where the engine integrates it later). */
  membraneResponse(n: number, inhibitory: boolean, ageCycles: number): number;
}

/** Response tables to one unit of charge, index age·512 + n. */
interface ResponseTables {
  readonly excCurrent: Float32Array | Float64Array;
  readonly excMembrane: Float32Array | Float64Array;
  readonly inhCurrent: Float32Array | Float64Array;
  readonly inhMembrane: Float32Array | Float64Array;
}

/**
 * Where an engine keeps the synaptic input data, and its own loop for the common delivery (one input, no bypass):
 * the analog engine passes its WebAssembly kernel's memory (neuron-kernel.ts); tables sized for its maxAgeCycles.
 */
export interface SynapticStorage {
  readonly weightGain: Float32Array;
  readonly tables: ResponseTables;
  deliverRow(synram: number, row: number, cols: Uint8Array, count: number, ageCycles: number, inhibitory: boolean, scale: number): void;
  /** `deliverRow` for the columns firstColumn ≤ c < endColumn (multiples of 4), bit for bit as if listed. */
  deliverColumns(synram: number, row: number, firstColumn: number, endColumn: number, ageCycles: number, inhibitory: boolean, scale: number): void;
}

export class SynapticInput {
  /** (w/63)·dacGain per synapse, index synram·65536 + row·256 + column. */
  readonly weightGain: Float32Array;
  /** ColumnCurrentQuad switches per neuron (= synram·256 + column). */
  readonly columnExc = new Uint8Array(neuronCount);
  readonly columnInh = new Uint8Array(neuronCount);
  // Per-neuron event response tables, index age·512 + n (one event reads one contiguous age row).
  private ages = 1;
  private excCurrent: Float32Array | Float64Array = new Float64Array(neuronCount);
  private excMembrane: Float32Array | Float64Array = new Float64Array(neuronCount);
  private inhCurrent: Float32Array | Float64Array = new Float64Array(neuronCount);
  private inhMembrane: Float32Array | Float64Array = new Float64Array(neuronCount);
  /** Bypass: volts per (weightGain · activation), signed (0 unless the bypass is on). */
  private readonly macExc = new Float64Array(neuronCount);
  private readonly macInh = new Float64Array(neuronCount);
  private readonly bypass = new Uint8Array(neuronCount);
  /** False when no event can move a membrane directly (no bypass, no accrued membrane response): currents only. */
  private membraneCoupled = true;
  /** True when some neuron has a bypass input (MAC) switched on. */
  private anyBypass = true;
  /**
   * False until a bypass event may have set a lastBypass entry (the storage's loop does not clear them). A replica
   * (hemisphere-thread.ts) takes the original's with every batch and hands its own back with the batch's end.
   */
  bypassMarked = false;
  /** The column list of a `deliverRange` that takes the general loop. */
  private readonly rangeColumns = new Uint8Array(columns);
  /** Counts weight and column-switch changes: a replica (hemisphere-thread.ts) copies them when it changes. */
  revision = 0;
  /** Parameters and kernel the tables have not been rebuilt for yet. */
  private pending: { readonly p: NeuronParameters; readonly kernel: EventKernel } | undefined;

  constructor(
    private readonly pattern: FixedPattern,
    private readonly storage?: SynapticStorage,
  ) {
    this.weightGain = storage?.weightGain ?? new Float32Array(2 * perSynram);
  }

  /** Re-reads the weights of `quads` (SynapseQuadOnDLS values). */
  configureWeights(chip: Chip, quads: readonly number[]): void {
    if (quads.length > 0) this.revision++;
    for (const q of quads) {
      const quad = q as SynapseQuadOnDLS;
      const weights = chip.get(SynapseQuad, quad).weights;
      const base =
        SynapseQuadOnDLS.toSynramOnDLS(quad) * perSynram +
        SynapseQuadOnDLS.toSynapseRowOnSynram(quad) * columns +
        SynapseQuadOnDLS.toSynapseQuadColumnOnDLS(quad) * 4;
      for (let e = 0; e < 4; e++) {
        const s = base + e;
        const w = weights[e] as number;
        this.weightGain[s] = (w / 63) * (this.pattern.synapseDacGain[s] as number);
      }
    }
  }

  /** Re-reads the ColumnCurrentQuads `quads` (ColumnCurrentQuadOnDLS values). */
  configureColumns(chip: Chip, quads: readonly number[]): void {
    if (quads.length > 0) this.revision++;
    for (const q of quads) {
      const quad = q as ColumnCurrentQuadOnDLS;
      const value = chip.get(ColumnCurrentQuad, quad);
      const first = ColumnCurrentQuadOnDLS.toSynramOnDLS(quad) * columns + ColumnCurrentQuadOnDLS.toSynapseQuadColumnOnDLS(quad) * 4;
      for (let e = 0; e < 4; e++) {
        this.columnExc[first + e] = value.enableSynapticCurrentExcitatory[e] ? 1 : 0;
        this.columnInh[first + e] = value.enableSynapticCurrentInhibitory[e] ? 1 : 0;
      }
    }
  }

  /**
   * Takes new parameters, column switches or engine kernel; the per-neuron event responses are rebuilt at the
   * next event, so the many re-derivations of a CapMem settling wait without events cost nothing here. `p` and
   * the kernel's closures are read then: they must describe the engine's present state.
   */
  buildTables(p: NeuronParameters, kernel: EventKernel): void {
    this.pending = { p, kernel };
  }

  private rebuildTables({ p, kernel }: { readonly p: NeuronParameters; readonly kernel: EventKernel }): void {
    this.pending = undefined;
    const ages = kernel.maxAgeCycles + 1;
    if (ages !== this.ages) {
      this.ages = ages;
      const tables = this.storage?.tables ?? {
        excCurrent: new Float64Array(neuronCount * ages),
        excMembrane: new Float64Array(neuronCount * ages),
        inhCurrent: new Float64Array(neuronCount * ages),
        inhMembrane: new Float64Array(neuronCount * ages),
      };
      if (tables.excCurrent.length !== neuronCount * ages) {
        throw new AnalogError('out-of-range', kernel.maxAgeCycles, { min: 0, max: tables.excCurrent.length / neuronCount - 1 }, `event ages up to ${kernel.maxAgeCycles} cycles do not fit the storage's response tables`);
      }
      ({ excCurrent: this.excCurrent, excMembrane: this.excMembrane, inhCurrent: this.inhCurrent, inhMembrane: this.inhMembrane } = tables);
    }
    let coupled = false;
    let anyBypass = false;
    for (let n = 0; n < neuronCount; n++) {
      const flags = p.flags[n] as number;
      const bypassExc = (flags & NeuronFlag.bypassExc) !== 0;
      const bypassInh = (flags & NeuronFlag.bypassInh) !== 0;
      const jumpExc = this.columnExc[n] === 1 && !bypassExc ? (p.synJumpExcNa[n] as number) : 0;
      const jumpInh = this.columnInh[n] === 1 && !bypassInh ? (p.synJumpInhNa[n] as number) : 0;
      for (let r = 0; r < ages; r++) {
        const j = r * neuronCount + n;
        this.excCurrent[j] = jumpExc * kernel.currentDecay(n, false, r);
        this.excMembrane[j] = jumpExc * kernel.membraneResponse(n, false, r);
        this.inhCurrent[j] = jumpInh * kernel.currentDecay(n, true, r);
        this.inhMembrane[j] = jumpInh * kernel.membraneResponse(n, true, r);
        coupled ||= this.excMembrane[j] !== 0 || this.inhMembrane[j] !== 0;
      }
      this.macExc[n] = this.columnExc[n] === 1 && bypassExc ? (p.macJumpVolts[n] as number) : 0;
      this.macInh[n] = this.columnInh[n] === 1 && bypassInh ? (p.macJumpVolts[n] as number) : 0;
      this.bypass[n] = bypassExc || bypassInh ? 1 : 0;
      anyBypass ||= bypassExc || bypassInh;
      coupled ||= this.macExc[n] !== 0 || this.macInh[n] !== 0;
    }
    this.membraneCoupled = coupled;
    this.anyBypass = anyBypass;
  }

  /** Whether the storage's loop (single input, no bypass) does an event's sums: `deliver` past its currents-only case. */
  private storageLoopTakes(exc: boolean, inh: boolean): boolean {
    return this.membraneCoupled && !this.anyBypass && !(exc && inh);
  }

  /**
   * `deliver` with the columns firstColumn ≤ c < endColumn (multiples of 4) listed in order — all 256 of a row, or
   * the share of one neuron range (analog-engine.ts `runWindow`) — without a list in the common case (the
   * storage's loop over the range).
   */
  deliverRange(state: NeuronState, synram: number, row: number, firstColumn: number, endColumn: number, rowMode: number, activation: number, age: number): void {
    const exc = (rowMode & 1) !== 0;
    const inh = (rowMode & 2) !== 0;
    if (!exc && !inh) return;
    if (this.pending !== undefined) this.rebuildTables(this.pending);
    if (this.storage === undefined || !this.storageLoopTakes(exc, inh)) {
      const list = this.rangeColumns;
      for (let c = firstColumn; c < endColumn; c++) list[c - firstColumn] = c;
      this.deliver(state, synram, row, list, endColumn - firstColumn, rowMode, activation, age);
      return;
    }
    const a = activation < 0 ? fullActivation : activation;
    this.storage.deliverColumns(synram, row, firstColumn, endColumn, age, inh, a / fullActivation);
    if (this.bypassMarked) {
      const rowBase = synram * perSynram + row * columns;
      const { lastBypass } = state;
      for (let c = firstColumn; c < endColumn; c++) if ((this.weightGain[rowBase + c] as number) !== 0) lastBypass[synram * columns + c] = 0;
    }
  }

  /**
   * Applies one row event to `state`, `age` cycles before the state's time. `rowMode` 1 exc, 2 inh, 3 both;
   * `activation` 0..31 or −1. The membrane is clamped to the rails after a bypass charge.
   */
  deliver(state: NeuronState, synram: number, row: number, cols: Uint8Array, count: number, rowMode: number, activation: number, age: number): void {
    const exc = (rowMode & 1) !== 0;
    const inh = (rowMode & 2) !== 0;
    if (!exc && !inh) return;
    if (this.pending !== undefined) this.rebuildTables(this.pending);
    const a = activation < 0 ? fullActivation : activation;
    const currentScale = a / fullActivation;
    const rowBase = synram * perSynram + row * columns;
    const neuronBase = synram * columns;
    const ageBase = age * neuronCount;
    const { v, iExcNa, iInhNa, lastBypass } = state;
    const wg = this.weightGain;
    if (!this.membraneCoupled) {
      // Currents only (the common case at ideal fidelity): one multiply-add per synapse and input.
      const table = exc ? this.excCurrent : this.inhCurrent;
      const target = exc ? iExcNa : iInhNa;
      for (let i = 0; i < count; i++) {
        const c = cols[i] as number;
        const n = neuronBase + c;
        target[n] = (target[n] as number) + (wg[rowBase + c] as number) * currentScale * (table[ageBase + n] as number);
        lastBypass[n] = 0;
      }
      if (exc && inh) {
        for (let i = 0; i < count; i++) {
          const n = neuronBase + (cols[i] as number);
          iInhNa[n] = (iInhNa[n] as number) + (wg[rowBase + (cols[i] as number)] as number) * currentScale * (this.inhCurrent[ageBase + n] as number);
        }
      }
      return;
    }
    if (this.storage !== undefined && this.storageLoopTakes(exc, inh)) {
      // The storage's own loop (WebAssembly at analog) does the same sums; it leaves lastBypass alone, which
      // only needs clearing once some bypass event has marked it.
      this.storage.deliverRow(synram, row, cols, count, age, inh, currentScale);
      if (this.bypassMarked) {
        for (let i = 0; i < count; i++) if ((wg[rowBase + (cols[i] as number)] as number) !== 0) lastBypass[neuronBase + (cols[i] as number)] = 0;
      }
      return;
    }
    for (let i = 0; i < count; i++) {
      const c = cols[i] as number;
      const g = wg[rowBase + c] as number;
      if (g === 0) continue;
      const n = neuronBase + c;
      const j = ageBase + n;
      const gi = g * currentScale;
      let dv = 0;
      if (exc) {
        iExcNa[n] = (iExcNa[n] as number) + gi * (this.excCurrent[j] as number);
        dv += gi * (this.excMembrane[j] as number) + g * a * (this.macExc[n] as number);
      }
      if (inh) {
        iInhNa[n] = (iInhNa[n] as number) + gi * (this.inhCurrent[j] as number);
        dv -= gi * (this.inhMembrane[j] as number) + g * a * (this.macInh[n] as number);
      }
      if (dv !== 0) {
        const x = (v[n] as number) + dv;
        v[n] = x < V_MIN ? V_MIN : x > V_MAX ? V_MAX : x;
      }
      lastBypass[n] = this.bypass[n] as number;
    }
    this.bypassMarked ||= this.anyBypass;
  }
}
