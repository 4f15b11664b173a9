import { ClusterModel } from './cluster-model.js';
import type { CompartmentGraph } from './compartments.js';
import { effectiveThreshold, startRefractory, type Engine } from './engine.js';
import { EXP_FRACTION, EXP_POWER, EXP_POWER_ZERO, EXP_STEPS_PER_UNIT, EXP_UNIT_PER_STEP } from './exp-table.js';
import { CYCLE_US, leakIntegralUs, synapticKernelUs } from './lif-closed-form.js';
import { clampVolts, EXP_SLOPE_VOLTS, V_MAX, V_MIN, type MembraneCoefficients } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import { NeuronState, type FiredList } from './neuron-state.js';
import { GAUSS_TABLE, GAUSS_TABLE_MASK, type MembraneNoise } from './membrane-noise.js';
import { SpikeBuffer } from './spike-buffer.js';
import type { SynapticInput } from './synaptic-input.js';

// The `analog` fidelity (analog spec): fixed steps of dtCycles (default 12 cycles = 96 ns). Per step and neuron
//   I_exc, I_inh   exact decay
//   v              exponential Euler: the leak, the offset and the CUBA synaptic currents are integrated exactly
//                  (lif-closed-form.ts kernels); the COBA factor is taken at the step start, the adaptation
//                  current as its step mean, the exponential term as the mean of its start and predicted end
//                  values (Heun)
//   w              exact relaxation towards a·(v − v_adapt_ref) with v held
//   noise          OU term on the observed membrane (membrane-noise.ts)
// Events arriving inside a step are applied with their exact decay to the step end, including the membrane
// charge they deliver in the rest of the step (exact for CUBA; see `membraneResponse` for COBA/compartments).
// A threshold crossing inside a step is timed by linear interpolation of the observed potential, rounded to
// the cycle; the reset then holds v_reset for the reset duration and the rest of the step is integrated from
// there. Compartment clusters use the exact conductance-network propagator (cluster-model.ts). Stable for every
// time constant: all linear parts are exact exponentials.
// The engine computes a step as soon as the facade's time enters it (twin choice); its spikes are buffered and
// handed out one cycle at a time, and register changes (configure) and NeuronReset act on the state at the
// step's end, i.e. up to dtCycles − 1 cycles late.

const neuronCount = 512;
const MODE_FAST = 0;
const MODE_SLOW = 1;
const MODE_CLUSTER = 2;

// Per-neuron step coefficients (V, nA, µs):
//   v1 = v·EM + C0 + KA2·I_exp − KA2W·w + I_exc·(HBE − HGE·v_obs) − I_inh·(HBI − HGI·v_obs)
//   I_exc ·= EE, I_inh ·= EI, w = w·EW + WA·v_obs − WB, x = x·NOISE_DECAY + NOISE_KICK·z
// with v_obs = v + x; I_exp = EXP_SCALE·e^{(v_obs − V_EXP)/ΔT} above EXP_FROM; fire when v1 + x ≥ THETA.
const K_EM = 0;
const K_C0 = 1;
const K_KA2 = 2;
const K_KA2W = 3;
const K_HBE = 4;
const K_HGE = 5;
const K_HBI = 6;
const K_HGI = 7;
const K_EE = 8;
const K_EI = 9;
const K_EW = 10;
const K_WA = 11;
const K_WB = 12;
const K_THETA = 13;
const K_EXP_FROM = 14;
const K_V_EXP = 15;
const K_EXP_SCALE = 16;
const K_NOISE_DECAY = 17;
const K_NOISE_KICK = 18;
const K_V_RESET = 19;
const STRIDE = 20;

export class AnalogEngine implements Engine {
  readonly state = new NeuronState();
  /** End of the last computed step (the state's time). */
  time = 0;
  private readonly dtUs: number;
  private p: NeuronParameters | undefined;
  private mc: MembraneCoefficients | undefined;
  private graph: CompartmentGraph | undefined;
  private readonly noise: MembraneNoise;
  private readonly spikes = new SpikeBuffer();
  private clusters: ClusterModel[] = [];
  /**
   * Change of the observed potential (v + noise) over the last step from the dynamics alone. Readouts inside the
   * step interpolate backwards from the present value with it, so charge that arrived after the step was computed
   * (events, NeuronReset) shows in full.
   */
  private readonly stepDelta = new Float64Array(neuronCount);
  /** Observed potential at the start of the step in which the neuron last fired (readout before the spike). */
  private readonly preSpike = new Float64Array(neuronCount);
  /** Cluster members' potentials at the step start (ClusterModel output). */
  private readonly clusterStart = new Float64Array(neuronCount);
  /** Cycle of each neuron's last spike (readout interpolation). */
  private readonly spikeCycle = new Float64Array(neuronCount).fill(-Infinity);
  private readonly mode = new Uint8Array(neuronCount);
  /** Step coefficients, interleaved per neuron (index n·STRIDE + K_*): one cache-friendly stream in the loop. */
  private readonly coef = new Float64Array(neuronCount * STRIDE);
  private readonly candidates = new Int32Array(neuronCount);
  /**
   * `integrate` coefficients for partial steps of 0..dtCycles cycles (after a reset hold ends inside a step),
   * index (cycles·512 + n)·4 + {em, a2, h_exc, h_inh}: the same values `integrate` would compute, without the
   * per-call exponentials.
   */
  private partial = new Float64Array(0);
  /** 1 where the `partial` row of that many cycles is computed for the present parameters (filled on demand). */
  private partialReady = new Uint8Array(0);

  constructor(
    readonly dtCycles: number,
    noise: MembraneNoise,
  ) {
    this.dtUs = dtCycles * CYCLE_US;
    this.noise = noise;
  }

  prepare(p: NeuronParameters, mc: MembraneCoefficients, graph: CompartmentGraph, input: SynapticInput): void {
    this.p = p;
    this.mc = mc;
    this.graph = graph;
    const dt = this.dtUs;
    this.noise.prepare(p, this.dtCycles);
    const c = this.coef;
    for (let n = 0; n < neuronCount; n++) {
      const j = n * STRIDE;
      const flags = p.flags[n] as number;
      const tauMem = p.tauMemUs[n] as number;
      const k = mc.kPerNa[n] as number;
      const a2 = leakIntegralUs(tauMem, dt);
      const he = k * (mc.gateExc[n] as number) * synapticKernelUs(tauMem, p.tauSynExcUs[n] as number, dt);
      const hi = k * (mc.gateInh[n] as number) * synapticKernelUs(tauMem, p.tauSynInhUs[n] as number, dt);
      const adapt = (flags & NeuronFlag.adapt) !== 0;
      const ew = adapt ? Math.exp(-dt / (p.tauAdaptUs[n] as number)) : 1;
      const wa = adapt ? (p.adaptANs[n] as number) * (1 - ew) : 0;
      c[j + K_EM] = Math.exp(-dt * (mc.leakRate[n] as number));
      c[j + K_C0] = ((p.vLeakVolts[n] as number) * (mc.leakRate[n] as number) + k * (p.offsetCurrentNa[n] as number)) * a2;
      c[j + K_KA2] = k * a2;
      c[j + K_KA2W] = k * a2 * (mc.gateAdapt[n] as number);
      c[j + K_HBE] = he * (mc.betaExc[n] as number);
      c[j + K_HGE] = he * (mc.gammaExc[n] as number);
      c[j + K_HBI] = hi * (mc.betaInh[n] as number);
      c[j + K_HGI] = hi * (mc.gammaInh[n] as number);
      c[j + K_EE] = Math.exp(-dt / (p.tauSynExcUs[n] as number));
      c[j + K_EI] = Math.exp(-dt / (p.tauSynInhUs[n] as number));
      c[j + K_EW] = ew;
      c[j + K_WA] = wa;
      c[j + K_WB] = wa * (p.vAdaptRefVolts[n] as number);
      c[j + K_THETA] = effectiveThreshold(p, n);
      c[j + K_EXP_FROM] = mc.expFrom[n] as number;
      c[j + K_V_EXP] = p.vExpVolts[n] as number;
      c[j + K_EXP_SCALE] = p.expScaleNa[n] as number;
      c[j + K_NOISE_DECAY] = this.noise.decay[n] as number;
      c[j + K_NOISE_KICK] = this.noise.kick[n] as number;
      c[j + K_V_RESET] = p.vResetVolts[n] as number;
      this.mode[n] = (graph.clusterOf[n] as number) >= 0 ? MODE_CLUSTER : flags & (NeuronFlag.pause | NeuronFlag.forceReset) ? MODE_SLOW : MODE_FAST;
    }
    const parts = this.dtCycles + 1;
    if (this.partial.length !== parts * neuronCount * 4) {
      this.partial = new Float64Array(parts * neuronCount * 4);
      this.partialReady = new Uint8Array(parts);
    }
    this.partialReady.fill(0);
    // A fresh literal when empty: arrays of one shape keep the step loop monomorphic.
    this.clusters = graph.clusters.length === 0 ? [] : graph.clusters.map((cluster) => new ClusterModel(cluster, p, mc, this.state));
    input.buildTables(p, {
      maxAgeCycles: this.dtCycles,
      currentDecay: (n, inh, age) => Math.exp((-age * CYCLE_US) / ((inh ? p.tauSynInhUs[n] : p.tauSynExcUs[n]) as number)),
      // The charge an event delivers in the rest of the step it arrived in: exact for CUBA single compartments
      // (COBA: taken at the COBA factor of rest, 1); for a compartment member without the leak, onto its own
      // slot (the cluster step merges the slots charge-weighted); nothing for a paused or force-reset membrane.
      membraneResponse: (n, inh, age) => {
        const gain = (mc.kPerNa[n] as number) * ((inh ? mc.gateInh[n] : mc.gateExc[n]) as number);
        const tauSyn = (inh ? p.tauSynInhUs[n] : p.tauSynExcUs[n]) as number;
        if (this.mode[n] === MODE_FAST) return gain * synapticKernelUs(p.tauMemUs[n] as number, tauSyn, age * CYCLE_US);
        if (this.mode[n] === MODE_CLUSTER) return gain * synapticKernelUs(Infinity, tauSyn, age * CYCLE_US);
        return 0;
      },
    });
  }

  eventAge(cycle: number): number {
    return this.time - cycle;
  }

  membraneVolts(n: number, cycle: number): number {
    const now = clampVolts((this.state.v[n] as number) + this.noise.value(n));
    if (cycle >= this.time) return now;
    const start = this.time - this.dtCycles;
    if ((this.spikeCycle[n] as number) > start) return cycle >= (this.spikeCycle[n] as number) ? now : (this.preSpike[n] as number);
    const before = cycle > start ? (this.time - cycle) / this.dtCycles : 1;
    return clampVolts(now - (this.stepDelta[n] as number) * before);
  }

  resetMembrane(n: number): void {
    const p = this.p;
    if (p === undefined) return;
    this.state.v[n] = p.vResetVolts[n] as number;
    this.stepDelta[n] = 0;
    this.spikeCycle[n] = -Infinity;
  }

  advance(target: number, fired: FiredList): number {
    for (;;) {
      if (!this.spikes.isEmpty) {
        const k = this.spikes.nextCycle;
        if (k > target) return target;
        this.spikes.popCycle(fired);
        return k;
      }
      if (this.time >= target) return target;
      this.step();
    }
  }

  /** The neuron loop of `step` (its own method, so it compiles on its own): returns the threshold candidates' count. */
  private startNeurons(t0: number, t1: number): number {
    const { v, iExcNa, iInhNa, wNa, resetEnd } = this.state;
    const { coef: c, mode, stepDelta, noise } = this;
    const x = noise.x;
    const table = GAUSS_TABLE;
    const expPerVolt = 1 / EXP_SLOPE_VOLTS;
    const powers = EXP_POWER;
    const fractions = EXP_FRACTION;
    let r = noise.rng;
    const { candidates } = this;
    let candidateCount = 0;
    for (let n = 0, j = 0; n < neuronCount; n++, j += STRIDE) {
      const m = mode[n] as number;
      if (m !== MODE_FAST || (resetEnd[n] as number) > t0) {
        if (m === MODE_CLUSTER) continue;
        if (m === MODE_FAST && (resetEnd[n] as number) >= t1) {
          // Held at v_reset through the whole step: `slowStep` written out (same arithmetic, same draw order).
          const start = (v[n] as number) + (x[n] as number);
          iExcNa[n] = (iExcNa[n] as number) * (c[j + K_EE] as number);
          iInhNa[n] = (iInhNa[n] as number) * (c[j + K_EI] as number);
          wNa[n] = (wNa[n] as number) * (c[j + K_EW] as number) + (c[j + K_WA] as number) * start - (c[j + K_WB] as number);
          r ^= r << 13;
          r ^= r >>> 17;
          r ^= r << 5;
          const x1 = (x[n] as number) * (c[j + K_NOISE_DECAY] as number) + (c[j + K_NOISE_KICK] as number) * (table[(r >>> 8) & GAUSS_TABLE_MASK] as number);
          x[n] = x1;
          const held = c[j + K_V_RESET] as number;
          v[n] = held;
          stepDelta[n] = held + x1 - start;
          continue;
        }
        noise.rng = r;
        this.slowStep(n, t0, t1);
        r = noise.rng;
        continue;
      }
      const v0 = v[n] as number;
      const x0 = x[n] as number;
      const ve = v0 + x0;
      const iExc = iExcNa[n] as number;
      const iInh = iInhNa[n] as number;
      const w = wNa[n] as number;
      // Adaptation relaxes with v held at the start; the membrane sees its step mean (trapezoid).
      const w1 = w * (c[j + K_EW] as number) + (c[j + K_WA] as number) * ve - (c[j + K_WB] as number);
      const lin =
        v0 * (c[j + K_EM] as number) +
        (c[j + K_C0] as number) -
        (c[j + K_KA2W] as number) * 0.5 * (w + w1) +
        iExc * ((c[j + K_HBE] as number) - (c[j + K_HGE] as number) * ve) -
        iInh * ((c[j + K_HBI] as number) - (c[j + K_HGI] as number) * ve);
      // Exponential term (skipped far below v_exp), Heun: the mean of its value at the step start and at the
      // predicted step end, E·(1 + e^δ)/2 with δ = (v_pred − v)/ΔT; e^δ by its series while δ is small (the
      // common case), by table near the upswing. The start value alone lags: 2 % longer AdEx intervals.
      let v1 = lin;
      if (ve > (c[j + K_EXP_FROM] as number)) {
        // tableExp (exp-table.ts) written out twice: the same arithmetic, without the calls.
        const y = (ve - (c[j + K_V_EXP] as number)) * expPerVolt * EXP_STEPS_PER_UNIT;
        const whole = Math.floor(y);
        const fr = (y - whole) * EXP_UNIT_PER_STEP;
        const wi = whole | 0;
        // ka2·E(v_start), V over the step.
        const e0 =
          (c[j + K_KA2] as number) *
          ((c[j + K_EXP_SCALE] as number) *
            ((powers[(wi >> 8) + EXP_POWER_ZERO] as number) * (fractions[wi & 255] as number) * (1 + fr * (1 + fr * (0.5 + fr * (1 / 6 + fr / 24))))));
        const predicted = lin + e0;
        const d = ((predicted < V_MAX ? predicted : V_MAX) - v0) * expPerVolt;
        let growth: number;
        if (d < 0.25) {
          growth = d * (1 + d * (0.5 + d * (1 / 6 + d / 24)));
        } else {
          // 0.25 ≤ d ≤ 120 (predicted ≤ V_MAX, v0 ≥ V_MIN): inside the table's range.
          const yd = d * EXP_STEPS_PER_UNIT;
          const wholeD = Math.floor(yd);
          const frD = (yd - wholeD) * EXP_UNIT_PER_STEP;
          const wiD = wholeD | 0;
          growth = (powers[(wiD >> 8) + EXP_POWER_ZERO] as number) * (fractions[wiD & 255] as number) * (1 + frD * (1 + frD * (0.5 + frD * (1 / 6 + frD / 24)))) - 1;
        }
        v1 = predicted + 0.5 * e0 * growth;
      }
      iExcNa[n] = iExc * (c[j + K_EE] as number);
      iInhNa[n] = iInh * (c[j + K_EI] as number);
      wNa[n] = w1;
      // OU noise, xorshift32 inline (membrane-noise.ts).
      r ^= r << 13;
      r ^= r >>> 17;
      r ^= r << 5;
      const x1 = x0 * (c[j + K_NOISE_DECAY] as number) + (c[j + K_NOISE_KICK] as number) * (table[(r >>> 8) & GAUSS_TABLE_MASK] as number);
      x[n] = x1;
      v1 = v1 < V_MIN ? V_MIN : v1 > V_MAX ? V_MAX : v1;
      v[n] = v1;
      stepDelta[n] = v1 + x1 - ve;
      // Branch-free append (neurons near threshold make this unpredictable).
      candidates[candidateCount] = n;
      candidateCount += +(v1 + x1 >= (c[j + K_THETA] as number));
    }
    noise.rng = r;
    return candidateCount;
  }

  /** One step from `time` to `time + dtCycles`. */
  private step(): void {
    const t0 = this.time;
    const t1 = t0 + this.dtCycles;
    const { v } = this.state;
    const { coef: c, stepDelta, candidates, noise } = this;
    const x = noise.x;
    let candidateCount = this.startNeurons(t0, t1);
    // Indexed loops: for-of over arrays of changing shape deoptimises this function (V8 "wrong map").
    const clusters = this.clusters;
    for (let k = 0; k < clusters.length; k++) {
      const cluster = clusters[k] as ClusterModel;
      cluster.stepExponential(t0, this.dtCycles, this.clusterStart);
      const members = cluster.neurons;
      for (let i = 0; i < members.length; i++) {
        const n = members[i] as number;
        const start = (this.clusterStart[n] as number) + (x[n] as number);
        const end = (v[n] as number) + noise.advance(n);
        stepDelta[n] = end - start;
        if (end >= (c[n * STRIDE + K_THETA] as number)) candidates[candidateCount++] = n;
      }
    }
    this.time = t1;
    this.spikes.clear();
    if (candidateCount > 0) this.fire(candidateCount, t0, t1);
  }

  /** Paused, forceReset and reset-holding neurons: currents decay, the membrane is held or restarts. */
  private slowStep(n: number, t0: number, t1: number): void {
    const p = this.p as NeuronParameters;
    const s = this.state;
    const flags = p.flags[n] as number;
    const start = (s.v[n] as number) + (this.noise.x[n] as number);
    const iExc = s.iExcNa[n] as number;
    const iInh = s.iInhNa[n] as number;
    const j = n * STRIDE;
    s.iExcNa[n] = iExc * (this.coef[j + K_EE] as number);
    s.iInhNa[n] = iInh * (this.coef[j + K_EI] as number);
    // Adaptation keeps relaxing towards a·(v − v_adapt_ref) while the membrane is held.
    s.wNa[n] = (s.wNa[n] as number) * (this.coef[j + K_EW] as number) + (this.coef[j + K_WA] as number) * start - (this.coef[j + K_WB] as number);
    const x1 = this.noise.advance(n);
    if (!(flags & NeuronFlag.pause)) {
      const vReset = p.vResetVolts[n] as number;
      const holdEnd = s.resetEnd[n] as number;
      s.v[n] = flags & NeuronFlag.forceReset || holdEnd >= t1 ? vReset : this.integrate(n, vReset, iExc, iInh, s.wNa[n] as number, t1 - Math.max(holdEnd, t0));
    }
    this.stepDelta[n] = (s.v[n] as number) + x1 - start;
  }

  /** Exponential-Euler step of one single-compartment neuron over `cycles` (per-neuron exponentials). */
  private integrate(n: number, v: number, iExc: number, iInh: number, w: number, cycles: number): number {
    const p = this.p as NeuronParameters;
    const mc = this.mc as MembraneCoefficients;
    const k = mc.kPerNa[n] as number;
    const drive = (p.vLeakVolts[n] as number) * (mc.leakRate[n] as number);
    const explicit = mc.currentNa(p, n, v, 0, 0, w);
    const at = (cycles * neuronCount + n) * 4;
    if (cycles >= 0 && cycles <= this.dtCycles && Number.isInteger(cycles)) {
      if (this.partialReady[cycles] !== 1) this.fillPartial(cycles);
      const partial = this.partial;
      const synaptic =
        (mc.gateExc[n] as number) * iExc * ((mc.betaExc[n] as number) - (mc.gammaExc[n] as number) * v) * (partial[at + 2] as number) -
        (mc.gateInh[n] as number) * iInh * ((mc.betaInh[n] as number) - (mc.gammaInh[n] as number) * v) * (partial[at + 3] as number);
      return clampVolts(v * (partial[at] as number) + (drive + k * explicit) * (partial[at + 1] as number) + k * synaptic);
    }
    const dt = cycles * CYCLE_US;
    const tauMem = p.tauMemUs[n] as number;
    const a2 = leakIntegralUs(tauMem, dt);
    const synaptic =
      (mc.gateExc[n] as number) * iExc * ((mc.betaExc[n] as number) - (mc.gammaExc[n] as number) * v) * synapticKernelUs(tauMem, p.tauSynExcUs[n] as number, dt) -
      (mc.gateInh[n] as number) * iInh * ((mc.betaInh[n] as number) - (mc.gammaInh[n] as number) * v) * synapticKernelUs(tauMem, p.tauSynInhUs[n] as number, dt);
    return clampVolts(v * Math.exp(-dt * (mc.leakRate[n] as number)) + (drive + k * explicit) * a2 + k * synaptic);
  }

  /** Computes the `partial` row for `cycles` (the exponentials `integrate` would evaluate per call). */
  private fillPartial(cycles: number): void {
    const p = this.p as NeuronParameters;
    const mc = this.mc as MembraneCoefficients;
    const partial = this.partial;
    const span = cycles * CYCLE_US;
    for (let n = 0; n < neuronCount; n++) {
      const tauMem = p.tauMemUs[n] as number;
      const at = (cycles * neuronCount + n) * 4;
      partial[at] = Math.exp(-span * (mc.leakRate[n] as number));
      partial[at + 1] = leakIntegralUs(tauMem, span);
      partial[at + 2] = synapticKernelUs(tauMem, p.tauSynExcUs[n] as number, span);
      partial[at + 3] = synapticKernelUs(tauMem, p.tauSynInhUs[n] as number, span);
    }
    this.partialReady[cycles] = 1;
  }

  /** Times, resets and buffers the spikes of the step just computed. */
  private fire(count: number, t0: number, t1: number): void {
    const p = this.p as NeuronParameters;
    const s = this.state;
    const graph = this.graph as CompartmentGraph;
    const found = this.spikes;
    for (let i = 0; i < count; i++) {
      const n = this.candidates[i] as number;
      const refractory = s.refractoryEnd[n] as number;
      if (refractory > t1) continue;
      const end = (s.v[n] as number) + (this.noise.x[n] as number);
      const start = end - (this.stepDelta[n] as number);
      const theta = this.coef[n * STRIDE + K_THETA] as number;
      const fraction = start >= theta ? 0 : (theta - start) / (end - start);
      let cycle = t0 + Math.max(1, Math.round(fraction * this.dtCycles));
      if (cycle < refractory) cycle = refractory;
      found.add(n, cycle);
    }
    found.finish(graph, t0);
    for (let i = 0; i < found.size; i++) {
      const n = found.neuron(i);
      const cycle = found.cycle(i);
      this.preSpike[n] = (s.v[n] as number) + (this.noise.x[n] as number) - (this.stepDelta[n] as number);
      startRefractory(s, p, n, cycle);
      this.spikeCycle[n] = cycle;
      const holdEnd = s.resetEnd[n] as number;
      if (holdEnd < t1 && this.mode[n] === MODE_FAST) {
        s.v[n] = this.integrate(n, s.v[n] as number, s.iExcNa[n] as number, s.iInhNa[n] as number, s.wNa[n] as number, t1 - holdEnd);
      }
    }
  }
}
