import { instantiateEmbedded } from './embedded-wasm.js';
import { IDEAL_FOLD_WASM_BASE64 } from './ideal-fold-wasm.js';

// The ideal engine's state and its deferred row-event charge live in the memory of a small WebAssembly SIMD
// module (assembly/ideal-fold.ts), so the fold of a row event into a uniform group — once per row event, over
// the synram's 256 neurons — the group's propagation and its at-risk list run two neurons per instruction with
// the engine's exact double arithmetic. The
// views below are plain Float64Array/Int32Array: every JavaScript path of the engine reads and writes them as
// before. The layout matches the kernel's (its ARRAYS export is checked).

const neuronCount = 512;
/** Layout start (bytes): above the kernel's own static data. */
const base = 65536;
const arrayBytes = neuronCount * 8;
const pages = 2;
const V = 0;
const I_EXC = 1;
const I_INH = 2;
const PEND_EXC = 3;
const PEND_INH = 4;
const RISKY = 5;
const AHEAD = 6;

interface FoldExports {
  readonly ARRAYS: { readonly value: number };
  foldUniform(
    base: number,
    first: number,
    count: number,
    em: number,
    driveA2: number,
    ee: number,
    ei: number,
    he: number,
    hi: number,
    kExc: number,
    kInh: number,
    vStatic: number,
    hExc: number,
    hInh: number,
    limit: number,
    vMin: number,
    vMax: number,
    drive: number,
    emAhead: number,
    a2Ahead: number,
    eiAhead: number,
    theta: number,
  ): number;
  propagate(base: number, first: number, count: number, em: number, driveA2: number, ee: number, ei: number, he: number, hi: number, kExc: number, kInh: number, vMin: number, vMax: number): void;
  listAtRisk(
    base: number,
    first: number,
    count: number,
    kExc: number,
    kInh: number,
    vStatic: number,
    hExc: number,
    hInh: number,
    limit: number,
    drive: number,
    emAhead: number,
    a2Ahead: number,
    eiAhead: number,
    theta: number,
  ): number;
}

export class IdealKernel {
  /** Membrane potential (V) and synaptic currents (nA): the engine's state arrays. */
  readonly v: Float64Array;
  readonly iExcNa: Float64Array;
  readonly iInhNa: Float64Array;
  /** The charge of a deferred row event (zero outside a fold). */
  readonly pendingExc: Float64Array;
  readonly pendingInh: Float64Array;
  /** At-risk neurons, entries 256·g … of group g. */
  readonly risky: Int32Array;
  /** Per at-risk entry: −1 when the neuron cannot reach threshold within foldUniform's look-ahead, else 0. */
  readonly ahead: Int32Array;
  private readonly exports: FoldExports;

  constructor() {
    const { exports, buffer } = instantiateEmbedded<FoldExports>(IDEAL_FOLD_WASM_BASE64, pages);
    this.exports = exports;
    if (this.exports.ARRAYS.value !== AHEAD + 1) {
      throw new Error('ideal-fold.wasm does not match ideal-kernel.ts: rebuild with `npm run kernel -w @bss2/analog`');
    }
    const f64 = (k: number): Float64Array => new Float64Array(buffer, base + k * arrayBytes, neuronCount);
    this.v = f64(V);
    this.iExcNa = f64(I_EXC);
    this.iInhNa = f64(I_INH);
    this.pendingExc = f64(PEND_EXC);
    this.pendingInh = f64(PEND_INH);
    this.risky = new Int32Array(buffer, base + RISKY * arrayBytes, neuronCount);
    this.ahead = new Int32Array(buffer, base + AHEAD * arrayBytes, neuronCount);
  }

  /**
   * Neurons first … first + count − 1 (count even) one step forward (coefficients em … hi; `driveA2` = drive·a2),
   * the pending charge added and cleared, the at-risk bound taken against `limit`: the at-risk neurons go to
   * `risky` from entry `first` on, in index order; returns their number. `ahead` marks the entries whose
   * lifUpperBound over the look-ahead span (its coefficients emAhead, a2Ahead, eiAhead) stays below `theta`.
   */
  foldUniform(
    first: number,
    count: number,
    em: number,
    driveA2: number,
    ee: number,
    ei: number,
    he: number,
    hi: number,
    kExc: number,
    kInh: number,
    vStatic: number,
    hExc: number,
    hInh: number,
    limit: number,
    vMin: number,
    vMax: number,
    drive: number,
    emAhead: number,
    a2Ahead: number,
    eiAhead: number,
    theta: number,
  ): number {
    return this.exports.foldUniform(base, first, count, em, driveA2, ee, ei, he, hi, kExc, kInh, vStatic, hExc, hInh, limit, vMin, vMax, drive, emAhead, a2Ahead, eiAhead, theta);
  }

  /** Neurons first … first + count − 1 (count even) one step forward without charge or bound (syncGroup). */
  propagate(first: number, count: number, em: number, driveA2: number, ee: number, ei: number, he: number, hi: number, kExc: number, kInh: number, vMin: number, vMax: number): void {
    this.exports.propagate(base, first, count, em, driveA2, ee, ei, he, hi, kExc, kInh, vMin, vMax);
  }

  /** foldUniform's at-risk list and look-ahead flags from the present state (no step, no charge). */
  listAtRisk(
    first: number,
    count: number,
    kExc: number,
    kInh: number,
    vStatic: number,
    hExc: number,
    hInh: number,
    limit: number,
    drive: number,
    emAhead: number,
    a2Ahead: number,
    eiAhead: number,
    theta: number,
  ): number {
    return this.exports.listAtRisk(base, first, count, kExc, kInh, vStatic, hExc, hInh, limit, drive, emAhead, a2Ahead, eiAhead, theta);
  }
}
