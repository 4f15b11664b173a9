import { ClusterModel } from './cluster-model.js';
import { singleNeuronCluster, type CompartmentGraph } from './compartments.js';
import { effectiveThreshold, expandFireGroups, startRefractory, type Engine } from './engine.js';
import { IdealKernel } from './ideal-kernel.js';
import { closedFormPair, JoinedPairs } from './joined-pairs.js';
import { CYCLE_US, LIF_COEFFICIENTS, lifCoefficients, lifUpperBound, lifVoltage, synapticKernelUs } from './lif-closed-form.js';
import { clampVolts, V_MAX, V_MIN, type MembraneCoefficients } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import { NeuronState, type FiredList } from './neuron-state.js';
import type { SynapticInput } from './synaptic-input.js';

// The `ideal` fidelity (ARCHITECTURE "Fidelity"; analog spec): exact and deterministic. Single-compartment LIF
// neurons with CUBA inputs are propagated in closed form (lif-closed-form.ts); neurons with equal time constants
// share the exponentials (one coefficient set per distinct (τm, τexc, τinh) "class", cached per step length).
// Propagation is lazy per synram ("group"): a group's LIF state arrays hold its state at the group time and are
// brought to the present only when a row event reaches the group (`touch`), at a spike, a readout (`sync`,
// `membraneVolts`), a reset or a new configuration. Between those, threshold crossings are still found to the
// FPGA cycle: whenever a group's state changed, a bound on v over all later time without further input
// (max(v, v_static) + k·I_exc·sup h_exc) marks the neurons that may ever reach threshold ("at risk"); only
// those are checked at each step: an upper bound of v over the step decides whether a neuron can have
// crossed; if so, a branch-and-bound search over the integer cycles returns the first cycle k with v(k) ≥ θ.
// Two LIF circuits shorted into one compartment (a 2-circuit neuron, §2.4) are one LIF neuron: they are propagated
// in closed form and searched for crossings the same way, kept at the engine time (joined-pairs.ts). Every other
// neuron (exponential term, adaptation, COBA, compartments) is integrated with RK4 on the cycle grid
// (cluster-model.ts). Paused and forceReset neurons keep their potential (v_reset with forceReset) while
// their synaptic currents decay. The rails (0..1.2 V) are applied whenever a group's state is brought forward.
// Deferred row events: without a bypass input anywhere an event only adds to the currents, so `touch` does not
// bring the group forward; it lends the state spare zeroed current arrays ("pending") that the delivery adds
// into, and the next call into the engine folds them in with one pass over the group: propagation to the event
// time, the pending charge added, the pending entries cleared and the at-risk bound taken (the same expressions
// and the same order of additions as propagating at `touch`, delivering in place and bounding at `advance`).
// For a uniform group (256 LIF neurons with equal constants, the benchmark's case) the fold and the propagation
// run in a WebAssembly SIMD kernel that holds the state, pending and at-risk arrays (ideal-kernel.ts), with the
// same double expressions; neurons in their reset hold are put back and done by the JavaScript paths. The fold
// also takes each at-risk neuron's step bound over a fixed look-ahead, so the scans until the group's next event
// skip the neurons that cannot fire in it.

const neuronCount = 512;
/** Ranges this short are scanned cycle by cycle instead of split further. */
const scanCycles = 4;
/** Steps shorter than min(4096, this / classes) cycles take their coefficients from a per-class cache. */
const cacheEntries = 65536;
/** Lazy propagation groups: the neurons of one synram (a row event reaches only its own synram's columns). */
const groups = 2;
const groupShift = 8;
/**
 * Span (cycles) after a uniform fold over which the kernel also takes each at-risk neuron's lifUpperBound: the
 * scans before the group's next row event (~50 cycles apart in the benchmark) skip the neurons it clears
 * (measured: 64 cycles halve the bound evaluations of the scans, 128 take a further quarter, 256 little more).
 */
const aheadCycles = 128;
/** Margin (V) of the at-risk test below the threshold (covers rounding of the bound). */
const riskMargin = 1e-6;
const R_VSTATIC = 0;
const R_HEXC = 1;
const R_HINH = 2;
const R_LIMIT = 3;
const RSTRIDE = 4;
// Per-neuron constants, interleaved (n·NSTRIDE + N_*): drive = v_leak/τm + k·I_off, k_exc, k_inh, threshold.
const N_DRIVE = 0;
const N_KEXC = 1;
const N_KINH = 2;
const N_THETA = 3;
const NSTRIDE = 4;
// The fold loop's per-neuron constants in one stream (n·FSTRIDE + F_*): the N_* and R_* values above.
const F_DRIVE = 0;
const F_KEXC = 1;
const F_KINH = 2;
const F_VSTATIC = 3;
const F_HEXC = 4;
const F_HINH = 5;
const F_LIMIT = 6;
const FSTRIDE = 8;
/** Values per held neuron kept around a kernel pass: v, I_exc, I_inh, pending exc and inh. */
const HSTRIDE = 5;

export class IdealEngine implements Engine {
  private readonly kernel = new IdealKernel();
  readonly state = new NeuronState({ v: this.kernel.v, iExcNa: this.kernel.iExcNa, iInhNa: this.kernel.iInhNa, wNa: new Float64Array(neuronCount) });
  time = 0;
  private p: NeuronParameters | undefined;
  private graph: CompartmentGraph | undefined;
  private readonly constants = new Float64Array(neuronCount * NSTRIDE);
  /** Coefficient offset (class · LIF_COEFFICIENTS) per neuron. */
  private readonly classOffset = new Int32Array(neuronCount);
  private classTaus = new Float64Array(0);
  private coef = new Float64Array(0);
  private coefCycles = NaN;
  private lif = new Int32Array(0);
  private frozen = new Int32Array(0);
  private rk: ClusterModel[] = [];
  private rkNeurons = new Int32Array(0);
  private pairs: JoinedPairs | undefined;
  /** LIF neurons per group (synram: neurons 256·g …), the group's state time, and its at-risk neurons. */
  private groupLif: Int32Array[] = [new Int32Array(0), new Int32Array(0)];
  private readonly groupTime = new Float64Array(groups);
  private readonly groupDirty = new Uint8Array(groups).fill(1);
  private readonly risky: Int32Array[] = [this.kernel.risky.subarray(0, neuronCount / groups), this.kernel.risky.subarray(neuronCount / groups)];
  private readonly riskyCount = new Int32Array(groups);
  /** Per at-risk entry (256·g + i): −1 when it cannot reach threshold before aheadUntil[g] (foldUniform). */
  private readonly aheadFlags = this.kernel.ahead;
  /** Per group: the cycle up to which aheadFlags hold (−∞: not taken for the present at-risk list). */
  private readonly aheadUntil = new Float64Array(groups).fill(-Infinity);
  /** Per class: sup over t ≥ 0 of the synaptic kernels h_exc, h_inh (µs), and v_static = drive·τm per neuron. */
  private classKernelMax = new Float64Array(0);
  /** Per neuron (n·RSTRIDE + R_*): v_static = drive·τm, k_exc·sup h_exc, k_inh·sup h_inh, θ − margin. */
  private readonly risk = new Float64Array(neuronCount * RSTRIDE);
  private readonly candidates = new Int32Array(neuronCount);
  private candidateCount = 0;
  // Per-neuron evaluation scratch: coefficients and the probed state (v, I_exc, I_inh).
  private readonly scratch = new Float64Array(LIF_COEFFICIENTS);
  private readonly probe = new Float64Array(3);
  /** Per-class coefficient cache for steps of 0..cacheCycles−1 cycles (index (class·cacheCycles + cycles)·6). */
  private coefCache = new Float64Array(0);
  private cacheCycles = 0;
  private cacheValid = new Uint8Array(0);
  /** The array the last cachedCoefficients offset points into. */
  private coefSource: Float64Array = this.scratch;
  /** The state's own current arrays, and the spare ones lent to a deferred row event (zero outside a fold). */
  private readonly ownExc = this.state.iExcNa;
  private readonly ownInh = this.state.iInhNa;
  private readonly pendingExc = this.kernel.pendingExc;
  private readonly pendingInh = this.kernel.pendingInh;
  /** The group whose row events wait in the pending arrays (−1: none); they arrived at the group's new time. */
  private pendingGroup = -1;
  private pendingTime = 0;
  /** Row events may be deferred (no bypass input: an event changes currents only). */
  private deferEvents = false;
  /** Per group: the neurons that are not LIF (their pending charge is added as it is, they are at engine time). */
  private groupOther: Int32Array[] = [new Int32Array(0), new Int32Array(0)];
  private readonly foldConstants = new Float64Array(neuronCount * FSTRIDE);
  /** Per group: 1 when its LIF neurons are exactly its 256 neurons, all with the same fold constants. */
  private readonly groupUniform = new Uint8Array(groups);
  /** Per group: the latest reset-hold end of its neurons (no neuron is held after it). */
  private readonly groupHoldEnd = new Float64Array(groups);
  /** Scratch: the neurons a fold found in their reset hold. */
  private readonly held = new Int32Array(neuronCount);
  /** Scratch: v, I_exc, I_inh and the pending charges of the held neurons at the group time (saveHeld). */
  private readonly heldState = new Float64Array(neuronCount * HSTRIDE);
  /** Scratch: an at-risk list and its look-ahead flags being merged (mergeHeld). */
  private readonly mergedRisky = new Int32Array(neuronCount / groups);
  private readonly mergedFlags = new Int32Array(neuronCount / groups);

  prepare(p: NeuronParameters, mc: MembraneCoefficients, graph: CompartmentGraph, input: SynapticInput): void {
    // The old parameters take the lazy groups to the present before anything changes.
    this.fold();
    this.syncAll();
    this.p = p;
    this.graph = graph;
    const lif: number[] = [];
    const frozen: number[] = [];
    const rk: ClusterModel[] = [];
    const pairs: (readonly [number, number])[] = [];
    for (const cluster of graph.clusters) {
      const pair = closedFormPair(cluster, p, mc, graph);
      if (pair === undefined) rk.push(new ClusterModel(cluster, p, mc, this.state));
      else pairs.push(pair);
    }
    this.pairs = pairs.length === 0 ? undefined : new JoinedPairs(pairs, p, mc, this.state);
    const classes = new Map<string, number>();
    const taus: number[] = [];
    for (let n = 0; n < neuronCount; n++) {
      const flags = p.flags[n] as number;
      const j = n * NSTRIDE;
      this.constants[j + N_DRIVE] = (p.vLeakVolts[n] as number) * (mc.leakRate[n] as number) + (mc.kPerNa[n] as number) * (p.offsetCurrentNa[n] as number);
      this.constants[j + N_KEXC] = (mc.kPerNa[n] as number) * (mc.gateExc[n] as number);
      this.constants[j + N_KINH] = (mc.kPerNa[n] as number) * (mc.gateInh[n] as number);
      this.constants[j + N_THETA] = effectiveThreshold(p, n);
      if ((graph.clusterOf[n] as number) >= 0) continue;
      const frozenMembrane = (flags & (NeuronFlag.pause | NeuronFlag.forceReset)) !== 0;
      if (!frozenMembrane && (flags & (NeuronFlag.exp | NeuronFlag.adapt) || mc.isCoba(n))) {
        rk.push(new ClusterModel(singleNeuronCluster(n, p.capacitancePf[n] as number), p, mc, this.state));
        continue;
      }
      (frozenMembrane ? frozen : lif).push(n);
      const key = `${p.tauMemUs[n]},${p.tauSynExcUs[n]},${p.tauSynInhUs[n]}`;
      let c = classes.get(key);
      if (c === undefined) {
        c = classes.size;
        classes.set(key, c);
        taus.push(p.tauMemUs[n] as number, p.tauSynExcUs[n] as number, p.tauSynInhUs[n] as number);
      }
      this.classOffset[n] = c * LIF_COEFFICIENTS;
    }
    this.lif = Int32Array.from(lif);
    this.frozen = Int32Array.from(frozen);
    // A fresh literal when empty: arrays of one shape keep the step monomorphic.
    this.rk = rk.length === 0 ? [] : rk;
    this.rkNeurons = Int32Array.from(rk.flatMap((model) => [...model.neurons]));
    this.classTaus = Float64Array.from(taus);
    this.groupLif = [Int32Array.from(lif.filter((n) => n >> groupShift === 0)), Int32Array.from(lif.filter((n) => n >> groupShift === 1))];
    const isLif = new Uint8Array(neuronCount);
    for (const n of lif) isLif[n] = 1;
    const other = (g: number): Int32Array => Int32Array.from({ length: neuronCount >> 1 }, (_, i) => (g << groupShift) + i).filter((n) => isLif[n] === 0);
    this.groupOther = [other(0), other(1)];
    let bypass = false;
    for (let n = 0; n < neuronCount; n++) if ((p.flags[n] as number) & (NeuronFlag.bypassExc | NeuronFlag.bypassInh)) bypass = true;
    this.deferEvents = !bypass;
    this.classKernelMax = new Float64Array(2 * classes.size);
    for (let c = 0; c < classes.size; c++) {
      this.classKernelMax[2 * c] = kernelMax(taus[3 * c] as number, taus[3 * c + 1] as number);
      this.classKernelMax[2 * c + 1] = kernelMax(taus[3 * c] as number, taus[3 * c + 2] as number);
    }
    for (const n of lif) {
      const j = n * NSTRIDE;
      const c = (this.classOffset[n] as number) / LIF_COEFFICIENTS;
      const tauMem = taus[3 * c] as number;
      const r = n * RSTRIDE;
      // No leak: no finite bound (v_static = +∞ makes the neuron always at risk).
      this.risk[r + R_VSTATIC] = tauMem < Infinity ? (this.constants[j + N_DRIVE] as number) * tauMem : Infinity;
      this.risk[r + R_HEXC] = (this.constants[j + N_KEXC] as number) * (this.classKernelMax[2 * c] as number);
      this.risk[r + R_HINH] = (this.constants[j + N_KINH] as number) * (this.classKernelMax[2 * c + 1] as number);
      this.risk[r + R_LIMIT] = (this.constants[j + N_THETA] as number) - riskMargin;
      const f = n * FSTRIDE;
      this.foldConstants[f + F_DRIVE] = this.constants[j + N_DRIVE] as number;
      this.foldConstants[f + F_KEXC] = this.constants[j + N_KEXC] as number;
      this.foldConstants[f + F_KINH] = this.constants[j + N_KINH] as number;
      this.foldConstants[f + F_VSTATIC] = this.risk[r + R_VSTATIC] as number;
      this.foldConstants[f + F_HEXC] = this.risk[r + R_HEXC] as number;
      this.foldConstants[f + F_HINH] = this.risk[r + R_HINH] as number;
      this.foldConstants[f + F_LIMIT] = this.risk[r + R_LIMIT] as number;
    }
    for (let g = 0; g < groups; g++) {
      const members = this.groupLif[g] as Int32Array;
      const first = g << groupShift;
      let uniform = members.length === neuronCount / groups;
      let holdEnd = -Infinity;
      for (let i = 0; i < members.length; i++) {
        const n = members[i] as number;
        uniform &&= n === first + i;
        for (let f = 0; f < FSTRIDE; f++) uniform &&= this.foldConstants[n * FSTRIDE + f] === this.foldConstants[first * FSTRIDE + f];
        uniform &&= this.constants[n * NSTRIDE + N_THETA] === this.constants[first * NSTRIDE + N_THETA];
      }
      for (let n = first; n < first + neuronCount / groups; n++) holdEnd = Math.max(holdEnd, this.state.resetEnd[n] as number);
      this.groupUniform[g] = uniform ? 1 : 0;
      this.groupHoldEnd[g] = holdEnd;
    }
    this.groupTime.fill(this.time);
    this.groupDirty.fill(1);
    this.coef = new Float64Array(classes.size * LIF_COEFFICIENTS);
    this.coefCycles = NaN;
    this.cacheCycles = Math.min(4096, Math.floor(cacheEntries / Math.max(1, classes.size)));
    this.coefCache = new Float64Array(classes.size * this.cacheCycles * LIF_COEFFICIENTS);
    this.cacheValid = new Uint8Array(classes.size * this.cacheCycles);
    input.buildTables(p, { maxAgeCycles: 0, currentDecay: () => 1, membraneResponse: () => 0 });
  }

  eventAge(): number {
    return 0;
  }

  membraneVolts(n: number): number {
    this.fold();
    this.syncGroup(n >> groupShift, this.time);
    return this.state.v[n] as number;
  }

  resetMembrane(n: number): void {
    const p = this.p;
    if (p === undefined) return;
    this.fold();
    this.syncGroup(n >> groupShift, this.time);
    this.state.v[n] = p.vResetVolts[n] as number;
    this.groupDirty[n >> groupShift] = 1;
  }

  /** Brings every neuron's state arrays to the engine time (before readouts). */
  sync(): void {
    this.fold();
    this.syncAll();
  }

  /**
   * A row event on `synram` is about to be applied at the engine time: its neurons' state must be present, or
   * (deferred) the state lends the pending current arrays until the next call into the engine.
   */
  touch(synram: number): void {
    this.fold();
    this.groupDirty[synram] = 1;
    if (this.deferEvents && (this.groupTime[synram] as number) < this.time) {
      this.pendingGroup = synram;
      this.pendingTime = this.time;
      this.state.iExcNa = this.pendingExc;
      this.state.iInhNa = this.pendingInh;
      return;
    }
    this.syncGroup(synram, this.time);
  }

  advance(target: number, fired: FiredList): number {
    this.fold();
    const t0 = this.time;
    const p = this.p;
    if (target <= t0 || p === undefined) return t0;
    this.candidateCount = 0;
    let stop = target;
    for (let g = 0; g < groups; g++) {
      if (this.groupDirty[g] === 1) this.findRisky(g);
      stop = this.scanGroup(g, t0, stop);
    }
    const crossing = this.candidateCount > 0 ? stop : Infinity;
    if (this.pairs !== undefined) stop = this.pairs.findCrossing(t0, stop);
    stop = this.stepRk(t0, stop, fired);
    if (stop < crossing) this.candidateCount = 0;
    this.pairs?.advance(t0, stop, fired);
    this.decayFrozen(stop - t0);
    for (let i = 0; i < this.candidateCount; i++) fired.add(this.candidates[i] as number);
    this.time = stop;
    if (fired.count === 0) return stop;
    expandFireGroups(fired, this.graph as CompartmentGraph);
    // Only the firing neurons' groups need their state at `stop` (the reset writes v there).
    for (let i = 0; i < fired.count; i++) {
      const g = (fired.neurons[i] as number) >> groupShift;
      this.syncGroup(g, stop);
      this.groupDirty[g] = 1;
    }
    for (let i = 0; i < fired.count; i++) {
      const n = fired.neurons[i] as number;
      startRefractory(this.state, p, n, stop);
      const g = n >> groupShift;
      if ((this.state.resetEnd[n] as number) > (this.groupHoldEnd[g] as number)) this.groupHoldEnd[g] = this.state.resetEnd[n] as number;
    }
    return stop;
  }

  /**
   * Takes back the state's current arrays after a deferred row event and folds the event into its group: the
   * group's LIF neurons are brought to the event time and get the pending charge (then cleared) and the at-risk
   * bound in one pass; the other neurons are at engine time and get the charge as it is.
   */
  private fold(): void {
    const g = this.pendingGroup;
    if (g < 0) return;
    this.pendingGroup = -1;
    const s = this.state;
    s.iExcNa = this.ownExc;
    s.iInhNa = this.ownInh;
    const pe = this.pendingExc;
    const pi = this.pendingInh;
    const { iExcNa, iInhNa } = s;
    const other = this.groupOther[g] as Int32Array;
    for (let i = 0; i < other.length; i++) {
      const n = other[i] as number;
      iExcNa[n] = (iExcNa[n] as number) + (pe[n] as number);
      iInhNa[n] = (iInhNa[n] as number) + (pi[n] as number);
      pe[n] = 0;
      pi[n] = 0;
    }
    const t = this.pendingTime;
    const t0 = this.groupTime[g] as number;
    this.groupTime[g] = t;
    if (this.classTaus.length === 3 && t - t0 < this.cacheCycles) {
      if (this.groupUniform[g] === 1) this.foldUniform(g, t0, t);
      else this.foldOneClass(g, t0, t);
      return;
    }
    // General case: propagate, then add as the in-place delivery would have, then bound.
    this.groupTime[g] = t0;
    this.syncGroup(g, t);
    const lif = this.groupLif[g] as Int32Array;
    for (let i = 0; i < lif.length; i++) {
      const n = lif[i] as number;
      iExcNa[n] = (iExcNa[n] as number) + (pe[n] as number);
      iInhNa[n] = (iInhNa[n] as number) + (pi[n] as number);
      pe[n] = 0;
      pi[n] = 0;
    }
    this.findRisky(g);
  }

  /**
   * foldOneClass for a group of 256 LIF neurons with equal constants: in the kernel, the constants as scalars
   * (drive·a2 is the same product the per-neuron expression starts with). Neurons in their reset hold at t0 are
   * put back to their state and charge at t0 after the kernel pass and folded by foldHeld, as foldOneClass does.
   */
  private foldUniform(g: number, t0: number, t: number): void {
    const heldCount = this.saveHeld(g, t0);
    // Both from the cache (the fold's step and the look-ahead are shorter than cacheCycles).
    const ah = this.cachedCoefficients(0, aheadCycles);
    const at = this.cachedCoefficients(0, t - t0);
    const c = this.coefSource;
    const first = g << groupShift;
    const f = first * FSTRIDE;
    const fk = this.foldConstants;
    let count = this.kernel.foldUniform(
      first,
      neuronCount / groups,
      c[at] as number,
      (fk[f + F_DRIVE] as number) * (c[at + 1] as number),
      c[at + 2] as number,
      c[at + 3] as number,
      c[at + 4] as number,
      c[at + 5] as number,
      fk[f + F_KEXC] as number,
      fk[f + F_KINH] as number,
      fk[f + F_VSTATIC] as number,
      fk[f + F_HEXC] as number,
      fk[f + F_HINH] as number,
      fk[f + F_LIMIT] as number,
      V_MIN,
      V_MAX,
      fk[f + F_DRIVE] as number,
      c[ah] as number,
      c[ah + 1] as number,
      c[ah + 3] as number,
      this.constants[first * NSTRIDE + N_THETA] as number,
    );
    this.aheadUntil[g] = t + aheadCycles;
    if (heldCount > 0) {
      this.restoreHeld(heldCount);
      // The held neurons leave the kernel's at-risk list (order kept); foldHeld puts back the ones at risk.
      const risky = this.risky[g] as Int32Array;
      const resetEnd = this.state.resetEnd;
      const flags = this.aheadFlags;
      const slot = g << groupShift;
      let kept = 0;
      for (let i = 0; i < count; i++) {
        const n = risky[i] as number;
        if ((resetEnd[n] as number) > t0) continue;
        flags[slot + kept] = flags[slot + i] as number;
        risky[kept++] = n;
      }
      count = kept;
    }
    this.foldHeld(g, t0, t, heldCount, count);
  }

  /**
   * Group g's neurons in their reset hold at t0 (none after the group's latest hold end) into `held`, their state
   * and pending charge into `heldState`; returns their number.
   */
  private saveHeld(g: number, t0: number): number {
    if ((this.groupHoldEnd[g] as number) <= t0) return 0;
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const pe = this.pendingExc;
    const pi = this.pendingInh;
    const { held, heldState } = this;
    let count = 0;
    const end = (g + 1) << groupShift;
    for (let n = g << groupShift; n < end; n++) {
      if ((resetEnd[n] as number) <= t0) continue;
      const j = count * HSTRIDE;
      heldState[j] = v[n] as number;
      heldState[j + 1] = iExcNa[n] as number;
      heldState[j + 2] = iInhNa[n] as number;
      heldState[j + 3] = pe[n] as number;
      heldState[j + 4] = pi[n] as number;
      held[count++] = n;
    }
    return count;
  }

  /** Writes back the state and pending charge saveHeld kept of the first `count` held neurons. */
  private restoreHeld(count: number): void {
    const { v, iExcNa, iInhNa } = this.state;
    const pe = this.pendingExc;
    const pi = this.pendingInh;
    const { held, heldState } = this;
    for (let h = 0; h < count; h++) {
      const n = held[h] as number;
      const j = h * HSTRIDE;
      v[n] = heldState[j] as number;
      iExcNa[n] = heldState[j + 1] as number;
      iInhNa[n] = heldState[j + 2] as number;
      pe[n] = heldState[j + 3] as number;
      pi[n] = heldState[j + 4] as number;
    }
  }

  /**
   * fold for one class and a cached step: syncOneClass, the pending charge and findRisky fused into one pass
   * (each the same expressions as there). Neurons in their reset hold are left to a second pass (a call in the
   * loop would make V8 reload every array on every iteration) and merged into the at-risk list in index order.
   */
  private foldOneClass(g: number, t0: number, t: number): void {
    this.aheadUntil[g] = -Infinity;
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const pe = this.pendingExc;
    const pi = this.pendingInh;
    const at = this.cachedCoefficients(0, t - t0);
    const coef = this.coefSource;
    const em = coef[at] as number;
    const a2 = coef[at + 1] as number;
    const ee = coef[at + 2] as number;
    const ei = coef[at + 3] as number;
    const he = coef[at + 4] as number;
    const hi = coef[at + 5] as number;
    const fk = this.foldConstants;
    const lif = this.groupLif[g] as Int32Array;
    const risky = this.risky[g] as Int32Array;
    const held = this.held;
    let heldCount = 0;
    let count = 0;
    for (let i = 0; i < lif.length; i++) {
      const n = lif[i] as number;
      if ((resetEnd[n] as number) > t0) {
        held[heldCount++] = n;
        continue;
      }
      const j = n * FSTRIDE;
      const e0 = iExcNa[n] as number;
      const i0 = iInhNa[n] as number;
      const vEnd = (v[n] as number) * em + (fk[j + F_DRIVE] as number) * a2 + (fk[j + F_KEXC] as number) * e0 * he - (fk[j + F_KINH] as number) * i0 * hi;
      const v1 = vEnd < V_MIN ? V_MIN : vEnd > V_MAX ? V_MAX : vEnd;
      const iExc = e0 * ee + (pe[n] as number);
      const iInh = i0 * ei + (pi[n] as number);
      v[n] = v1;
      iExcNa[n] = iExc;
      iInhNa[n] = iInh;
      pe[n] = 0;
      pi[n] = 0;
      // At-risk bound from the new group time (findRisky; not in the hold at t0, so not at t either).
      const vStatic = fk[j + F_VSTATIC] as number;
      const exc = iExc * (fk[j + F_HEXC] as number);
      const inh = iInh * (fk[j + F_HINH] as number);
      const bound = (v1 > vStatic ? v1 : vStatic) + (exc > 0 ? exc : 0) - (inh < 0 ? inh : 0);
      if (!(bound < (fk[j + F_LIMIT] as number))) risky[count++] = n;
    }
    this.foldHeld(g, t0, t, heldCount, count);
  }

  /**
   * The second pass of a fold: the first `heldCount` neurons of `held` (in their reset hold at t0, state and
   * pending charge at t0) brought to t, charged, bounded and merged in index order into group g's at-risk list,
   * whose first `count` entries the first pass wrote.
   */
  private foldHeld(g: number, t0: number, t: number, heldCount: number, count: number): void {
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const pe = this.pendingExc;
    const pi = this.pendingInh;
    const fk = this.foldConstants;
    const risky = this.risky[g] as Int32Array;
    const held = this.held;
    const flags = this.aheadFlags;
    const slot = g << groupShift;
    for (let h = 0; h < heldCount; h++) {
      const n = held[h] as number;
      // In the reset hold at the group time: exact piecewise evaluation from t0 (syncOneClass).
      this.stateAt(n, t0, t);
      const v1 = clampVolts(this.probe[0] as number);
      const iExc = (this.probe[1] as number) + (pe[n] as number);
      const iInh = (this.probe[2] as number) + (pi[n] as number);
      v[n] = v1;
      iExcNa[n] = iExc;
      iInhNa[n] = iInh;
      pe[n] = 0;
      pi[n] = 0;
      const j = n * FSTRIDE;
      const vStatic = fk[j + F_VSTATIC] as number;
      const exc = iExc * (fk[j + F_HEXC] as number);
      const inh = iInh * (fk[j + F_HINH] as number);
      const bound = (v1 > vStatic ? v1 : vStatic) + (exc > 0 ? exc : 0) - (inh < 0 ? inh : 0);
      if (!(bound < (fk[j + F_LIMIT] as number)) || (resetEnd[n] as number) > t) {
        // Into its index-order place (lif is ascending), with its look-ahead flag (none: it is checked).
        let at = count++;
        while (at > 0 && (risky[at - 1] as number) > n) {
          risky[at] = risky[at - 1] as number;
          flags[slot + at] = flags[slot + at - 1] as number;
          at--;
        }
        risky[at] = n;
        flags[slot + at] = 0;
      }
    }
    this.riskyCount[g] = count;
    this.groupDirty[g] = 0;
  }

  private syncAll(): void {
    for (let g = 0; g < groups; g++) this.syncGroup(g, this.time);
  }

  /** Closed-form propagation of group g's LIF neurons from the group time to t (in place; rails applied). */
  private syncGroup(g: number, t: number): void {
    const t0 = this.groupTime[g] as number;
    if (t0 >= t) return;
    this.groupTime[g] = t;
    this.aheadUntil[g] = -Infinity;
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const lif = this.groupLif[g] as Int32Array;
    if (lif.length === 0) return;
    this.classCoefficients(t - t0);
    const { coef, classOffset, constants: k } = this;
    if (this.classTaus.length === 3) {
      if (this.groupUniform[g] === 1) this.syncUniform(g, t0, t);
      else this.syncOneClass(lif, t0, t);
      return;
    }
    for (let i = 0; i < lif.length; i++) {
      const n = lif[i] as number;
      const c = classOffset[n] as number;
      if ((resetEnd[n] as number) > t0) {
        // In the reset hold at the group time: exact piecewise evaluation from t0.
        this.advanceHeld(n, t0, t);
        continue;
      }
      const j = n * NSTRIDE;
      const iExc = iExcNa[n] as number;
      const iInh = iInhNa[n] as number;
      const vEnd = lifVoltage(v[n] as number, iExc, iInh, k[j + N_DRIVE] as number, k[j + N_KEXC] as number, k[j + N_KINH] as number, coef, c);
      v[n] = vEnd < V_MIN ? V_MIN : vEnd > V_MAX ? V_MAX : vEnd;
      iExcNa[n] = iExc * (coef[c + 2] as number);
      iInhNa[n] = iInh * (coef[c + 3] as number);
    }
  }

  /**
   * syncOneClass for a uniform group (foldUniform's condition) in the kernel; the neurons in their reset hold at
   * t0 are put back and brought forward by advanceHeld, as there.
   */
  private syncUniform(g: number, t0: number, t: number): void {
    const heldCount = this.saveHeld(g, t0);
    const c = this.coef;
    const first = g << groupShift;
    const f = first * FSTRIDE;
    const fk = this.foldConstants;
    this.kernel.propagate(
      first,
      neuronCount / groups,
      c[0] as number,
      (fk[f + F_DRIVE] as number) * (c[1] as number),
      c[2] as number,
      c[3] as number,
      c[4] as number,
      c[5] as number,
      fk[f + F_KEXC] as number,
      fk[f + F_KINH] as number,
      V_MIN,
      V_MAX,
    );
    if (heldCount === 0) return;
    this.restoreHeld(heldCount);
    for (let h = 0; h < heldCount; h++) this.advanceHeld(this.held[h] as number, t0, t);
  }

  /** syncGroup with every LIF neuron in one class: the coefficients are loop constants (same expressions). */
  private syncOneClass(lif: Int32Array, t0: number, t: number): void {
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const { coef, constants: k } = this;
    const em = coef[0] as number;
    const a2 = coef[1] as number;
    const ee = coef[2] as number;
    const ei = coef[3] as number;
    const he = coef[4] as number;
    const hi = coef[5] as number;
    for (let i = 0; i < lif.length; i++) {
      const n = lif[i] as number;
      if ((resetEnd[n] as number) > t0) {
        this.advanceHeld(n, t0, t);
        continue;
      }
      const j = n * NSTRIDE;
      const iExc = iExcNa[n] as number;
      const iInh = iInhNa[n] as number;
      const vEnd = (v[n] as number) * em + (k[j + N_DRIVE] as number) * a2 + (k[j + N_KEXC] as number) * iExc * he - (k[j + N_KINH] as number) * iInh * hi;
      v[n] = vEnd < V_MIN ? V_MIN : vEnd > V_MAX ? V_MAX : vEnd;
      iExcNa[n] = iExc * ee;
      iInhNa[n] = iInh * ei;
    }
  }

  /**
   * The neurons of group g that may reach threshold some time after the group time with their present state and
   * no further input: sup v ≤ max(v, v_static) + k_exc·I_exc·sup h_exc (inhibition only lowers it; the leak
   * term is a convex combination of v and v_static). Neurons in their reset hold and neurons without leak count
   * as at risk.
   */
  private findRisky(g: number): void {
    this.groupDirty[g] = 0;
    if (this.groupUniform[g] === 1 && this.classTaus.length === 3) {
      this.findRiskyUniform(g);
      return;
    }
    this.aheadUntil[g] = -Infinity;
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const lif = this.groupLif[g] as Int32Array;
    const risky = this.risky[g] as Int32Array;
    const t0 = this.groupTime[g] as number;
    const rk = this.risk;
    let count = 0;
    for (let i = 0; i < lif.length; i++) {
      const n = lif[i] as number;
      const r = n * RSTRIDE;
      const v0 = v[n] as number;
      const vStatic = rk[r + R_VSTATIC] as number;
      const exc = (iExcNa[n] as number) * (rk[r + R_HEXC] as number);
      const inh = (iInhNa[n] as number) * (rk[r + R_HINH] as number);
      const bound = (v0 > vStatic ? v0 : vStatic) + (exc > 0 ? exc : 0) - (inh < 0 ? inh : 0);
      if (!(bound < (rk[r + R_LIMIT] as number)) || (resetEnd[n] as number) > t0) risky[count++] = n;
    }
    this.riskyCount[g] = count;
  }

  /**
   * findRisky for a uniform group with one class (foldUniform's condition) in the kernel, with the look-ahead
   * flags; the neurons in their reset hold join the list in index order (flag 0: they are always checked).
   */
  private findRiskyUniform(g: number): void {
    const t0 = this.groupTime[g] as number;
    const ah = this.cachedCoefficients(0, aheadCycles);
    const c = this.coefSource;
    const first = g << groupShift;
    const f = first * FSTRIDE;
    const fk = this.foldConstants;
    let count = this.kernel.listAtRisk(
      first,
      neuronCount / groups,
      fk[f + F_KEXC] as number,
      fk[f + F_KINH] as number,
      fk[f + F_VSTATIC] as number,
      fk[f + F_HEXC] as number,
      fk[f + F_HINH] as number,
      fk[f + F_LIMIT] as number,
      fk[f + F_DRIVE] as number,
      c[ah] as number,
      c[ah + 1] as number,
      c[ah + 3] as number,
      this.constants[first * NSTRIDE + N_THETA] as number,
    );
    this.aheadUntil[g] = t0 + aheadCycles;
    if ((this.groupHoldEnd[g] as number) > t0) count = this.mergeHeld(g, t0, count);
    this.riskyCount[g] = count;
  }

  /**
   * Merges group g's neurons in their reset hold at t0 into its at-risk list of `count` entries (index order,
   * each once; flag 0 for the added ones); returns the new count. One forward merge through scratch arrays: after
   * a spike the list is long and many neurons are held (synchronous bursts).
   */
  private mergeHeld(g: number, t0: number, count: number): number {
    const resetEnd = this.state.resetEnd;
    const risky = this.risky[g] as Int32Array;
    const flags = this.aheadFlags;
    const slot = g << groupShift;
    const { mergedRisky, mergedFlags } = this;
    let i = 0;
    let w = 0;
    const end = slot + neuronCount / groups;
    for (let n = slot; n < end; n++) {
      if ((resetEnd[n] as number) <= t0) continue;
      while (i < count && (risky[i] as number) < n) {
        mergedRisky[w] = risky[i] as number;
        mergedFlags[w++] = flags[slot + i++] as number;
      }
      // Listed already by its bound: its flag is never read while it is held.
      if (i < count && risky[i] === n) continue;
      mergedRisky[w] = n;
      mergedFlags[w++] = 0;
    }
    while (i < count) {
      mergedRisky[w] = risky[i] as number;
      mergedFlags[w++] = flags[slot + i++] as number;
    }
    for (let k = 0; k < w; k++) {
      risky[k] = mergedRisky[k] as number;
      flags[slot + k] = mergedFlags[k] as number;
    }
    return w;
  }

  /**
   * Crossing search over (t0, limit] for group g's at-risk neurons from their state at the group time. `limit`
   * only falls during the scan, so an entry the look-ahead cleared for the initial limit stays cleared.
   */
  private scanGroup(g: number, t0: number, limit: number): number {
    const count = this.riskyCount[g] as number;
    if (count === 0) return limit;
    const base = this.groupTime[g] as number;
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const { classOffset, constants: k } = this;
    const risky = this.risky[g] as Int32Array;
    const oneClass = this.classTaus.length === 3;
    // Within the fold's look-ahead, the entries it cleared cannot fire.
    const quiet = limit <= (this.aheadUntil[g] as number);
    const flags = this.aheadFlags;
    const slot = g << groupShift;
    // Single class: the step's coefficients are fetched again only when the limit moves.
    let fetchedFor = -1;
    let at = 0;
    let c = this.coefSource;
    for (let i = 0; i < count; i++) {
      const n = risky[i] as number;
      if ((resetEnd[n] as number) <= base) {
        if (quiet && flags[slot + i] !== 0) continue;
        // Upper bound of v over [base, limit]: most at-risk neurons are rejected here.
        const j = n * NSTRIDE;
        if (!oneClass || fetchedFor !== limit) {
          at = this.cachedCoefficients((classOffset[n] as number) / LIF_COEFFICIENTS, limit - base);
          c = this.coefSource;
          fetchedFor = limit;
        }
        const bound = lifUpperBound(v[n] as number, iExcNa[n] as number, (iInhNa[n] as number) * (c[at + 3] as number), k[j + N_DRIVE] as number, k[j + N_KEXC] as number, k[j + N_KINH] as number, c, at);
        if (bound < (k[j + N_THETA] as number)) continue;
      }
      limit = this.checkCrossing(n, base, t0, limit);
      // The search may have reused the scratch coefficients (cache entries never change).
      if (c !== this.coefCache) fetchedFor = -1;
    }
    return limit;
  }

  /** Frozen (paused, forceReset) neurons: the membrane stays, the currents decay over `cycles`. */
  private decayFrozen(cycles: number): void {
    if (this.frozen.length === 0 || cycles <= 0) return;
    const s = this.state;
    this.classCoefficients(cycles);
    const p = this.p as NeuronParameters;
    for (let i = 0; i < this.frozen.length; i++) {
      const n = this.frozen[i] as number;
      const c = this.classOffset[n] as number;
      if ((p.flags[n] as number) & NeuronFlag.forceReset) s.v[n] = p.vResetVolts[n] as number;
      s.iExcNa[n] = (s.iExcNa[n] as number) * (this.coef[c + 2] as number);
      s.iInhNa[n] = (s.iInhNa[n] as number) * (this.coef[c + 3] as number);
    }
  }

  /** Class coefficients for a step of `cycles`. */
  private classCoefficients(cycles: number): void {
    if (cycles === this.coefCycles) return;
    const taus = this.classTaus;
    for (let c = 0; c < taus.length / 3; c++) {
      lifCoefficients(taus[3 * c] as number, taus[3 * c + 1] as number, taus[3 * c + 2] as number, cycles * CYCLE_US, this.coef, c * LIF_COEFFICIENTS);
    }
    this.coefCycles = cycles;
  }

  /**
   * Searches neuron n's first crossing in (t0, limit] from its state at `base` ≤ t0 (refractory period
   * respected); returns the new limit.
   */
  private checkCrossing(n: number, base: number, t0: number, limit: number): number {
    const theta = this.constants[n * NSTRIDE + N_THETA] as number;
    if (theta === Infinity) return limit;
    const refractory = this.state.refractoryEnd[n] as number;
    const lo = refractory > t0 + 1 ? refractory : t0 + 1;
    if (lo > limit) return limit;
    const k = this.search(n, base, lo, limit, theta);
    if (k < 0) return limit;
    if (k < limit) this.candidateCount = 0;
    this.candidates[this.candidateCount++] = n;
    return k;
  }

  /** RK4 neurons cycle by cycle from t0 up to `limit`; stops at the first cycle one of them fires. */
  private stepRk(t0: number, limit: number, fired: FiredList): number {
    if (this.rk.length === 0) return limit;
    const { v, refractoryEnd } = this.state;
    const theta = this.constants;
    for (let t = t0; t < limit; t++) {
      for (let i = 0; i < this.rk.length; i++) (this.rk[i] as ClusterModel).stepCycle(t);
      const k = t + 1;
      for (let i = 0; i < this.rkNeurons.length; i++) {
        const n = this.rkNeurons[i] as number;
        if ((v[n] as number) >= (theta[n * NSTRIDE + N_THETA] as number) && (refractoryEnd[n] as number) <= k) fired.add(n);
      }
      if (fired.count > 0) return k;
    }
    return limit;
  }

  /**
   * The exact state of LIF neuron n at cycle t ≥ t0 from its state at t0 (the state arrays at the group time),
   * the reset hold included; into `probe` (v, I_exc, I_inh).
   */
  private stateAt(n: number, t0: number, t: number): void {
    const p = this.p as NeuronParameters;
    const s = this.state;
    const k = this.constants;
    const j = n * NSTRIDE;
    const cls = (this.classOffset[n] as number) / LIF_COEFFICIENTS;
    let base = t0;
    let v = s.v[n] as number;
    let iExc = s.iExcNa[n] as number;
    let iInh = s.iInhNa[n] as number;
    const holdEnd = s.resetEnd[n] as number;
    if (holdEnd > t0) {
      // Held at v_reset through holdEnd; only the currents move until then.
      const until = t < holdEnd ? t : holdEnd;
      const at = this.cachedCoefficients(cls, until - t0);
      const c = this.coefSource;
      iExc *= c[at + 2] as number;
      iInh *= c[at + 3] as number;
      v = p.vResetVolts[n] as number;
      base = until;
    }
    const at = this.cachedCoefficients(cls, t - base);
    const c = this.coefSource;
    this.probe[0] = lifVoltage(v, iExc, iInh, k[j + N_DRIVE] as number, k[j + N_KEXC] as number, k[j + N_KINH] as number, c, at);
    this.probe[1] = iExc * (c[at + 2] as number);
    this.probe[2] = iInh * (c[at + 3] as number);
  }

  /**
   * Coefficients of class `cls` for a step of `cycles`: from the per-class cache (short steps, computed once by
   * the same lifCoefficients call) or freshly into `scratch`. Returns the offset into `coefSource`.
   */
  private cachedCoefficients(cls: number, cycles: number): number {
    const taus = this.classTaus;
    const cacheCycles = this.cacheCycles;
    if (cycles < cacheCycles) {
      const slot = cls * cacheCycles + cycles;
      const at = slot * LIF_COEFFICIENTS;
      if (this.cacheValid[slot] !== 1) {
        lifCoefficients(taus[3 * cls] as number, taus[3 * cls + 1] as number, taus[3 * cls + 2] as number, cycles * CYCLE_US, this.coefCache, at);
        this.cacheValid[slot] = 1;
      }
      this.coefSource = this.coefCache;
      return at;
    }
    lifCoefficients(taus[3 * cls] as number, taus[3 * cls + 1] as number, taus[3 * cls + 2] as number, cycles * CYCLE_US, this.scratch, 0);
    this.coefSource = this.scratch;
    return 0;
  }

  /** A neuron in its reset hold at t0 brought to t by the exact piecewise evaluation (`stateAt`). */
  private advanceHeld(n: number, t0: number, t: number): void {
    this.stateAt(n, t0, t);
    this.state.v[n] = clampVolts(this.probe[0] as number);
    this.state.iExcNa[n] = this.probe[1] as number;
    this.state.iInhNa[n] = this.probe[2] as number;
  }

  /** First cycle k in [a, b] with v(k) ≥ θ, or −1: branch and bound with `lifUpperBound` (a ≥ the hold end). */
  private search(n: number, t0: number, a: number, b: number, theta: number): number {
    this.stateAt(n, t0, a);
    const va = this.probe[0] as number;
    if (va >= theta) return a;
    if (a === b) return -1;
    const iExc = this.probe[1] as number;
    const iInh = this.probe[2] as number;
    const k = this.constants;
    const j = n * NSTRIDE;
    const at = this.cachedCoefficients((this.classOffset[n] as number) / LIF_COEFFICIENTS, b - a);
    const c = this.coefSource;
    const bound = lifUpperBound(va, iExc, iInh * (c[at + 3] as number), k[j + N_DRIVE] as number, k[j + N_KEXC] as number, k[j + N_KINH] as number, c, at);
    if (bound < theta) return -1;
    if (b - a <= scanCycles) {
      for (let t = a + 1; t <= b; t++) {
        this.stateAt(n, t0, t);
        if ((this.probe[0] as number) >= theta) return t;
      }
      return -1;
    }
    const mid = Math.floor((a + b) / 2);
    const left = this.search(n, t0, a, mid, theta);
    return left >= 0 ? left : this.search(n, t0, mid + 1, b, theta);
  }
}

/** sup over t ≥ 0 of h(t) = ∫0^t e^{−(t−u)/τm}·e^{−u/τs} du (µs); τm finite. */
function kernelMax(tauMemUs: number, tauSynUs: number): number {
  if (!(tauSynUs < Infinity)) return tauMemUs;
  if (tauMemUs === tauSynUs) return tauMemUs / Math.E;
  const rm = 1 / tauMemUs;
  const rs = 1 / tauSynUs;
  const t = Math.log(rm / rs) / (rm - rs);
  // Evaluated at the maximum, with 1e-9 relative headroom for rounding.
  return synapticKernelUs(tauMemUs, tauSynUs, t) * (1 + 1e-9);
}
