import type { Cluster, CompartmentGraph } from './compartments.js';
import { effectiveThreshold } from './engine.js';
import { CYCLE_US, LIF_COEFFICIENTS, lifCoefficients, lifUpperBound, lifVoltage } from './lif-closed-form.js';
import { clampVolts, type MembraneCoefficients } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import type { FiredList, NeuronState } from './neuron-state.js';

// Two LIF circuits whose membranes are shorted (reference §2.4: connectBottom joins the top and bottom circuit of a
// column, Cramer et al. 2022's 2-circuit neurons) form ONE compartment without any conductance inside it, i.e.
// exactly one LIF neuron with the summed capacitance, the summed leak conductance and the summed currents:
//   C dv/dt = Σ_m G_m (v_leak,m − v) + 1e-3 Σ_m (I_off,m + gate_exc,m I_exc,m − gate_inh,m I_inh,m),  C = Σ_m C_m.
// When both members' synaptic time constants agree, each summed current decays with one τ, so the closed form of
// lif-closed-form.ts propagates the pair exactly, and its first threshold crossing is found to the cycle by the
// same branch and bound as a single LIF neuron's. The `ideal` engine takes such pairs here instead of RK4 on the
// cycle grid (cluster-model.ts); anything else (a conductance, COBA, exponential term, adaptation, a paused
// member, members that fire on their own) stays with RK4. Pairs are kept at the engine time: both members' v
// hold the pair's potential, their currents stay apart (row events reach each member's own column).

/** Ranges this short are scanned cycle by cycle instead of split further (as the engine's LIF search). */
const scanCycles = 4;
/** Per pair (k·PSTRIDE + P_*): drive, weight of each member's exc and inh current, threshold, C share of each member. */
const P_DRIVE = 0;
const P_WEXC_A = 1;
const P_WEXC_B = 2;
const P_WINH_A = 3;
const P_WINH_B = 4;
const P_THETA = 5;
const P_SHARE_A = 6;
const P_SHARE_B = 7;
const PSTRIDE = 8;
/** Steps shorter than this many cycles take their coefficients from a per-class cache. */
const cacheCycles = 4096;

/** Whether a 2-member cluster is one LIF neuron in closed form (see the header); the members when it is. */
export function closedFormPair(cluster: Cluster, p: NeuronParameters, mc: MembraneCoefficients, graph: CompartmentGraph): readonly [number, number] | undefined {
  if (cluster.neurons.length !== 2 || cluster.compartmentCount !== 1) return undefined;
  const a = cluster.neurons[0] as number;
  const b = cluster.neurons[1] as number;
  const other = NeuronFlag.pause | NeuronFlag.forceReset | NeuronFlag.exp | NeuronFlag.adapt;
  for (const n of [a, b]) if ((p.flags[n] as number) & other || mc.isCoba(n)) return undefined;
  if (p.tauSynExcUs[a] !== p.tauSynExcUs[b] || p.tauSynInhUs[a] !== p.tauSynInhUs[b] || p.vResetVolts[a] !== p.vResetVolts[b]) return undefined;
  // Members that can both fire must fire together (shared firing, §2.4), else each would reset on its own.
  const bothFire = effectiveThreshold(p, a) < Infinity && effectiveThreshold(p, b) < Infinity;
  if (bothFire && (graph.fireGroupOf[a] as number) < 0) return undefined;
  if (bothFire && graph.fireGroupOf[a] !== graph.fireGroupOf[b]) return undefined;
  return [a, b];
}

export class JoinedPairs {
  readonly count: number;
  /** Members of pair k at 2k, 2k + 1. */
  private readonly members: Int32Array;
  private readonly constants: Float64Array;
  /** Per class of equal (τ_mem, τ_exc, τ_inh) of the joined neuron (µs), and each pair's class. */
  private readonly taus: Float64Array;
  private readonly classOf: Int32Array;
  /** Coefficients per (class, step cycles < cacheCycles), computed once each; `coef` points at the last ones. */
  private readonly cache: Float64Array;
  private readonly cacheValid: Uint8Array;
  private readonly fresh = new Float64Array(LIF_COEFFICIENTS);
  private coef: Float64Array = this.fresh;
  private at = 0;
  private readonly probe = new Float64Array(5);
  /** Pairs found to cross at the cycle `findCrossing` returned. */
  private readonly crossing: Int32Array;
  private crossingCount = 0;
  private crossingCycle = Infinity;

  constructor(
    pairs: readonly (readonly [number, number])[],
    private readonly p: NeuronParameters,
    mc: MembraneCoefficients,
    private readonly state: NeuronState,
  ) {
    this.count = pairs.length;
    this.members = Int32Array.from(pairs.flat());
    this.constants = new Float64Array(pairs.length * PSTRIDE);
    this.classOf = new Int32Array(pairs.length);
    this.crossing = new Int32Array(pairs.length);
    const classes = new Map<string, number>();
    const taus: number[] = [];
    pairs.forEach(([a, b], k) => {
      const ca = p.capacitancePf[a] as number;
      const cb = p.capacitancePf[b] as number;
      const c = ca + cb;
      // Per member: C_m·drive_m = G_m v_leak,m + 1e-3 I_off,m and C_m·k_m = 1e-3, so dividing by C sums them.
      const drive = (m: number): number => (p.vLeakVolts[m] as number) * (mc.leakRate[m] as number) + (mc.kPerNa[m] as number) * (p.offsetCurrentNa[m] as number);
      const j = k * PSTRIDE;
      this.constants[j + P_DRIVE] = (ca * drive(a) + cb * drive(b)) / c;
      this.constants[j + P_WEXC_A] = (ca * (mc.kPerNa[a] as number) * (mc.gateExc[a] as number)) / c;
      this.constants[j + P_WEXC_B] = (cb * (mc.kPerNa[b] as number) * (mc.gateExc[b] as number)) / c;
      this.constants[j + P_WINH_A] = (ca * (mc.kPerNa[a] as number) * (mc.gateInh[a] as number)) / c;
      this.constants[j + P_WINH_B] = (cb * (mc.kPerNa[b] as number) * (mc.gateInh[b] as number)) / c;
      this.constants[j + P_THETA] = Math.min(effectiveThreshold(p, a), effectiveThreshold(p, b));
      this.constants[j + P_SHARE_A] = ca / c;
      this.constants[j + P_SHARE_B] = cb / c;
      const rate = (ca * (mc.leakRate[a] as number) + cb * (mc.leakRate[b] as number)) / c;
      const triple = [rate === 0 ? Infinity : 1 / rate, p.tauSynExcUs[a] as number, p.tauSynInhUs[a] as number];
      const key = triple.join(',');
      if (!classes.has(key)) {
        classes.set(key, classes.size);
        taus.push(...triple);
      }
      this.classOf[k] = classes.get(key) as number;
    });
    this.taus = Float64Array.from(taus);
    this.cache = new Float64Array(classes.size * cacheCycles * LIF_COEFFICIENTS);
    this.cacheValid = new Uint8Array(classes.size * cacheCycles);
  }

  /** Member neurons, for the engine's bookkeeping. */
  get neurons(): Int32Array {
    return this.members;
  }

  /**
   * The first cycle in (t0, limit] at which a pair reaches its threshold (refractory periods respected), or
   * `limit`; the pairs crossing then are remembered for `advance`. The state is not changed.
   */
  findCrossing(t0: number, limit: number): number {
    this.crossingCount = 0;
    this.crossingCycle = Infinity;
    let stop = limit;
    for (let k = 0; k < this.count; k++) {
      const theta = this.constants[k * PSTRIDE + P_THETA] as number;
      if (theta === Infinity) continue;
      // Not before the refractory end, nor inside the reset hold (v is v_reset there, as for a single neuron).
      const lo = Math.max(this.refractoryEnd(k), this.holdEnd(k), t0 + 1);
      if (lo > stop) continue;
      const cycle = this.search(k, t0, lo, stop, theta);
      if (cycle < 0) continue;
      if (cycle < stop) this.crossingCount = 0;
      this.crossing[this.crossingCount++] = k;
      stop = cycle;
      this.crossingCycle = cycle;
    }
    return stop;
  }

  /** Propagates every pair from t0 to `stop`; adds the firing member(s) of the pairs crossing at `stop`. */
  advance(t0: number, stop: number, fired: FiredList): void {
    if (stop <= t0) return;
    const { v, iExcNa, iInhNa } = this.state;
    for (let k = 0; k < this.count; k++) {
      this.stateAt(k, t0, stop);
      const a = this.members[2 * k] as number;
      const b = this.members[2 * k + 1] as number;
      const vNew = clampVolts(this.probe[0] as number);
      v[a] = vNew;
      v[b] = vNew;
      iExcNa[a] = this.probe[1] as number;
      iExcNa[b] = this.probe[2] as number;
      iInhNa[a] = this.probe[3] as number;
      iInhNa[b] = this.probe[4] as number;
    }
    if (stop !== this.crossingCycle) return;
    for (let i = 0; i < this.crossingCount; i++) {
      const k = this.crossing[i] as number;
      for (const n of [this.members[2 * k] as number, this.members[2 * k + 1] as number]) {
        if (effectiveThreshold(this.p, n) < Infinity) fired.add(n);
      }
    }
  }

  private holdEnd(k: number): number {
    const { resetEnd } = this.state;
    return Math.max(resetEnd[this.members[2 * k] as number] as number, resetEnd[this.members[2 * k + 1] as number] as number);
  }

  /** The latest refractory end of the members that can fire. */
  private refractoryEnd(k: number): number {
    let end = -Infinity;
    for (const n of [this.members[2 * k] as number, this.members[2 * k + 1] as number]) {
      if (effectiveThreshold(this.p, n) < Infinity) end = Math.max(end, this.state.refractoryEnd[n] as number);
    }
    return end;
  }

  /**
   * Pair k's exact state at cycle t ≥ t0 from the state arrays (at t0) into `probe`: v, I_exc of both members,
   * I_inh of both. The members' potentials are merged charge-conserving first (an event through the bypass or a
   * reset trigger may have moved one, as in cluster-model.ts); held at v_reset through the later hold end.
   */
  private stateAt(k: number, t0: number, t: number): void {
    const s = this.state;
    const j = k * PSTRIDE;
    const c = this.constants;
    const a = this.members[2 * k] as number;
    const b = this.members[2 * k + 1] as number;
    const va = s.v[a] as number;
    const vb = s.v[b] as number;
    let v = va === vb ? va : (c[j + P_SHARE_A] as number) * va + (c[j + P_SHARE_B] as number) * vb;
    let excA = s.iExcNa[a] as number;
    let excB = s.iExcNa[b] as number;
    let inhA = s.iInhNa[a] as number;
    let inhB = s.iInhNa[b] as number;
    let base = t0;
    const holdEnd = this.holdEnd(k);
    if (holdEnd > t0) {
      const until = t < holdEnd ? t : holdEnd;
      this.coefficients(k, until - t0);
      const ee = this.coef[this.at + 2] as number;
      const ei = this.coef[this.at + 3] as number;
      excA *= ee;
      excB *= ee;
      inhA *= ei;
      inhB *= ei;
      v = this.p.vResetVolts[a] as number;
      base = until;
    }
    this.coefficients(k, t - base);
    const exc = (c[j + P_WEXC_A] as number) * excA + (c[j + P_WEXC_B] as number) * excB;
    const inh = (c[j + P_WINH_A] as number) * inhA + (c[j + P_WINH_B] as number) * inhB;
    const co = this.coef;
    const at = this.at;
    this.probe[0] = lifVoltage(v, exc, inh, c[j + P_DRIVE] as number, 1, 1, co, at);
    this.probe[1] = excA * (co[at + 2] as number);
    this.probe[2] = excB * (co[at + 2] as number);
    this.probe[3] = inhA * (co[at + 3] as number);
    this.probe[4] = inhB * (co[at + 3] as number);
  }

  /** Coefficients of pair k's class for a step of `cycles`: `coef` from offset `at`. */
  private coefficients(k: number, cycles: number): void {
    const cls = this.classOf[k] as number;
    const taus = this.taus;
    if (cycles < cacheCycles) {
      const slot = cls * cacheCycles + cycles;
      this.coef = this.cache;
      this.at = slot * LIF_COEFFICIENTS;
      if (this.cacheValid[slot] === 1) return;
      this.cacheValid[slot] = 1;
    } else {
      this.coef = this.fresh;
      this.at = 0;
    }
    lifCoefficients(taus[3 * cls] as number, taus[3 * cls + 1] as number, taus[3 * cls + 2] as number, cycles * CYCLE_US, this.coef, this.at);
  }

  /** First cycle in [lo, hi] with v ≥ θ, or −1: branch and bound with `lifUpperBound` (lo ≥ the hold end). */
  private search(k: number, t0: number, lo: number, hi: number, theta: number): number {
    this.stateAt(k, t0, lo);
    const v = this.probe[0] as number;
    if (v >= theta) return lo;
    if (lo === hi) return -1;
    const j = k * PSTRIDE;
    const c = this.constants;
    const exc = (c[j + P_WEXC_A] as number) * (this.probe[1] as number) + (c[j + P_WEXC_B] as number) * (this.probe[2] as number);
    const inh = (c[j + P_WINH_A] as number) * (this.probe[3] as number) + (c[j + P_WINH_B] as number) * (this.probe[4] as number);
    this.coefficients(k, hi - lo);
    if (lifUpperBound(v, exc, inh * (this.coef[this.at + 3] as number), c[j + P_DRIVE] as number, 1, 1, this.coef, this.at) < theta) return -1;
    if (hi - lo <= scanCycles) {
      for (let t = lo + 1; t <= hi; t++) {
        this.stateAt(k, t0, t);
        if ((this.probe[0] as number) >= theta) return t;
      }
      return -1;
    }
    const mid = Math.floor((lo + hi) / 2);
    const left = this.search(k, t0, lo, mid, theta);
    return left >= 0 ? left : this.search(k, t0, mid + 1, hi, theta);
  }
}
