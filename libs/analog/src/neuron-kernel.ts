import { instantiateEmbedded } from './embedded-wasm.js';
import { EXP_SLOPE_VOLTS } from './membrane-current.js';
import { NEURON_STEP_WASM_BASE64 } from './neuron-step-wasm.js';

// The analog engine's per-step neuron update runs in WebAssembly SIMD (assembly/neuron-step.ts): in plain
// JavaScript the step cost 21–50 ns per neuron, a float64 loop of the linear part alone ~8 ns; four f32 lanes per
// instruction bring it to ~3 ns (measured, docs/benchmarks.md). This class owns one kernel instance and its
// memory, and exposes the kernel's state arrays as typed-array views, so the engine's JavaScript paths (events,
// resets, readout, compartments) read and write the same state the kernel steps; the per-neuron coefficients are
// plain arrays the kernel reads from its own interleaved copy (packCoefficients). f32 state: 24-bit mantissa,
// ~0.1 µV at 1 V, far below the 4.5 mV membrane noise.

const neuronCount = 512;
/** Where the arrays start in the kernel's memory (below: the module's own data; the memory never grows). */
const base = 65536;
const arrayBytes = neuronCount * 4;

// Array order of assembly/neuron-step.ts.
const V = 0;
const X = 1;
const I_EXC = 2;
const I_INH = 3;
const W = 4;
const DELTA = 5;
const RNG = 6;
const ACTIVE = 7;
const HOLD = 8;
/** The coefficients, interleaved per group of four neurons (packCoefficients): 18 arrays' worth. */
const COEFFICIENTS = 9;
const CANDIDATES = 27;
/** Synaptic input data after the arrays: row-event columns, weight gains, event response tables. */
const columnsAt = base + (CANDIDATES + 1) * arrayBytes;
const gainsAt = columnsAt + 256;
const synapses = 2 * 256 * 256;
const tablesAt = gainsAt + synapses * 4;
const pageBytes = 65536;

/** Per-neuron step coefficients, in the kernel's order (meaning: analog-engine.ts, "Per-neuron step coefficients"). */
export const KERNEL_COEFFICIENTS = [
  'leak',
  'c0',
  'ka2w',
  'hbe',
  'hge',
  'hbi',
  'hgi',
  'ee',
  'ei',
  'ew',
  'wa',
  'wb',
  'theta',
  'expFrom',
  'vExp',
  'expScale',
  'noiseDecay',
  'noiseKick',
  'vReset',
] as const;
export type KernelCoefficient = (typeof KERNEL_COEFFICIENTS)[number];

/** 1/ΔT and log2(e)/ΔT of the exponential term, as the kernel's float32 sees them. */
const EXP_PER_VOLT = Math.fround(1 / EXP_SLOPE_VOLTS);
const EXP2_PER_VOLT = Math.fround(Math.LOG2E / EXP_SLOPE_VOLTS);

/**
 * The kernel's 18 coefficient vectors per group (assembly/neuron-step.ts, in its order), each from the engine's
 * arrays at neuron n. Folded at packing so the loop does less per step: ka2w/2 (the trapezoid's mean, exact in
 * float32); the exponential term expScale·e^{(v − vExp)/ΔT} as 2^{v·log2(e)/ΔT − offset} with offset = vExp·log2(e)/ΔT
 * − log2(expScale), so neither vExp nor expScale is a coefficient of its own; a neuron with expScale = 0 gets no
 * exponential path at all (expFrom = ∞: its term is 0, the same result).
 */
const PACKED_COEFFICIENTS: readonly ((c: Readonly<Record<KernelCoefficient, Float32Array>>, n: number) => number)[] = [
  (c, n) => c.leak[n] as number,
  (c, n) => c.c0[n] as number,
  (c, n) => (c.ka2w[n] as number) / 2,
  (c, n) => c.hbe[n] as number,
  (c, n) => c.hge[n] as number,
  (c, n) => c.hbi[n] as number,
  (c, n) => c.hgi[n] as number,
  (c, n) => c.ee[n] as number,
  (c, n) => c.ei[n] as number,
  (c, n) => c.ew[n] as number,
  (c, n) => c.wa[n] as number,
  (c, n) => c.wb[n] as number,
  (c, n) => c.theta[n] as number,
  (c, n) => ((c.expScale[n] as number) > 0 ? (c.expFrom[n] as number) : Infinity),
  (c, n) => ((c.expScale[n] as number) > 0 ? (c.vExp[n] as number) * EXP2_PER_VOLT - Math.log2(c.expScale[n] as number) : 0),
  (c, n) => c.noiseDecay[n] as number,
  (c, n) => c.noiseKick[n] as number,
  (c, n) => c.vReset[n] as number,
];

/** assembly/neuron-step.ts `step` and its variants: one step of the active neurons of first ≤ n < end. */
type StepLoop = (base: number, expPerVolt: number, exp2PerVolt: number, vMin: number, vMax: number, first: number, end: number) => number;

/** The arguments `deliver` and `deliverRange` share after their columns (byte addresses, then the event's factors). */
type DeliveryArguments = [neuronBase: number, current: number, membrane: number, target: number, v: number, scale: number, sign: number, vMin: number, vMax: number];

interface KernelExports {
  readonly ARRAYS: { readonly value: number };
  readonly step: StepLoop;
  readonly stepLinear: StepLoop;
  readonly stepCuba: StepLoop;
  readonly stepLinearCuba: StepLoop;
  deliver(gains: number, cols: number, count: number, ...rest: DeliveryArguments): void;
  deliverRange(gains: number, firstColumn: number, endColumn: number, ...rest: DeliveryArguments): void;
}

/** Event response tables (synaptic-input.ts), index age·512 + n. */
export interface ResponseTables {
  readonly excCurrent: Float32Array;
  readonly excMembrane: Float32Array;
  readonly inhCurrent: Float32Array;
  readonly inhMembrane: Float32Array;
}

export class NeuronKernel {
  /** Membrane potential (V), noise term (V), synaptic currents and adaptation (nA), step change of v + x (V). */
  readonly v: Float32Array;
  readonly x: Float32Array;
  readonly iExcNa: Float32Array;
  readonly iInhNa: Float32Array;
  readonly wNa: Float32Array;
  readonly stepDelta: Float32Array;
  /** xorshift32 state per neuron (the membrane noise generator). */
  readonly rng: Uint32Array;
  /** −1 where the kernel steps the neuron, 0 where the engine's JavaScript paths do. */
  readonly active: Int32Array;
  /** −1 where an active neuron is held at vReset for the whole step (reset hold), else 0. */
  readonly hold: Int32Array;
  /** Neurons whose observed potential reached the threshold in the last step (first `step()` entries). */
  readonly candidates: Int32Array;
  /**
   * One array per coefficient, indexed by neuron: written by the engine, read by its JavaScript paths, and packed
   * into the kernel's layout by `packCoefficients`, which must follow any change before the next `step`.
   */
  readonly coefficients: Readonly<Record<KernelCoefficient, Float32Array>>;
  /** The kernel's form of `coefficients`: per group of four neurons, its 18 coefficients' vectors in a row. */
  private readonly packed: Float32Array;
  /** The neurons with the exponential term lie in expFirst ≤ n < expEnd (packCoefficients; empty: none). */
  private expFirst = 0;
  private expEnd = 0;
  /** The neurons with conductance-based input (hge or hgi ≠ 0) lie in cobaFirst ≤ n < cobaEnd (empty: none). */
  private cobaFirst = 0;
  private cobaEnd = 0;
  /** (w/63)·dacGain per synapse (synaptic-input.ts `weightGain`), index synram·65536 + row·256 + column. */
  readonly weightGain: Float32Array;
  /** The columns of the row event `deliver` applies (its copy of the caller's list). */
  private readonly columns: Uint8Array;
  /** Response tables for event ages 0..maxAgeCycles. */
  readonly tables: ResponseTables;
  private readonly exports: KernelExports;

  constructor(readonly maxAgeCycles: number) {
    const tableFloats = (maxAgeCycles + 1) * neuronCount;
    // Sized once, never grown: growing would detach every view.
    const pages = Math.ceil((tablesAt + 4 * tableFloats * 4) / pageBytes);
    const { exports, buffer } = instantiateEmbedded<KernelExports>(NEURON_STEP_WASM_BASE64, pages);
    this.exports = exports;
    if (this.exports.ARRAYS.value !== CANDIDATES + 1) {
      throw new Error('neuron-step.wasm does not match neuron-kernel.ts: rebuild with `npm run kernel -w @bss2/analog`');
    }
    const f32 = (k: number): Float32Array => new Float32Array(buffer, base + k * arrayBytes, neuronCount);
    this.v = f32(V);
    this.x = f32(X);
    this.iExcNa = f32(I_EXC);
    this.iInhNa = f32(I_INH);
    this.wNa = f32(W);
    this.stepDelta = f32(DELTA);
    this.rng = new Uint32Array(buffer, base + RNG * arrayBytes, neuronCount);
    this.active = new Int32Array(buffer, base + ACTIVE * arrayBytes, neuronCount);
    this.hold = new Int32Array(buffer, base + HOLD * arrayBytes, neuronCount);
    this.candidates = new Int32Array(buffer, base + CANDIDATES * arrayBytes, neuronCount);
    this.coefficients = Object.fromEntries(KERNEL_COEFFICIENTS.map((name) => [name, new Float32Array(neuronCount)])) as Record<KernelCoefficient, Float32Array>;
    this.packed = new Float32Array(buffer, base + COEFFICIENTS * arrayBytes, PACKED_COEFFICIENTS.length * neuronCount);
    this.columns = new Uint8Array(buffer, columnsAt, 256);
    this.weightGain = new Float32Array(buffer, gainsAt, synapses);
    const table = (k: number): Float32Array => new Float32Array(buffer, tablesAt + k * tableFloats * 4, tableFloats);
    this.tables = { excCurrent: table(0), excMembrane: table(1), inhCurrent: table(2), inhMembrane: table(3) };
  }

  /**
   * Writes `coefficients` in the kernel's layout (assembly/neuron-step.ts: the 18 coefficients of a group of four
   * neurons as consecutive vectors, one address stream for the loop instead of 18; PACKED_COEFFICIENTS).
   */
  packCoefficients(): void {
    const packed = this.packed;
    const c = this.coefficients;
    const count = PACKED_COEFFICIENTS.length;
    for (let k = 0; k < count; k++) {
      const value = PACKED_COEFFICIENTS[k] as (c: Readonly<Record<KernelCoefficient, Float32Array>>, n: number) => number;
      for (let n = 0; n < neuronCount; n++) packed[(n >> 2) * 4 * count + k * 4 + (n & 3)] = value(c, n);
    }
    this.expFirst = neuronCount;
    this.expEnd = 0;
    this.cobaFirst = neuronCount;
    this.cobaEnd = 0;
    for (let n = 0; n < neuronCount; n++) {
      if ((c.expScale[n] as number) > 0 && (c.expFrom[n] as number) < Infinity) {
        this.expFirst = Math.min(this.expFirst, n);
        this.expEnd = n + 1;
      }
      if (c.hge[n] !== 0 || c.hgi[n] !== 0) {
        this.cobaFirst = Math.min(this.cobaFirst, n);
        this.cobaEnd = n + 1;
      }
    }
  }

  /**
   * One step of every active neuron in first ≤ n < end (multiples of 4), the exponential term with the model's
   * slope EXP_SLOPE_VOLTS (its path, and that of conductance-based input, is left out of the loop where no neuron
   * of the range has it); returns the number of threshold candidates in `candidates`.
   */
  step(vMin: number, vMax: number, first = 0, end = neuronCount): number {
    const exponential = first < this.expEnd && end > this.expFirst;
    const coba = first < this.cobaEnd && end > this.cobaFirst;
    const e = this.exports;
    if (coba) return (exponential ? e.step : e.stepLinear)(base, EXP_PER_VOLT, EXP2_PER_VOLT, vMin, vMax, first, end);
    return (exponential ? e.stepCuba : e.stepLinearCuba)(base, EXP_PER_VOLT, EXP2_PER_VOLT, vMin, vMax, first, end);
  }

  /**
   * A row event on one synaptic input, columns `cols[0..count)` (distinct), `ageCycles` before the state time: the
   * loop of SynapticInput.deliver for a single input without bypass, in WebAssembly (assembly/neuron-step.ts
   * `deliver`, or `deliverRange` four columns at a time when the event reaches all 256).
   */
  deliver(synram: number, row: number, cols: Uint8Array, count: number, ageCycles: number, inhibitory: boolean, scale: number, vMin: number, vMax: number): void {
    if (count === 256) {
      this.deliverRange(synram, row, 0, 256, ageCycles, inhibitory, scale, vMin, vMax);
      return;
    }
    // Copied by hand: `cols.subarray` would allocate a view per event.
    const columns = this.columns;
    for (let i = 0; i < count; i++) columns[i] = cols[i] as number;
    const sign = inhibitory ? -1 : 1;
    this.exports.deliver(this.gainsAt(synram, row), columnsAt, count, synram * 256, this.currentAt(ageCycles, inhibitory), this.membraneAt(ageCycles, inhibitory), this.targetAt(inhibitory), base + V * arrayBytes, scale, sign, vMin, vMax);
  }

  /**
   * `deliver` for the columns firstColumn ≤ c < endColumn of the row (multiples of 4), four at a time
   * (assembly/neuron-step.ts `deliverRange`): the same sums as `deliver` with those columns listed, bit for bit.
   */
  deliverRange(synram: number, row: number, firstColumn: number, endColumn: number, ageCycles: number, inhibitory: boolean, scale: number, vMin: number, vMax: number): void {
    const sign = inhibitory ? -1 : 1;
    this.exports.deliverRange(
      this.gainsAt(synram, row),
      firstColumn,
      endColumn,
      synram * 256,
      this.currentAt(ageCycles, inhibitory),
      this.membraneAt(ageCycles, inhibitory),
      this.targetAt(inhibitory),
      base + V * arrayBytes,
      scale,
      sign,
      vMin,
      vMax,
    );
  }

  /** Byte address of the row's 256 weight gains. */
  private gainsAt(synram: number, row: number): number {
    return gainsAt + (synram * 65536 + row * 256) * 4;
  }

  // An input's response tables at the event's age — the current left (exc table 0, inh 2) and the charge delivered
  // (exc 1, inh 3) — and the synaptic current they add to.
  private currentAt(ageCycles: number, inhibitory: boolean): number {
    return tablesAt + ((inhibitory ? 2 : 0) * (this.maxAgeCycles + 1) + ageCycles) * neuronCount * 4;
  }

  private membraneAt(ageCycles: number, inhibitory: boolean): number {
    return tablesAt + ((inhibitory ? 3 : 1) * (this.maxAgeCycles + 1) + ageCycles) * neuronCount * 4;
  }

  private targetAt(inhibitory: boolean): number {
    return base + (inhibitory ? I_INH : I_EXC) * arrayBytes;
  }
}
