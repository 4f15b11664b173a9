import type { CompartmentGraph } from './compartments.js';
import { V_MAX, V_MIN, type MembraneCoefficients } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';

// Shorted membranes at `analog` fidelity: circuits whose membranes are wired together into one compartment
// (connectBottom and/or connectMembraneRight without a conductance, reference §2.4 — a 2-circuit neuron is the
// common case, Cramer et al. 2022's MNIST network has 256 of them). One compartment obeys
//   (Σ C_i) dv/dt = Σ C_i·(rate_i·(v_leak,i − v)) + 1e-3·Σ J_i(v)
// Every member is stepped in the SIMD kernel with the compartment's leak (the charge-weighted rate and drive of all
// members, `effectiveLeak`) and its own currents, exponential term and noise, from the common potential; then the
// members are merged charge-conservingly, v = Σ C_i·v_i / Σ C_i. The leak and drive being common, the merge of
// the linear part is exact: member i's input acts through k_i = 1e-3/C_i on its own lane and with weight C_i / Σ C
// in the merge, i.e. through 1e-3/Σ C as in the equation. The non-linear terms (COBA, exponential, adaptation) are
// as exact as the kernel's single-compartment step. The cluster model's propagator (cluster-model.ts) costs
// ~200 ns of JavaScript per compartment and step, a kernel lane ~3 ns. Rules the merge keeps from the cluster
// model: a member in its reset hold (or forceReset) holds the compartment at the mean v_reset of the held members;
// a paused member would freeze the compartment, so such clusters stay with the cluster model. Idle leaps cross
// shorted membranes exactly: each member's closed-form LIF step with the common leak, then the merge.

const neuronCount = 512;
/** Pending input smaller than this (V of membrane charge) counts as none for COBA and the rails. */
const NEGLIGIBLE_VOLTS = 1e-6;

/** The arrays a merge reads and updates (the analog engine's kernel state). */
export interface ShortedStepState {
  readonly v: Float32Array | Float64Array;
  /** Noise term of the observed potential v + x. */
  readonly x: Float32Array;
  /** Change of v + x over the step (the merge moves v, so it moves this too). */
  readonly stepDelta: Float32Array;
  readonly resetEnd: Float64Array;
  readonly theta: Float32Array;
  /** Threshold candidates of the step, in `candidates[0..count)`. */
  readonly candidates: Int32Array;
}

/** The state and effective leaks the idle check reads. */
export interface ShortedIdleState {
  readonly v: Float32Array | Float64Array;
  readonly x: Float32Array;
  readonly iExcNa: Float32Array | Float64Array;
  readonly iInhNa: Float32Array | Float64Array;
  readonly rate: Float64Array;
  readonly drive: Float64Array;
}

/** The per-step charge coefficients and current decays the idle check bounds pending input with (analog-engine.ts). */
export interface ShortedIdleCoefficients {
  readonly hbe: Float32Array;
  readonly hge: Float32Array;
  readonly hbi: Float32Array;
  readonly hgi: Float32Array;
  readonly ee: Float32Array;
  readonly ei: Float32Array;
  readonly theta: Float32Array;
}

export class ShortedMembranes {
  /** Number of shorted compartments. */
  readonly count: number;
  /** Members of compartment g: members[start[g]..start[g + 1]). */
  private readonly start: Int32Array;
  private readonly members: Int32Array;
  /** C_i / Σ C of each member's compartment (parallel to `members`). */
  private readonly share: Float64Array;
  /** 1 for a member held at v_reset for as long as forceReset is set. */
  private readonly forced: Uint8Array;
  /** 1 for every member neuron. */
  readonly isMember = new Uint8Array(neuronCount);
  /** Each neuron's compartment index, −1 for a non-member. */
  private readonly groupOf = new Int32Array(neuronCount).fill(-1);

  /** The one-compartment clusters of `graph` without a paused member. */
  constructor(graph: CompartmentGraph, p: NeuronParameters) {
    const picked = graph.clusters.filter((cluster) => isShorted(cluster.compartmentCount, cluster.neurons, p));
    this.count = picked.length;
    this.start = new Int32Array(picked.length + 1);
    const size = picked.reduce((sum, cluster) => sum + cluster.neurons.length, 0);
    this.members = new Int32Array(size);
    this.share = new Float64Array(size);
    this.forced = new Uint8Array(size);
    let at = 0;
    picked.forEach((cluster, g) => {
      this.start[g] = at;
      const total = cluster.capacitancePf[0] as number;
      for (const n of cluster.neurons) {
        this.members[at] = n;
        this.share[at] = (p.capacitancePf[n] as number) / total;
        this.forced[at] = (p.flags[n] as number) & NeuronFlag.forceReset ? 1 : 0;
        this.isMember[n] = 1;
        this.groupOf[n] = g;
        at++;
      }
    });
    this.start[picked.length] = at;
  }

  /**
   * The leak every neuron is stepped with: a member gets its compartment's — the charge-weighted leak rate
   * Σ s_i·rate_i and leak drive Σ s_i·v_leak,i·rate_i (s_i = C_i / Σ C) — so that all members decay alike and the
   * merge is exact for the linear part; every other neuron its own. `tauMemUs` is 1/rate (∞ without leak).
   */
  effectiveLeak(p: NeuronParameters, mc: MembraneCoefficients, rate: Float64Array, drive: Float64Array, tauMemUs: Float64Array): void {
    for (let n = 0; n < neuronCount; n++) {
      rate[n] = mc.leakRate[n] as number;
      drive[n] = (p.vLeakVolts[n] as number) * (mc.leakRate[n] as number);
      tauMemUs[n] = p.tauMemUs[n] as number;
    }
    const { start, members, share } = this;
    for (let g = 0; g < this.count; g++) {
      let groupRate = 0;
      let groupDrive = 0;
      for (let j = start[g] as number; j < (start[g + 1] as number); j++) {
        const n = members[j] as number;
        groupRate += (share[j] as number) * (mc.leakRate[n] as number);
        groupDrive += (share[j] as number) * (p.vLeakVolts[n] as number) * (mc.leakRate[n] as number);
      }
      for (let j = start[g] as number; j < (start[g + 1] as number); j++) {
        const n = members[j] as number;
        rate[n] = groupRate;
        drive[n] = groupDrive;
        tauMemUs[n] = groupRate > 0 ? 1 / groupRate : Infinity;
      }
    }
  }

  /**
   * Merges every compartment's members after the kernel stepped them from t0 to t1 and returns the new candidate
   * count: the kernel's candidates that are not members (they crossed alone), then every member whose merged
   * observed potential reached its threshold outside a reset hold — the kernel's rule.
   */
  merge(s: ShortedStepState, vReset: Float64Array, kernelCandidates: number, t0: number, t1: number): number {
    const { v, x, stepDelta, resetEnd, theta, candidates } = s;
    const { start, members, forced, isMember } = this;
    let count = 0;
    for (let i = 0; i < kernelCandidates; i++) {
      const n = candidates[i] as number;
      if (isMember[n] === 0) candidates[count++] = n;
    }
    for (let g = 0; g < this.count; g++) {
      const merged = this.mergedPotential(g, v, resetEnd, vReset, t1);
      for (let j = start[g] as number; j < (start[g + 1] as number); j++) {
        const n = members[j] as number;
        stepDelta[n] = (stepDelta[n] as number) + merged - (v[n] as number);
        v[n] = merged;
        if (forced[j] === 0 && (resetEnd[n] as number) <= t0 && merged + (x[n] as number) >= (theta[n] as number)) candidates[count++] = n;
      }
    }
    return count;
  }

  /**
   * Merges the potentials of neuron n's compartment at t1, without looking for threshold crossings (after its spike
   * restarted members inside the step). A no-op for a neuron that is not a member.
   */
  mergeCompartmentOf(n: number, v: Float32Array | Float64Array, stepDelta: Float32Array, resetEnd: Float64Array, vReset: Float64Array, t1: number): void {
    const g = this.groupOf[n] as number;
    if (g >= 0) this.mergeGroup(g, v, stepDelta, resetEnd, vReset, t1);
  }

  /** Merges every compartment's potentials at t1 (after an idle leap). */
  mergeAll(v: Float32Array | Float64Array, stepDelta: Float32Array, resetEnd: Float64Array, vReset: Float64Array, t1: number): void {
    for (let g = 0; g < this.count; g++) this.mergeGroup(g, v, stepDelta, resetEnd, vReset, t1);
  }

  private mergeGroup(g: number, v: Float32Array | Float64Array, stepDelta: Float32Array, resetEnd: Float64Array, vReset: Float64Array, t1: number): void {
    const { start, members } = this;
    const merged = this.mergedPotential(g, v, resetEnd, vReset, t1);
    for (let j = start[g] as number; j < (start[g + 1] as number); j++) {
      const n = members[j] as number;
      stepDelta[n] = (stepDelta[n] as number) + merged - (v[n] as number);
      v[n] = merged;
    }
  }

  /** Compartment g's potential: the charge-weighted mean, or the mean v_reset of its members held at t1. */
  private mergedPotential(g: number, v: Float32Array | Float64Array, resetEnd: Float64Array, vReset: Float64Array, t1: number): number {
    const { start, members, share, forced } = this;
    let merged = 0;
    let heldSum = 0;
    let heldCount = 0;
    for (let j = start[g] as number; j < (start[g + 1] as number); j++) {
      const n = members[j] as number;
      merged += (share[j] as number) * (v[n] as number);
      if (forced[j] === 1 || (resetEnd[n] as number) >= t1) {
        heldSum += vReset[n] as number;
        heldCount++;
      }
    }
    return heldCount > 0 ? heldSum / heldCount : merged;
  }

  /**
   * Whether every compartment may leap (analog-engine.ts, idle leaps): no forceReset member, no live COBA input,
   * and the bound of the merged trajectory — the larger of the start and the compartment's rest, plus the most its
   * members' pending excitatory charge can add — `marginVolts` below every member's threshold and exponential onset.
   * `rate` and `drive` are the effective leaks (`effectiveLeak`).
   */
  idle(state: ShortedIdleState, c: ShortedIdleCoefficients, p: NeuronParameters, mc: MembraneCoefficients, marginVolts: number): boolean {
    const { v, x, iExcNa, iInhNa, rate, drive } = state;
    const { start, members, share, forced } = this;
    for (let g = 0; g < this.count; g++) {
      const first = start[g] as number;
      const end = start[g + 1] as number;
      let vNow = 0;
      let offsets = 0;
      let up = 0;
      let down = 0;
      for (let j = first; j < end; j++) {
        if (forced[j] === 1) return false;
        const n = members[j] as number;
        const s = share[j] as number;
        const e = iExcNa[n] as number;
        const i = iInhNa[n] as number;
        // The member's per-step charge lands on its own capacitance: on the compartment it counts with C_i / Σ C.
        const memberUp = e === 0 ? 0 : Math.abs(((c.hbe[n] as number) * e) / (1 - (c.ee[n] as number)));
        const memberDown = i === 0 ? 0 : Math.abs(((c.hbi[n] as number) * i) / (1 - (c.ei[n] as number)));
        if ((c.hge[n] !== 0 && memberUp > NEGLIGIBLE_VOLTS) || (c.hgi[n] !== 0 && memberDown > NEGLIGIBLE_VOLTS)) return false;
        up += s * memberUp;
        down += s * memberDown;
        vNow += s * (v[n] as number);
        offsets += s * (mc.kPerNa[n] as number) * (p.offsetCurrentNa[n] as number);
      }
      if (!(up + down < Infinity)) return false;
      const r = rate[members[first] as number] as number;
      const d = (drive[members[first] as number] as number) + offsets;
      const rest = r > 0 ? d / r : d === 0 ? vNow : NaN;
      const high = Math.max(vNow, rest) + up;
      const low = Math.min(vNow, rest) - down;
      if (!(high <= V_MAX && low >= V_MIN) && !(up + down < NEGLIGIBLE_VOLTS && rest === rest)) return false;
      for (let j = first; j < end; j++) {
        const n = members[j] as number;
        const observed = high + Math.max(x[n] as number, 0) + marginVolts;
        if (!(observed < (c.theta[n] as number) && observed < (mc.expFrom[n] as number))) return false;
      }
    }
    return true;
  }
}

function isShorted(compartments: number, neurons: Int32Array, p: NeuronParameters): boolean {
  if (compartments !== 1) return false;
  for (const n of neurons) if ((p.flags[n] as number) & NeuronFlag.pause) return false;
  return true;
}
