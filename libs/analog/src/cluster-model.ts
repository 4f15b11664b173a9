import type { Cluster } from './compartments.js';
import { CYCLE_US } from './lif-closed-form.js';
import { linearPropagator } from './matrix-exponential.js';
import { clampVolts, EXP_SLOPE_VOLTS, type MembraneCoefficients } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import type { NeuronState } from './neuron-state.js';

// The general neuron model: one or more compartments joined by conductances, each member circuit with its own
// leak, synaptic inputs, exponential term and adaptation (reference §2.1, §2.4). For compartment i:
//   C_i dv_i/dt = Σ_m G_m (v_leak,m − v_i) + Σ_j g_ij (v_j − v_i) + 1e-3 Σ_m J_m(v_i)     [pF, µS, V, nA, µs]
//   dI_exc/dt = −I_exc/τ_exc, dI_inh/dt = −I_inh/τ_inh, τ_w dw/dt = a (v_i − v_adapt_ref) − w   per member m
// with G_m = C_m/τ_mem,m and J_m the non-leak currents of membrane-current.ts. A compartment whose member is in
// its reset hold (or in a forceReset block) is held at the mean v_reset of those members; a paused member
// freezes its compartment (twin choice). The ideal engine integrates this with classic RK4 on the FPGA cycle
// grid (sub-stepped so that every time constant, the local one of the exponential term included, spans ≥ 4
// sub-steps); the analog engine with the exact linear propagator of the conductance network
// (matrix-exponential.ts) and the non-leak currents held at their step-mean values.

/** Sub-steps per time constant the RK4 integrator keeps at least (analog spec: "sub-stepped if < 4 cycles"). */
const minStepsPerTau = 4;
const maxSubSteps = 1024;
const D_EXC = 0;
const D_INH = 1;
const D_MEAN_EXC = 2;
const D_MEAN_INH = 3;
const D_W = 4;
const DECAY_STRIDE = 5;

export class ClusterModel {
  readonly neurons: Int32Array;
  readonly compartmentOf: Int32Array;
  readonly m: number;
  private readonly capacitance: Float64Array;
  /** Leak conductance and Σ G·v_leak per compartment (µS, µS·V). */
  private readonly leakG: Float64Array;
  private readonly leakGv: Float64Array;
  /** Rate matrix A (1/µs), dv/dt = −A v + b. */
  private readonly rates: Float64Array;
  /** Per-compartment potential and its RK4/exponential scratch. */
  private readonly vComp: Float64Array;
  /** Per compartment: NaN = free, a potential = held there (reset), +∞ = paused. */
  private readonly held: Float64Array;
  private readonly heldCount: Float64Array;
  private readonly current: Float64Array;
  /** RK4 stage storage: y = [v (m), I_exc, I_inh, w (members each)]. */
  private readonly y0: Float64Array;
  private readonly yStage: Float64Array;
  private readonly slope: Float64Array;
  private readonly acc: Float64Array;
  /** RK4 sub-steps per FPGA cycle. */
  readonly subSteps: number;
  private propagator: { readonly p: Float64Array; readonly phi: Float64Array } | undefined;
  private propagatorDt = 0;
  /** Per member (k·DECAY_STRIDE + D_*), for steps of `propagatorDt`: e^{−Δ/τ} of exc, inh, w and the step-mean factors. */
  private readonly stepDecay: Float64Array;

  constructor(
    cluster: Cluster,
    private readonly p: NeuronParameters,
    private readonly mc: MembraneCoefficients,
    private readonly state: NeuronState,
  ) {
    this.neurons = cluster.neurons;
    this.compartmentOf = cluster.compartmentOf;
    const m = (this.m = cluster.compartmentCount);
    this.capacitance = cluster.capacitancePf;
    this.leakG = new Float64Array(m);
    this.leakGv = new Float64Array(m);
    let fastest = Infinity;
    this.neurons.forEach((n, k) => {
      const i = this.compartmentOf[k] as number;
      const g = (p.capacitancePf[n] as number) * (mc.leakRate[n] as number);
      this.leakG[i] = (this.leakG[i] as number) + g;
      this.leakGv[i] = (this.leakGv[i] as number) + g * (p.vLeakVolts[n] as number);
      for (const tau of [p.tauSynExcUs[n], p.tauSynInhUs[n], p.flags[n]! & NeuronFlag.adapt ? p.tauAdaptUs[n] : Infinity]) {
        fastest = Math.min(fastest, tau as number);
      }
    });
    this.rates = new Float64Array(m * m);
    for (let i = 0; i < m; i++) {
      let total = this.leakG[i] as number;
      for (let j = 0; j < m; j++) {
        const g = cluster.couplingUs[i * m + j] as number;
        total += g;
        this.rates[i * m + j] = -g / (this.capacitance[i] as number);
      }
      this.rates[i * m + i] = total / (this.capacitance[i] as number);
      if (total > 0) fastest = Math.min(fastest, (this.capacitance[i] as number) / total);
    }
    this.subSteps = Math.min(maxSubSteps, Math.max(1, Math.ceil((minStepsPerTau * CYCLE_US) / fastest)));
    this.vComp = new Float64Array(m);
    this.held = new Float64Array(m);
    this.heldCount = new Float64Array(m);
    this.current = new Float64Array(m);
    const size = m + 3 * this.neurons.length;
    this.y0 = new Float64Array(size);
    this.yStage = new Float64Array(size);
    this.slope = new Float64Array(size);
    this.acc = new Float64Array(size);
    this.stepDecay = new Float64Array(this.neurons.length * DECAY_STRIDE);
  }

  /**
   * Charge-conserving merge of the members' potentials into their compartments (events may have moved one
   * member's slot), then the hold values for a step ending at `endCycle` (NaN = free, else the held potential;
   * +∞ marks a paused compartment).
   */
  private prepareStep(endCycle: number): void {
    const { v, resetEnd } = this.state;
    const { neurons, compartmentOf, vComp, held, heldCount, m } = this;
    const { capacitancePf, flags, vResetVolts } = this.p;
    vComp.fill(0);
    held.fill(0);
    heldCount.fill(0);
    // Indexed loops: this runs every step for every cluster (a closure per member made it the analog cost).
    for (let k = 0; k < neurons.length; k++) {
      const n = neurons[k] as number;
      const i = compartmentOf[k] as number;
      vComp[i] = (vComp[i] as number) + (capacitancePf[n] as number) * (v[n] as number);
    }
    for (let i = 0; i < m; i++) vComp[i] = (vComp[i] as number) / (this.capacitance[i] as number);
    for (let k = 0; k < neurons.length; k++) {
      const n = neurons[k] as number;
      const i = compartmentOf[k] as number;
      const f = flags[n] as number;
      if (f & NeuronFlag.pause) held[i] = Infinity;
      else if ((f & NeuronFlag.forceReset || (resetEnd[n] as number) >= endCycle) && held[i] !== Infinity) {
        held[i] = (held[i] as number) + (vResetVolts[n] as number);
        heldCount[i] = (heldCount[i] as number) + 1;
      }
    }
    for (let i = 0; i < m; i++) {
      const count = heldCount[i] as number;
      if (held[i] === Infinity) continue;
      held[i] = count > 0 ? (held[i] as number) / count : NaN;
      if (count > 0) vComp[i] = held[i] as number;
    }
  }

  /** Writes the compartment potentials back into every member's slot. */
  private storePotentials(): void {
    const { v } = this.state;
    const { neurons, compartmentOf, vComp } = this;
    for (let k = 0; k < neurons.length; k++) v[neurons[k] as number] = vComp[compartmentOf[k] as number] as number;
  }

  // --- ideal fidelity: RK4 -------------------------------------------------------------------------------

  /** dy/dt at y (compartments first, then I_exc, I_inh, w per member). */
  private derivative(y: Float64Array, out: Float64Array): void {
    const { m, neurons, p, mc } = this;
    const count = neurons.length;
    this.current.fill(0);
    for (let k = 0; k < count; k++) {
      const n = neurons[k] as number;
      const i = this.compartmentOf[k] as number;
      const v = clampVolts(y[i] as number);
      const iExc = y[m + k] as number;
      const iInh = y[m + count + k] as number;
      const w = y[m + 2 * count + k] as number;
      this.current[i] = (this.current[i] as number) + mc.currentNa(p, n, v, iExc, iInh, w);
      out[m + k] = -iExc / (p.tauSynExcUs[n] as number);
      out[m + count + k] = -iInh / (p.tauSynInhUs[n] as number);
      out[m + 2 * count + k] =
        (p.flags[n] as number) & NeuronFlag.adapt ? ((p.adaptANs[n] as number) * (v - (p.vAdaptRefVolts[n] as number)) - w) / (p.tauAdaptUs[n] as number) : 0;
    }
    for (let i = 0; i < m; i++) {
      if (!Number.isNaN(this.held[i] as number)) {
        out[i] = 0;
        continue;
      }
      let dv = (this.leakGv[i] as number) / (this.capacitance[i] as number) + (1e-3 * (this.current[i] as number)) / (this.capacitance[i] as number);
      for (let j = 0; j < m; j++) dv -= (this.rates[i * m + j] as number) * clampVolts(y[j] as number);
      out[i] = dv;
    }
  }

  /**
   * Sub-steps for the next cycle: the static ones, more where the exponential term is steep (its local time
   * constant C/(dI_exp/dv) shrinks without bound as v runs away towards the spike).
   */
  private localSubSteps(): number {
    let fastest = Infinity;
    this.neurons.forEach((n, k) => {
      const v = clampVolts(this.vComp[this.compartmentOf[k] as number] as number);
      if (v <= (this.mc.expFrom[n] as number)) return;
      const slopeUs = (1e-3 * (this.p.expScaleNa[n] as number) * Math.exp((v - (this.p.vExpVolts[n] as number)) / EXP_SLOPE_VOLTS)) / EXP_SLOPE_VOLTS;
      fastest = Math.min(fastest, (this.capacitance[this.compartmentOf[k] as number] as number) / slopeUs);
    });
    const local = Math.ceil((minStepsPerTau * CYCLE_US) / fastest);
    return local > this.subSteps ? Math.min(maxSubSteps, local) : this.subSteps;
  }

  /** Advances the cluster by one FPGA cycle, from `cycle` to `cycle + 1`, with RK4 sub-steps. */
  stepCycle(cycle: number): void {
    this.prepareStep(cycle + 1);
    const subSteps = this.localSubSteps();
    const { m, neurons, y0, yStage, slope, acc } = this;
    const count = neurons.length;
    const s = this.state;
    for (let i = 0; i < m; i++) y0[i] = this.vComp[i] as number;
    neurons.forEach((n, k) => {
      y0[m + k] = s.iExcNa[n] as number;
      y0[m + count + k] = s.iInhNa[n] as number;
      y0[m + 2 * count + k] = s.wNa[n] as number;
    });
    const h = CYCLE_US / subSteps;
    for (let step = 0; step < subSteps; step++) {
      this.derivative(y0, slope);
      for (let i = 0; i < y0.length; i++) {
        acc[i] = slope[i] as number;
        yStage[i] = (y0[i] as number) + 0.5 * h * (slope[i] as number);
      }
      this.derivative(yStage, slope);
      for (let i = 0; i < y0.length; i++) {
        acc[i] = (acc[i] as number) + 2 * (slope[i] as number);
        yStage[i] = (y0[i] as number) + 0.5 * h * (slope[i] as number);
      }
      this.derivative(yStage, slope);
      for (let i = 0; i < y0.length; i++) {
        acc[i] = (acc[i] as number) + 2 * (slope[i] as number);
        yStage[i] = (y0[i] as number) + h * (slope[i] as number);
      }
      this.derivative(yStage, slope);
      for (let i = 0; i < y0.length; i++) y0[i] = (y0[i] as number) + (h / 6) * ((acc[i] as number) + (slope[i] as number));
      for (let i = 0; i < m; i++) y0[i] = clampVolts(y0[i] as number);
    }
    for (let i = 0; i < m; i++) this.vComp[i] = y0[i] as number;
    neurons.forEach((n, k) => {
      s.iExcNa[n] = y0[m + k] as number;
      s.iInhNa[n] = y0[m + count + k] as number;
      s.wNa[n] = y0[m + 2 * count + k] as number;
    });
    this.storePotentials();
  }

  // --- analog fidelity: exact linear network, step-mean currents -------------------------------------------

  /** Advances by `dtCycles` from `cycle`; writes each member's potential at the step start into `vStart`. */
  stepExponential(cycle: number, dtCycles: number, vStart: Float64Array): void {
    const dt = dtCycles * CYCLE_US;
    if (this.propagator === undefined || this.propagatorDt !== dt) this.prepareExponential(dt);
    const { p: prop, phi } = this.propagator as { readonly p: Float64Array; readonly phi: Float64Array };
    this.prepareStep(cycle + dtCycles);
    const { m, neurons, compartmentOf, vComp } = this;
    const current = this.current;
    current.fill(0);
    for (let k = 0; k < neurons.length; k++) {
      const n = neurons[k] as number;
      const i = compartmentOf[k] as number;
      const v = vComp[i] as number;
      vStart[n] = v;
      current[i] = (current[i] as number) + this.stepMemberCurrents(k, n, v);
    }
    // b = (Σ G·v_leak + 1e-3·J)/C; the new potentials of free compartments go to `heldCount` (free scratch now),
    // so every product reads the step-start potentials.
    const bias = current;
    const next = this.heldCount;
    for (let i = 0; i < m; i++) bias[i] = ((this.leakGv[i] as number) + 1e-3 * (bias[i] as number)) / (this.capacitance[i] as number);
    for (let i = 0; i < m; i++) {
      if (!Number.isNaN(this.held[i] as number)) continue;
      let v = 0;
      for (let j = 0; j < m; j++) v += (prop[i * m + j] as number) * (vComp[j] as number) + (phi[i * m + j] as number) * (bias[j] as number);
      next[i] = clampVolts(v);
    }
    for (let i = 0; i < m; i++) if (Number.isNaN(this.held[i] as number)) vComp[i] = next[i] as number;
    this.storePotentials();
  }

  /**
   * Member k (neuron n, at potential v over the step): returns its non-leak current, nA, with the synaptic currents
   * at their step mean I·τ/Δ·(1 − e^{−Δ/τ}) (decays cached per step length), and decays them and the adaptation
   * current to the step's end.
   */
  private stepMemberCurrents(k: number, n: number, v: number): number {
    const { p, stepDecay } = this;
    const { iExcNa, iInhNa, wNa } = this.state;
    const j = k * DECAY_STRIDE;
    const iExc = iExcNa[n] as number;
    const iInh = iInhNa[n] as number;
    const w = wNa[n] as number;
    const current = this.mc.currentNa(p, n, v, (stepDecay[j + D_MEAN_EXC] as number) * iExc, (stepDecay[j + D_MEAN_INH] as number) * iInh, w);
    iExcNa[n] = iExc * (stepDecay[j + D_EXC] as number);
    iInhNa[n] = iInh * (stepDecay[j + D_INH] as number);
    if ((p.flags[n] as number) & NeuronFlag.adapt) {
      const target = (p.adaptANs[n] as number) * (v - (p.vAdaptRefVolts[n] as number));
      wNa[n] = target + (w - target) * (stepDecay[j + D_W] as number);
    }
    return current;
  }

  /** The propagator and every member's current decays and step-mean factors for steps of `dt` µs. */
  private prepareExponential(dt: number): void {
    this.propagator = linearPropagator(this.rates, this.m, dt);
    this.propagatorDt = dt;
    const { p, neurons, stepDecay } = this;
    for (let k = 0; k < neurons.length; k++) {
      const n = neurons[k] as number;
      const j = k * DECAY_STRIDE;
      const decayExc = Math.exp(-dt / (p.tauSynExcUs[n] as number));
      const decayInh = Math.exp(-dt / (p.tauSynInhUs[n] as number));
      stepDecay[j + D_EXC] = decayExc;
      stepDecay[j + D_INH] = decayInh;
      stepDecay[j + D_MEAN_EXC] = meanFactor(p.tauSynExcUs[n] as number, dt, decayExc);
      stepDecay[j + D_MEAN_INH] = meanFactor(p.tauSynInhUs[n] as number, dt, decayInh);
      stepDecay[j + D_W] = Math.exp(-dt / (p.tauAdaptUs[n] as number));
    }
  }
}

function meanFactor(tauUs: number, dtUs: number, decay: number): number {
  return tauUs === Infinity ? 1 : (tauUs / dtUs) * (1 - decay);
}
