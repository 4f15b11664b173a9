import { ClusterModel } from './cluster-model.js';
import { singleNeuronCluster, type CompartmentGraph } from './compartments.js';
import { effectiveThreshold, expandFireGroups, startRefractory, type Engine } from './engine.js';
import { CYCLE_US, LIF_COEFFICIENTS, lifCoefficients, lifUpperBound, lifVoltage } from './lif-closed-form.js';
import { clampVolts, V_MAX, V_MIN, type MembraneCoefficients } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import { NeuronState, type FiredList } from './neuron-state.js';
import type { SynapticInput } from './synaptic-input.js';

// The `ideal` fidelity (ARCHITECTURE "Fidelity"; analog spec): exact and deterministic. Single-compartment LIF
// neurons with CUBA inputs are propagated in closed form (lif-closed-form.ts) from one global event time to the
// next; neurons with equal time constants share the exponentials (one coefficient set per distinct
// (τm, τexc, τinh) "class"). Threshold crossings are found to the FPGA cycle: an upper bound of v over the
// step decides whether a neuron can have crossed; if so, a branch-and-bound search over the integer cycles
// returns the first cycle k with v(k) ≥ θ. Every other neuron (exponential term, adaptation, COBA,
// compartments) is integrated with RK4 on the cycle grid (cluster-model.ts). Paused and forceReset neurons keep
// their potential (v_reset with forceReset) while their synaptic currents decay. The rails (0..1.2 V) are
// applied at step boundaries.
// A step reads v, I_exc, I_inh from the state arrays and writes the LIF neurons' new values into spare arrays,
// which are swapped in at the end (the old arrays stay intact for a crossing search or a shortened step).

const neuronCount = 512;
/** Ranges this short are scanned cycle by cycle instead of split further. */
const scanCycles = 4;
// Per-neuron constants, interleaved (n·NSTRIDE + N_*): drive = v_leak/τm + k·I_off, k_exc, k_inh, threshold.
const N_DRIVE = 0;
const N_KEXC = 1;
const N_KINH = 2;
const N_THETA = 3;
const NSTRIDE = 4;

export class IdealEngine implements Engine {
  readonly state = new NeuronState();
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
  /** Neurons not propagated in closed form (RK4 and frozen): copied into the new arrays at the swap. */
  private others = new Int32Array(0);
  private rkNeurons = new Int32Array(0);
  private spareV = new Float64Array(neuronCount);
  private spareExc = new Float64Array(neuronCount);
  private spareInh = new Float64Array(neuronCount);
  private readonly candidates = new Int32Array(neuronCount);
  private candidateCount = 0;
  // Per-neuron evaluation scratch: coefficients and the probed state (v, I_exc, I_inh).
  private readonly scratch = new Float64Array(LIF_COEFFICIENTS);
  private readonly probe = new Float64Array(3);

  prepare(p: NeuronParameters, mc: MembraneCoefficients, graph: CompartmentGraph, input: SynapticInput): void {
    this.p = p;
    this.graph = graph;
    const lif: number[] = [];
    const frozen: number[] = [];
    const rk: ClusterModel[] = graph.clusters.map((c) => new ClusterModel(c, p, mc, this.state));
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
    this.others = Int32Array.from([...this.rkNeurons, ...frozen]);
    this.classTaus = Float64Array.from(taus);
    this.coef = new Float64Array(classes.size * LIF_COEFFICIENTS);
    this.coefCycles = NaN;
    input.buildTables(p, { maxAgeCycles: 0, currentDecay: () => 1, membraneResponse: () => 0 });
  }

  eventAge(): number {
    return 0;
  }

  membraneVolts(n: number): number {
    return this.state.v[n] as number;
  }

  resetMembrane(n: number): void {
    const p = this.p;
    if (p !== undefined) this.state.v[n] = p.vResetVolts[n] as number;
  }

  advance(target: number, fired: FiredList): number {
    const t0 = this.time;
    const p = this.p;
    if (target <= t0 || p === undefined) return t0;
    let stop = this.scanClosedForm(t0, target);
    const crossing = this.candidateCount > 0 ? stop : Infinity;
    stop = this.stepRk(t0, stop, fired);
    if (stop < crossing) this.candidateCount = 0;
    if (stop !== target) this.shorten(t0, stop);
    this.swap(stop - t0);
    for (let i = 0; i < this.candidateCount; i++) fired.add(this.candidates[i] as number);
    this.time = stop;
    if (fired.count === 0) return stop;
    expandFireGroups(fired, this.graph as CompartmentGraph);
    for (let i = 0; i < fired.count; i++) startRefractory(this.state, p, fired.neurons[i] as number, stop);
    return stop;
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
   * Closed-form step of every LIF neuron to `t1` (into the spare arrays) and the search for the first threshold
   * crossing; returns the cycle to stop at (the crossing, or t1).
   */
  private scanClosedForm(t0: number, t1: number): number {
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const { coef, lif, classOffset, constants: k, spareV, spareExc, spareInh } = this;
    this.classCoefficients(t1 - t0);
    this.candidateCount = 0;
    let limit = t1;
    for (let i = 0; i < lif.length; i++) {
      const n = lif[i] as number;
      const c = classOffset[n] as number;
      const j = n * NSTRIDE;
      const v0 = v[n] as number;
      const iExc = iExcNa[n] as number;
      const iInh = iInhNa[n] as number;
      const iInhEnd = iInh * (coef[c + 3] as number);
      spareExc[n] = iExc * (coef[c + 2] as number);
      spareInh[n] = iInhEnd;
      if ((resetEnd[n] as number) > t0) {
        // In the reset hold at the step start (rare): exact piecewise evaluation and search.
        this.stateAt(n, t0, t1);
        spareV[n] = clampVolts(this.probe[0] as number);
        limit = this.checkCrossing(n, t0, limit);
        continue;
      }
      const drive = k[j + N_DRIVE] as number;
      const kExc = k[j + N_KEXC] as number;
      const kInh = k[j + N_KINH] as number;
      const vEnd = lifVoltage(v0, iExc, iInh, drive, kExc, kInh, coef, c);
      spareV[n] = vEnd < V_MIN ? V_MIN : vEnd > V_MAX ? V_MAX : vEnd;
      const theta = k[j + N_THETA] as number;
      if (vEnd < theta && lifUpperBound(v0, iExc, iInhEnd, drive, kExc, kInh, coef, c) < theta) continue;
      limit = this.checkCrossing(n, t0, limit);
    }
    return limit;
  }

  /** Searches neuron n's first crossing up to `limit` (refractory period respected); returns the new limit. */
  private checkCrossing(n: number, t0: number, limit: number): number {
    const theta = this.constants[n * NSTRIDE + N_THETA] as number;
    if (theta === Infinity) return limit;
    const refractory = this.state.refractoryEnd[n] as number;
    const lo = refractory > t0 + 1 ? refractory : t0 + 1;
    if (lo > limit) return limit;
    const k = this.search(n, t0, lo, limit, theta);
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

  /** The step ends before its target (a spike): recompute the LIF neurons' new state at `stop`. */
  private shorten(t0: number, stop: number): void {
    const { v, iExcNa, iInhNa, resetEnd } = this.state;
    const { lif, classOffset, constants: k } = this;
    this.classCoefficients(stop - t0);
    const coef = this.coef;
    for (let i = 0; i < lif.length; i++) {
      const n = lif[i] as number;
      const c = classOffset[n] as number;
      const j = n * NSTRIDE;
      if ((resetEnd[n] as number) > t0) {
        this.stateAt(n, t0, stop);
        this.spareV[n] = clampVolts(this.probe[0] as number);
      } else {
        const vEnd = lifVoltage(v[n] as number, iExcNa[n] as number, iInhNa[n] as number, k[j + N_DRIVE] as number, k[j + N_KEXC] as number, k[j + N_KINH] as number, coef, c);
        this.spareV[n] = clampVolts(vEnd);
      }
      this.spareExc[n] = (iExcNa[n] as number) * (coef[c + 2] as number);
      this.spareInh[n] = (iInhNa[n] as number) * (coef[c + 3] as number);
    }
  }

  /** Swaps the new arrays in; RK4 and frozen neurons are carried over (frozen currents decay over `cycles`). */
  private swap(cycles: number): void {
    const s = this.state;
    const others = this.others;
    for (let i = 0; i < others.length; i++) {
      const n = others[i] as number;
      this.spareV[n] = s.v[n] as number;
      this.spareExc[n] = s.iExcNa[n] as number;
      this.spareInh[n] = s.iInhNa[n] as number;
    }
    [s.v, this.spareV] = [this.spareV, s.v];
    [s.iExcNa, this.spareExc] = [this.spareExc, s.iExcNa];
    [s.iInhNa, this.spareInh] = [this.spareInh, s.iInhNa];
    if (this.frozen.length === 0) return;
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

  /**
   * The exact state of LIF neuron n at cycle t ≥ t0 from its state at t0 (the state arrays, not yet swapped),
   * the reset hold included; into `probe` (v, I_exc, I_inh).
   */
  private stateAt(n: number, t0: number, t: number): void {
    const p = this.p as NeuronParameters;
    const s = this.state;
    const c = this.scratch;
    const k = this.constants;
    const j = n * NSTRIDE;
    const tauMem = p.tauMemUs[n] as number;
    const tauExc = p.tauSynExcUs[n] as number;
    const tauInh = p.tauSynInhUs[n] as number;
    let base = t0;
    let v = s.v[n] as number;
    let iExc = s.iExcNa[n] as number;
    let iInh = s.iInhNa[n] as number;
    const holdEnd = s.resetEnd[n] as number;
    if (holdEnd > t0) {
      // Held at v_reset through holdEnd; only the currents move until then.
      const until = t < holdEnd ? t : holdEnd;
      lifCoefficients(tauMem, tauExc, tauInh, (until - t0) * CYCLE_US, c, 0);
      iExc *= c[2] as number;
      iInh *= c[3] as number;
      v = p.vResetVolts[n] as number;
      base = until;
    }
    lifCoefficients(tauMem, tauExc, tauInh, (t - base) * CYCLE_US, c, 0);
    this.probe[0] = lifVoltage(v, iExc, iInh, k[j + N_DRIVE] as number, k[j + N_KEXC] as number, k[j + N_KINH] as number, c, 0);
    this.probe[1] = iExc * (c[2] as number);
    this.probe[2] = iInh * (c[3] as number);
  }

  /** First cycle k in [a, b] with v(k) ≥ θ, or −1: branch and bound with `lifUpperBound` (a ≥ the hold end). */
  private search(n: number, t0: number, a: number, b: number, theta: number): number {
    this.stateAt(n, t0, a);
    const va = this.probe[0] as number;
    if (va >= theta) return a;
    if (a === b) return -1;
    const iExc = this.probe[1] as number;
    const iInh = this.probe[2] as number;
    const p = this.p as NeuronParameters;
    const c = this.scratch;
    const k = this.constants;
    const j = n * NSTRIDE;
    lifCoefficients(p.tauMemUs[n] as number, p.tauSynExcUs[n] as number, p.tauSynInhUs[n] as number, (b - a) * CYCLE_US, c, 0);
    const bound = lifUpperBound(va, iExc, iInh * (c[3] as number), k[j + N_DRIVE] as number, k[j + N_KEXC] as number, k[j + N_KINH] as number, c, 0);
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
