import { ClusterModel } from './cluster-model.js';
import type { CompartmentGraph } from './compartments.js';
import { effectiveThreshold, startRefractory, type Engine } from './engine.js';
import { CYCLE_US, leakIntegralUs, synapticKernelUs } from './lif-closed-form.js';
import { clampVolts, V_MAX, V_MIN, type MembraneCoefficients } from './membrane-current.js';
import { MembraneNoise, NOISE_SIGMA_VOLTS } from './membrane-noise.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import { NeuronKernel, type KernelCoefficient } from './neuron-kernel.js';
import { NeuronState, type FiredList } from './neuron-state.js';
import { ShortedMembranes } from './shorted-membranes.js';
import { SpikeBuffer } from './spike-buffer.js';
import type { SynapticInput, SynapticStorage } from './synaptic-input.js';
import type { WindowEvents } from './window-events.js';

// The `analog` fidelity (analog spec): fixed steps of dtCycles (default 12 cycles = 96 ns). Per step and neuron
//   I_exc, I_inh   exact decay
//   v              exponential Euler: the leak, the offset and the CUBA synaptic currents are integrated exactly
//                  (lif-closed-form.ts kernels); the COBA factor is taken at the step start, the adaptation
//                  current as its step mean, the exponential term as the mean of its start and predicted end
//                  values (Heun)
//   w              exact relaxation towards a·(v − v_adapt_ref) with v held
//   noise          OU term on the observed membrane (membrane-noise.ts)
// The common case — a single-compartment neuron outside its reset hold — runs in the WebAssembly SIMD kernel
// (neuron-kernel.ts, assembly/neuron-step.ts) in float32, and so do reset holds covering a whole step and
// force-reset neurons (hold lanes), and every member of shorted membranes (one compartment of several circuits,
// merged after the kernel step: shorted-membranes.ts); paused neurons, holds ending inside a step and compartment
// clusters with conductances take the JavaScript paths below, in float64 on the same arrays.
// Events arriving inside a step are applied with their exact decay to the step end, including the membrane
// charge they deliver in the rest of the step (exact for CUBA; see `membraneResponse` for COBA/compartments).
// A threshold crossing inside a step is timed by linear interpolation of the observed potential, rounded to
// the cycle; the reset then holds v_reset for the reset duration and the rest of the step is integrated from
// there. Compartment clusters use the exact conductance-network propagator (cluster-model.ts). Stable for every
// time constant: all linear parts are exact exponentials.
// The engine computes a step as soon as the facade's time enters it (twin choice); its spikes are buffered and
// handed out one cycle at a time, and register changes (configure) and NeuronReset act on the state at the
// step's end, i.e. up to dtCycles − 1 cycles late.
// Idle leaps: a long stretch without events in which every neuron is linear (no adaptation, no exponential
// term, no live COBA input, no conductance-coupled compartments, no reset hold) and stays clear of its threshold is crossed in
// one exact transition per neuron — the closed-form LIF solution (lif-closed-form.ts; shorted membranes as one
// LIF neuron per compartment) and one exact OU draw —
// instead of step by step. "Clear" means the deterministic trajectory's upper bound (the larger of the start
// and the resting potential, plus the most the pending excitatory charge can add) stays 8 σ of the membrane
// noise below the threshold and the exponential term's onset: the stepped model would cross there with a
// probability below 1e-12 over a 20 ms CapMem settling wait (twin choice). Calibration spends nearly all of
// its hardware time in such waits (docs/benchmarks.md, bench:calib).

const neuronCount = 512;
const MODE_FAST = 0;
const MODE_SLOW = 1;
const MODE_CLUSTER = 2;
/** Held at v_reset by forceReset: a kernel hold lane for as long as the flag is set (currents, w and noise go on). */
const MODE_FORCED = 3;
/** A leap spans at least this many steps; after a neuron fails the check, the next check waits as long. */
const LEAP_MIN_STEPS = 32;
/** How far below its threshold (and exponential onset) a leaping neuron's potential bound must stay. */
const LEAP_MARGIN_VOLTS = 8 * NOISE_SIGMA_VOLTS;
/** Pending input smaller than this (V of membrane charge) counts as none for COBA and the rails. */
const NEGLIGIBLE_VOLTS = 1e-6;

// Per-neuron step coefficients (V, nA, µs), the kernel's arrays (neuron-kernel.ts):
//   v1 = v − v·leak + c0 + expScale·e^{(v_obs − vExp)/ΔT} − ka2w·(w + w1)/2 + I_exc·(hbe − hge·v_obs) − I_inh·(hbi − hgi·v_obs)
//   I_exc ·= ee, I_inh ·= ei, w1 = w·ew + wa·v_obs − wb, x = x·noiseDecay + noiseKick·z
// with v_obs = v + x; the exponential term only above expFrom (expScale = ka2·I_exp scale); fire when
// v1 + x ≥ theta.

export class AnalogEngine implements Engine {
  readonly state: NeuronState;
  readonly noise: MembraneNoise;
  /** End of the last computed step (the state's time). */
  time = 0;
  private readonly dtUs: number;
  private p: NeuronParameters | undefined;
  private mc: MembraneCoefficients | undefined;
  private graph: CompartmentGraph | undefined;
  private readonly kernel: NeuronKernel;
  private readonly coef: Readonly<Record<KernelCoefficient, Float32Array>>;
  private readonly spikes = new SpikeBuffer();
  private clusters: ClusterModel[] = [];
  /** One-compartment clusters: kernel lanes merged after every step. */
  private shorted: ShortedMembranes | undefined;
  /** The leak each neuron is stepped with: its own, or its shorted compartment's (ShortedMembranes.effectiveLeak). */
  private readonly leakRate = new Float64Array(neuronCount);
  private readonly leakDrive = new Float64Array(neuronCount);
  private readonly tauMemUs = new Float64Array(neuronCount);
  /**
   * Change of the observed potential (v + noise) over the last step from the dynamics alone. Readouts inside the
   * step interpolate backwards from the present value with it, so charge that arrived after the step was computed
   * (events, NeuronReset) shows in full.
   */
  private readonly stepDelta: Float32Array;
  /** Observed potential at the start of the step in which the neuron last fired (readout before the spike). */
  private readonly preSpike = new Float64Array(neuronCount);
  /** Cluster members' potentials at the step start (ClusterModel output). */
  private readonly clusterStart = new Float64Array(neuronCount);
  /** Cycle of each neuron's last spike (readout interpolation). */
  private readonly spikeCycle = new Float64Array(neuronCount).fill(-Infinity);
  private readonly mode = new Uint8Array(neuronCount);
  private kernelNeurons = 0;
  /** Paused neurons: the JavaScript steps (`slowStep`). */
  private readonly slow = new Int32Array(neuronCount);
  private slowCount = 0;
  /**
   * Single-compartment neurons whose reset hold covers the next step (kernel hold lanes), in the order of their
   * hold ends: a step looks only at the front, where holds end (updateHolds), not at every held neuron.
   */
  private readonly held = new Int32Array(neuronCount);
  private heldCount = 0;
  /** 1 for the neurons in `held`. */
  private readonly holding = new Uint8Array(neuronCount);
  /** Neurons whose hold ends inside the present step: off the kernel for it, stepped by `slowStep`. */
  private readonly ending = new Int32Array(neuronCount);
  private endingCount = 0;
  /**
   * `integrate` coefficients for partial steps of 0..dtCycles cycles (after a reset hold ends inside a step),
   * index (cycles·512 + n)·4 + {em, a2, h_exc, h_inh}: the same values `integrate` would compute, without the
   * per-call exponentials.
   */
  private partial = new Float64Array(0);
  /** 1 where the `partial` row of that many cycles is computed for the present parameters (filled on demand). */
  private partialReady = new Uint8Array(0);
  /** No idle-leap check before this cycle (the last check failed). */
  private leapCheckAt = 0;
  /** The neurons this engine steps, first ≤ n < end: all, or one thread's share of a split window (`restrict`). */
  private first = 0;
  private end = neuronCount;
  private independent = false;
  /** The columns of a row event that belong to this engine's range (runWindow). */
  private readonly ownColumns = new Uint8Array(256);
  /** Counts `prepare` calls: a replica of this engine (hemisphere-thread.ts) re-prepares when it changes. */
  revision = 0;

  constructor(
    readonly dtCycles: number,
    noise: { readonly enabled: boolean; readonly identity: string; readonly seed: number },
    /** Idle leaps (header); off: every stretch is stepped (for validation). */
    private readonly leaps = true,
  ) {
    this.dtUs = dtCycles * CYCLE_US;
    const k = new NeuronKernel(dtCycles);
    this.kernel = k;
    this.state = new NeuronState(k);
    this.noise = new MembraneNoise(noise.enabled, noise.identity, noise.seed, { x: k.x, rng: k.rng, decay: k.coefficients.noiseDecay, kick: k.coefficients.noiseKick });
    this.coef = k.coefficients;
    this.stepDelta = k.stepDelta;
  }

  prepare(p: NeuronParameters, mc: MembraneCoefficients, graph: CompartmentGraph, input: SynapticInput): void {
    this.p = p;
    this.mc = mc;
    this.graph = graph;
    const dt = this.dtUs;
    this.noise.prepare(p, this.dtCycles);
    const c = this.coef;
    const shorted = new ShortedMembranes(graph, p);
    this.shorted = shorted.count > 0 ? shorted : undefined;
    shorted.effectiveLeak(p, mc, this.leakRate, this.leakDrive, this.tauMemUs);
    for (let n = 0; n < neuronCount; n++) {
      const flags = p.flags[n] as number;
      const tauMem = this.tauMemUs[n] as number;
      const k = mc.kPerNa[n] as number;
      const a2 = leakIntegralUs(tauMem, dt);
      const he = k * (mc.gateExc[n] as number) * synapticKernelUs(tauMem, p.tauSynExcUs[n] as number, dt);
      const hi = k * (mc.gateInh[n] as number) * synapticKernelUs(tauMem, p.tauSynInhUs[n] as number, dt);
      const adapt = (flags & NeuronFlag.adapt) !== 0;
      const ew = adapt ? Math.exp(-dt / (p.tauAdaptUs[n] as number)) : 1;
      const wa = adapt ? (p.adaptANs[n] as number) * (1 - ew) : 0;
      c.leak[n] = -Math.expm1(-dt * (this.leakRate[n] as number));
      c.c0[n] = ((this.leakDrive[n] as number) + k * (p.offsetCurrentNa[n] as number)) * a2;
      c.ka2w[n] = k * a2 * (mc.gateAdapt[n] as number);
      c.hbe[n] = he * (mc.betaExc[n] as number);
      c.hge[n] = he * (mc.gammaExc[n] as number);
      c.hbi[n] = hi * (mc.betaInh[n] as number);
      c.hgi[n] = hi * (mc.gammaInh[n] as number);
      c.ee[n] = Math.exp(-dt / (p.tauSynExcUs[n] as number));
      c.ei[n] = Math.exp(-dt / (p.tauSynInhUs[n] as number));
      c.ew[n] = ew;
      c.wa[n] = wa;
      c.wb[n] = wa * (p.vAdaptRefVolts[n] as number);
      c.theta[n] = effectiveThreshold(p, n);
      c.expFrom[n] = mc.expFrom[n] as number;
      c.vExp[n] = p.vExpVolts[n] as number;
      c.expScale[n] = k * a2 * (p.expScaleNa[n] as number);
      c.vReset[n] = p.vResetVolts[n] as number;
      this.mode[n] =
        (graph.clusterOf[n] as number) >= 0 && shorted.isMember[n] === 0 ? MODE_CLUSTER : flags & NeuronFlag.pause ? MODE_SLOW : flags & NeuronFlag.forceReset ? MODE_FORCED : MODE_FAST;
    }
    this.kernel.packCoefficients();
    this.kernelNeurons = 0;
    for (let n = 0; n < neuronCount; n++) if (this.mode[n] === MODE_FAST || this.mode[n] === MODE_FORCED) this.kernelNeurons++;
    this.assignPaths();
    this.revision++;
    let adapting = false;
    for (let n = 0; n < neuronCount && !adapting; n++) adapting = c.ka2w[n] !== 0 || c.wa[n] !== 0;
    // `idle()` fails for good with any of these, so no leap can make the state depend on the advance targets.
    const clusters = graph.clusters.filter((cluster) => shorted.isMember[cluster.neurons[0] as number] === 0);
    const leapFree = !this.leaps || adapting || this.slowCount > 0 || clusters.length > 0;
    this.independent = leapFree && graph.clusters.length === 0 && graph.fireGroups.length === 0;
    const parts = this.dtCycles + 1;
    if (this.partial.length !== parts * neuronCount * 4) {
      this.partial = new Float64Array(parts * neuronCount * 4);
      this.partialReady = new Uint8Array(parts);
    }
    this.partialReady.fill(0);
    // A fresh literal when empty: arrays of one shape keep the step loop monomorphic.
    this.clusters = clusters.length === 0 ? [] : clusters.map((cluster) => new ClusterModel(cluster, p, mc, this.state));
    input.buildTables(p, {
      maxAgeCycles: this.dtCycles,
      currentDecay: (n, inh, age) => Math.exp((-age * CYCLE_US) / ((inh ? p.tauSynInhUs[n] : p.tauSynExcUs[n]) as number)),
      // The charge an event delivers in the rest of the step it arrived in: exact for CUBA single compartments
      // (COBA: taken at the COBA factor of rest, 1); for a compartment member without the leak, onto its own
      // slot (the cluster step merges the slots charge-weighted); nothing for a paused or force-reset membrane.
      membraneResponse: (n, inh, age) => {
        const gain = (mc.kPerNa[n] as number) * ((inh ? mc.gateInh[n] : mc.gateExc[n]) as number);
        const tauSyn = (inh ? p.tauSynInhUs[n] : p.tauSynExcUs[n]) as number;
        if (this.mode[n] === MODE_FAST) return gain * synapticKernelUs(this.tauMemUs[n] as number, tauSyn, age * CYCLE_US);
        if (this.mode[n] === MODE_CLUSTER) return gain * synapticKernelUs(Infinity, tauSyn, age * CYCLE_US);
        return 0;
      },
    });
  }

  /** Synaptic input data in the kernel's memory, and its delivery loop (SynapticInput storage). */
  get synapticStorage(): SynapticStorage {
    const k = this.kernel;
    return {
      weightGain: k.weightGain,
      tables: k.tables,
      deliverRow: (synram, row, cols, count, age, inhibitory, scale) => k.deliver(synram, row, cols, count, age, inhibitory, scale, V_MIN, V_MAX),
      deliverColumns: (synram, row, firstColumn, endColumn, age, inhibitory, scale) => k.deliverRange(synram, row, firstColumn, endColumn, age, inhibitory, scale, V_MIN, V_MAX),
    };
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
      const steps = Math.floor((target - this.time) / this.dtCycles);
      if (this.leaps && steps >= LEAP_MIN_STEPS && this.time >= this.leapCheckAt && this.leap(steps)) continue;
      this.step();
    }
  }

  /** Crosses `steps` steps in one exact transition if every neuron is idle (see the header); false otherwise. */
  private leap(steps: number): boolean {
    if (!this.idle()) {
      this.leapCheckAt = this.time + LEAP_MIN_STEPS * this.dtCycles;
      return false;
    }
    const p = this.p as NeuronParameters;
    const s = this.state;
    const cycles = steps * this.dtCycles;
    const spanUs = cycles * CYCLE_US;
    for (let n = 0; n < neuronCount; n++) {
      const iExc = s.iExcNa[n] as number;
      const iInh = s.iInhNa[n] as number;
      s.v[n] = this.mode[n] === MODE_FORCED ? (p.vResetVolts[n] as number) : this.integrate(n, s.v[n] as number, iExc, iInh, s.wNa[n] as number, cycles);
      s.iExcNa[n] = iExc * Math.exp(-spanUs / (p.tauSynExcUs[n] as number));
      s.iInhNa[n] = iInh * Math.exp(-spanUs / (p.tauSynInhUs[n] as number));
      this.noise.leap(n, spanUs);
      this.stepDelta[n] = 0;
    }
    this.time += cycles;
    if (this.shorted !== undefined) {
      this.shorted.mergeAll(s.v, this.stepDelta, s.resetEnd, p.vResetVolts, this.time);
      this.stepDelta.fill(0);
    }
    return true;
  }

  /** Whether every neuron may leap: linear, single-compartment, outside holds, clear of threshold and rails. */
  private idle(): boolean {
    if (this.heldCount + this.endingCount + this.slowCount > 0 || this.clusters.length > 0) return false;
    const p = this.p as NeuronParameters;
    const mc = this.mc as MembraneCoefficients;
    const s = this.state;
    const c = this.coef;
    const x = this.noise.x;
    const shorted = this.shorted;
    if (shorted !== undefined && !shorted.idle({ v: s.v, x, iExcNa: s.iExcNa, iInhNa: s.iInhNa, rate: this.leakRate, drive: this.leakDrive }, c, p, mc, LEAP_MARGIN_VOLTS)) return false;
    for (let n = 0; n < neuronCount; n++) {
      if (c.ka2w[n] !== 0 || c.wa[n] !== 0) return false;
      if (this.mode[n] === MODE_FORCED || (shorted !== undefined && shorted.isMember[n] === 1)) continue;
      // The most the pending currents can move the membrane: the sum of their per-step charges.
      const iExc = s.iExcNa[n] as number;
      const iInh = s.iInhNa[n] as number;
      const up = iExc === 0 ? 0 : Math.abs(((c.hbe[n] as number) * iExc) / (1 - (c.ee[n] as number)));
      const down = iInh === 0 ? 0 : Math.abs(((c.hbi[n] as number) * iInh) / (1 - (c.ei[n] as number)));
      const coba = (c.hge[n] !== 0 && up > NEGLIGIBLE_VOLTS) || (c.hgi[n] !== 0 && down > NEGLIGIBLE_VOLTS);
      if (coba || !(up + down < Infinity)) return false;
      const v = s.v[n] as number;
      const rate = this.leakRate[n] as number;
      const drive = (this.leakDrive[n] as number) + (mc.kPerNa[n] as number) * (p.offsetCurrentNa[n] as number);
      // Without a leak the membrane drifts by its offset current: idle only when there is none.
      const rest = rate > 0 ? drive / rate : drive === 0 ? v : NaN;
      const high = Math.max(v, rest) + up;
      const low = Math.min(v, rest) - down;
      if (!(high <= V_MAX && low >= V_MIN) && !(up + down < NEGLIGIBLE_VOLTS && rest === rest)) return false;
      const observed = high + Math.max(x[n] as number, 0) + LEAP_MARGIN_VOLTS;
      if (!(observed < (c.theta[n] as number) && observed < (mc.expFrom[n] as number))) return false;
    }
    return true;
  }

  /**
   * Whether ranges of neurons may be stepped apart (hemisphere-thread.ts): no neuron is coupled to another
   * (no compartment cluster, no fire group) and no idle leap can happen, so the state at any time does not depend
   * on how the stretch up to it was cut into `advance` calls.
   */
  get splittable(): boolean {
    return this.independent;
  }

  /** How many neurons the kernel steps (not paused, not in a compartment cluster): the work per step. */
  get kernelNeuronCount(): number {
    return this.kernelNeurons;
  }

  /** Whether every spike of the steps computed so far has been handed out. */
  get spikesHandedOut(): boolean {
    return this.spikes.isEmpty;
  }

  /**
   * Steps only the neurons first ≤ n < end from now on (multiples of 4; the rest is stepped elsewhere, or not at
   * all) — `restrict(0, 512)` is the normal state. The hold and slow lists are rebuilt from the state for that range.
   */
  restrict(first: number, end: number): void {
    this.first = first;
    this.end = end;
    this.assignPaths();
  }

  /**
   * Runs this engine's neurons (`restrict`) through the events from index `from` up to cycle `until` — in time
   * order, none before the state time; of each, only the columns of its neurons (none of another range's synram)
   * — and on to `until`: the same
   * steps and deliveries AnalogCore.advanceTo makes with these events queued. Every spike is appended to `spikes`
   * in (cycle, neuron) order; none is handed out through `advance`. Returns the index of the first event after
   * `until`, where the next window of a batch starts. Only for a `splittable` engine whose spikes are all handed out.
   */
  runWindow(events: WindowEvents, from: number, until: number, input: SynapticInput, spikes: { readonly neurons: number[]; readonly cycles: number[] }): number {
    let i = from;
    for (; i < events.count && (events.cycle[i] as number) <= until; i++) {
      const synram = events.synram[i] as number;
      const first = synram * 256;
      // A synram that drives none of this range's neurons.
      if (first >= this.end || first + 256 <= this.first) continue;
      const cycle = events.cycle[i] as number;
      while (this.time < cycle) this.stepAndDrain(spikes);
      const row = events.row[i] as number;
      const rowMode = events.rowMode[i] as number;
      const activation = events.activation[i] as number;
      if ((events.columnStart[i] as number) < 0) {
        // All 256 columns (every synapse acts on its own neuron): those of this range, a multiple of 4 wide.
        input.deliverRange(this.state, synram, row, Math.max(first, this.first) - first, Math.min(first + 256, this.end) - first, rowMode, activation, this.time - cycle);
        continue;
      }
      let columns = events.columnsOf(i);
      let count = events.columnCount[i] as number;
      if (first < this.first || first + 256 > this.end) {
        // The synram is shared with the other thread: only this range's columns.
        const own = this.ownColumns;
        let kept = 0;
        for (let c = 0; c < count; c++) {
          const n = first + (columns[c] as number);
          if (n >= this.first && n < this.end) own[kept++] = columns[c] as number;
        }
        columns = own;
        count = kept;
      }
      input.deliver(this.state, synram, row, columns, count, rowMode, activation, this.time - cycle);
    }
    while (this.time < until) this.stepAndDrain(spikes);
    return i;
  }

  private stepAndDrain(spikes: { readonly neurons: number[]; readonly cycles: number[] }): void {
    this.step();
    this.spikes.drain(spikes.neurons, spikes.cycles);
  }

  /** Copies the dynamic state of neurons first ≤ n < end (and the engine time) into `into`. */
  saveRange(first: number, end: number, into: EngineRangeState): void {
    const s = this.state;
    const k = this.kernel;
    into.time = this.time;
    into.v.set(k.v.subarray(first, end));
    into.x.set(k.x.subarray(first, end));
    into.iExcNa.set(k.iExcNa.subarray(first, end));
    into.iInhNa.set(k.iInhNa.subarray(first, end));
    into.wNa.set(k.wNa.subarray(first, end));
    into.stepDelta.set(k.stepDelta.subarray(first, end));
    into.rng.set(k.rng.subarray(first, end));
    into.resetEnd.set(s.resetEnd.subarray(first, end));
    into.refractoryEnd.set(s.refractoryEnd.subarray(first, end));
    into.lastBypass.set(s.lastBypass.subarray(first, end));
    into.spikeCycle.set(this.spikeCycle.subarray(first, end));
    into.preSpike.set(this.preSpike.subarray(first, end));
  }

  /** Takes the dynamic state of neurons first ≤ n < end (and the engine time) from `from` (saveRange). */
  loadRange(first: number, from: EngineRangeState): void {
    const s = this.state;
    const k = this.kernel;
    this.time = from.time;
    k.v.set(from.v, first);
    k.x.set(from.x, first);
    k.iExcNa.set(from.iExcNa, first);
    k.iInhNa.set(from.iInhNa, first);
    k.wNa.set(from.wNa, first);
    k.stepDelta.set(from.stepDelta, first);
    k.rng.set(from.rng, first);
    s.resetEnd.set(from.resetEnd, first);
    s.refractoryEnd.set(from.refractoryEnd, first);
    s.lastBypass.set(from.lastBypass, first);
    this.spikeCycle.set(from.spikeCycle, first);
    this.preSpike.set(from.preSpike, first);
  }

  /** Sorts the neurons onto the kernel, the slow list and the hold list for the present modes and holds. */
  private assignPaths(): void {
    const { active, hold } = this.kernel;
    const { resetEnd } = this.state;
    const { first, end } = this;
    this.slowCount = 0;
    this.heldCount = 0;
    this.endingCount = 0;
    hold.fill(0, first, end);
    this.holding.fill(0, first, end);
    for (let n = first; n < end; n++) {
      const m = this.mode[n] as number;
      active[n] = m === MODE_FAST || m === MODE_FORCED ? -1 : 0;
      if (m === MODE_FORCED) hold[n] = -1;
      if (m === MODE_SLOW) this.slow[this.slowCount++] = n;
      else if (m === MODE_FAST && (resetEnd[n] as number) > this.time) this.startHold(n);
    }
  }

  /**
   * Puts neuron n (single-compartment, its hold ending after the state time) on a kernel hold lane until the step
   * its hold ends in (`updateHolds`), at its place in `held` (hold ends mostly arrive in order: no shifting).
   */
  private startHold(n: number): void {
    const { resetEnd } = this.state;
    const held = this.held;
    const end = resetEnd[n] as number;
    let i = this.heldCount++;
    for (; i > 0 && (resetEnd[held[i - 1] as number] as number) > end; i--) held[i] = held[i - 1] as number;
    held[i] = n;
    this.holding[n] = 1;
    this.kernel.hold[n] = -1;
  }

  /** Takes neuron n out of `held` (it fired again: its hold end moved) and off its hold lane. */
  private endHold(n: number): void {
    const held = this.held;
    let i = 0;
    while (held[i] !== n) i++;
    held.copyWithin(i, i + 1, this.heldCount--);
    this.holding[n] = 0;
    this.kernel.hold[n] = 0;
  }

  /**
   * Places the neurons in their reset hold for the step t0..t1: a hold covering the whole step stays on its
   * kernel hold lane, one ending inside the step moves to `ending` (`slowStep`), one ending at t0 leaves; the last
   * step's `ending` neurons go back on the kernel. The same lanes as checking every held neuron at every step.
   */
  private updateHolds(t0: number, t1: number): void {
    const { resetEnd } = this.state;
    const { active, hold } = this.kernel;
    const { held, ending } = this;
    for (let i = 0; i < this.endingCount; i++) active[ending[i] as number] = -1;
    this.endingCount = 0;
    let done = 0;
    for (; done < this.heldCount; done++) {
      const n = held[done] as number;
      const end = resetEnd[n] as number;
      if (end >= t1) break;
      this.holding[n] = 0;
      hold[n] = 0;
      if (end > t0) {
        active[n] = 0;
        ending[this.endingCount++] = n;
      }
    }
    if (done > 0) {
      held.copyWithin(0, done, this.heldCount);
      this.heldCount -= done;
    }
  }

  /** Paused neurons and holds ending inside the step (the kernel's inactive lanes). */
  private stepSlowNeurons(t0: number, t1: number): void {
    for (let i = 0; i < this.slowCount; i++) this.slowStep(this.slow[i] as number, t0, t1);
    for (let i = 0; i < this.endingCount; i++) this.slowStep(this.ending[i] as number, t0, t1);
  }

  /** One step from `time` to `time + dtCycles`. */
  private step(): void {
    const t0 = this.time;
    const t1 = t0 + this.dtCycles;
    const { v } = this.state;
    const { stepDelta, noise } = this;
    const { candidates } = this.kernel;
    const theta = this.coef.theta;
    const x = noise.x;
    if (this.heldCount + this.endingCount > 0) this.updateHolds(t0, t1);
    let candidateCount = this.kernel.step(V_MIN, V_MAX, this.first, this.end);
    if (this.slowCount + this.endingCount > 0) this.stepSlowNeurons(t0, t1);
    if (this.shorted !== undefined) {
      const { resetEnd } = this.state;
      candidateCount = this.shorted.merge({ v, x, stepDelta, resetEnd, theta, candidates }, (this.p as NeuronParameters).vResetVolts, candidateCount, t0, t1);
    }
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
        if (end >= (theta[n] as number)) candidates[candidateCount++] = n;
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
    const c = this.coef;
    s.iExcNa[n] = iExc * (c.ee[n] as number);
    s.iInhNa[n] = iInh * (c.ei[n] as number);
    // Adaptation keeps relaxing towards a·(v − v_adapt_ref) while the membrane is held.
    s.wNa[n] = (s.wNa[n] as number) * (c.ew[n] as number) + (c.wa[n] as number) * start - (c.wb[n] as number);
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
    const drive = this.leakDrive[n] as number;
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
    const tauMem = this.tauMemUs[n] as number;
    const a2 = leakIntegralUs(tauMem, dt);
    const synaptic =
      (mc.gateExc[n] as number) * iExc * ((mc.betaExc[n] as number) - (mc.gammaExc[n] as number) * v) * synapticKernelUs(tauMem, p.tauSynExcUs[n] as number, dt) -
      (mc.gateInh[n] as number) * iInh * ((mc.betaInh[n] as number) - (mc.gammaInh[n] as number) * v) * synapticKernelUs(tauMem, p.tauSynInhUs[n] as number, dt);
    return clampVolts(v * Math.exp(-dt * (this.leakRate[n] as number)) + (drive + k * explicit) * a2 + k * synaptic);
  }

  /** Computes the `partial` row for `cycles` (the exponentials `integrate` would evaluate per call). */
  private fillPartial(cycles: number): void {
    const p = this.p as NeuronParameters;
    const mc = this.mc as MembraneCoefficients;
    const partial = this.partial;
    const span = cycles * CYCLE_US;
    for (let n = 0; n < neuronCount; n++) {
      const tauMem = this.tauMemUs[n] as number;
      const at = (cycles * neuronCount + n) * 4;
      partial[at] = Math.exp(-span * (this.leakRate[n] as number));
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
      const n = this.kernel.candidates[i] as number;
      const refractory = s.refractoryEnd[n] as number;
      if (refractory > t1) continue;
      const end = (s.v[n] as number) + (this.noise.x[n] as number);
      const start = end - (this.stepDelta[n] as number);
      const theta = this.coef.theta[n] as number;
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
      if (this.mode[n] !== MODE_FAST) continue;
      // Listed still (a shorted member, fired by the merge): its hold end moved, so its place in `held` did.
      if (this.holding[n] === 1) this.endHold(n);
      if (holdEnd < t1) {
        s.v[n] = this.integrate(n, s.v[n] as number, s.iExcNa[n] as number, s.iInhNa[n] as number, s.wNa[n] as number, t1 - holdEnd);
      } else if (holdEnd > t1) {
        // The hold reaches into the next step.
        this.startHold(n);
      }
    }
    // Members that restarted inside the step did so each on its own: one compartment again.
    const shorted = this.shorted;
    if (shorted !== undefined) for (let i = 0; i < found.size; i++) shorted.mergeCompartmentOf(found.neuron(i), s.v, this.stepDelta, s.resetEnd, p.vResetVolts, t1);
  }
}

/** The dynamic state of a range of neurons (AnalogEngine.saveRange/loadRange), as sent between threads. */
export interface EngineRangeState {
  time: number;
  readonly v: Float32Array;
  readonly x: Float32Array;
  readonly iExcNa: Float32Array;
  readonly iInhNa: Float32Array;
  readonly wNa: Float32Array;
  readonly stepDelta: Float32Array;
  readonly rng: Uint32Array;
  readonly resetEnd: Float64Array;
  readonly refractoryEnd: Float64Array;
  readonly lastBypass: Uint8Array;
  readonly spikeCycle: Float64Array;
  readonly preSpike: Float64Array;
}

/** Storage for the state of `count` neurons. */
export function engineRangeState(count: number): EngineRangeState {
  const f32 = (): Float32Array => new Float32Array(count);
  const f64 = (): Float64Array => new Float64Array(count);
  return {
    time: 0,
    v: f32(),
    x: f32(),
    iExcNa: f32(),
    iInhNa: f32(),
    wNa: f32(),
    stepDelta: f32(),
    rng: new Uint32Array(count),
    resetEnd: f64(),
    refractoryEnd: f64(),
    lastBypass: new Uint8Array(count),
    spikeCycle: f64(),
    preSpike: f64(),
  };
}
