import type { CompartmentGraph } from './compartments.js';
import { V_MAX, type MembraneCoefficients } from './membrane-current.js';
import { NeuronFlag, type NeuronParameters } from './neuron-parameters.js';
import type { FiredList, NeuronState } from './neuron-state.js';
import type { SynapticInput } from './synaptic-input.js';

// What the facade needs from a fidelity's integrator, and the digital side of a spike that both share
// (reference §1.8): on fire the membrane goes to v_reset and is held there for the reset duration, the neuron
// cannot fire again before its refractory period ends, and with enAdaptPulse the adaptation current jumps by b.

export interface Engine {
  readonly state: NeuronState;
  /** The cycle the state belongs to (the analog engine's step end may lie ahead of the facade's `now`). */
  readonly time: number;
  /** Takes new parameters, structure and column switches; rebuilds the synaptic event tables. */
  prepare(p: NeuronParameters, mc: MembraneCoefficients, graph: CompartmentGraph, input: SynapticInput): void;
  /**
   * Simulates up to `target` (cycles). Stops early at the first cycle at which neurons fire: they are added to
   * `fired` (fire groups expanded, already reset) and that cycle is returned; otherwise returns `target`.
   */
  advance(target: number, fired: FiredList): number;
  /** How many cycles before the state time an event at `cycle` (≥ the facade's now) arrived. */
  eventAge(cycle: number): number;
  /** The membrane potential of neuron n as the readout sees it at `cycle` (noise included at analog). */
  membraneVolts(n: number, cycle: number): number;
  /** NeuronReset trigger: v := v_reset at `cycle`. */
  resetMembrane(n: number, cycle: number): void;
  /** Lazy engines: bring every entry of `state` to the engine time (before a readout reads the arrays). */
  sync?(): void;
  /** Lazy engines: a row event on `synram` is about to be applied to `state` at the engine time. */
  touch?(synram: number): void;
}

/** The refractory period lasts at least one cycle: a neuron fires at most once per cycle. */
function refractoryCycles(p: NeuronParameters, n: number): number {
  const cycles = p.refractoryCycles[n] as number;
  return cycles > 1 ? cycles : 1;
}

/** The digital consequences of a spike of neuron n at `cycle`: reset, hold, refractory, adaptation jump. */
export function startRefractory(state: NeuronState, p: NeuronParameters, n: number, cycle: number): void {
  state.v[n] = p.vResetVolts[n] as number;
  state.resetEnd[n] = cycle + (p.resetCycles[n] as number);
  state.refractoryEnd[n] = cycle + refractoryCycles(p, n);
  if ((p.flags[n] as number) & NeuronFlag.adaptPulse) state.wNa[n] = (state.wNa[n] as number) + (p.adaptBNa[n] as number);
}

/** Adds every fire-group partner of the neurons in `fired` (shared firing, §2.4). */
export function expandFireGroups(fired: FiredList, graph: CompartmentGraph): void {
  const initial = fired.count;
  for (let i = 0; i < initial; i++) {
    const group = graph.fireGroupOf[fired.neurons[i] as number] as number;
    if (group < 0) continue;
    for (const partner of graph.fireGroups[group] as Int32Array) fired.add(partner);
  }
}

/** Firing threshold as the engines compare it: +∞ for a neuron that cannot fire (no comparator/fire enable,
 *  paused, held by forceReset, or a threshold above the rail it can never reach). */
export function effectiveThreshold(p: NeuronParameters, n: number): number {
  const flags = p.flags[n] as number;
  const theta = p.vThresholdVolts[n] as number;
  const blocked = NeuronFlag.pause | NeuronFlag.forceReset;
  return flags & NeuronFlag.fire && !(flags & blocked) && theta <= V_MAX ? theta : Infinity;
}
