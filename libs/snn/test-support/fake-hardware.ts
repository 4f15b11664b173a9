import { Rng } from '@bss2/autograd';
import {
  simulateDevice,
  type DevicePopulation,
  type ExecutionRequest,
  type PopulationObservation,
  type SnnBackend,
} from '../src/index.js';

/** How the fake chip differs from the software model, deterministically. */
export interface FakeHardwarePerturbation {
  /** Every synapse is this much weaker than w_hw / scale, times a per-synapse mismatch of ±`synapseMismatch`. */
  readonly synapseGain: number;
  readonly synapseMismatch: number;
  /** CADC = baseline + gain · v_model + ripple: the trace in raw LSB, as a chip reports it. */
  readonly cadcBaseline: number;
  readonly cadcPerModelUnit: number;
  /** Amplitude of a deterministic ripple on the trace, LSB. */
  readonly cadcRipple: number;
}

export const FAKE_HARDWARE_DEFAULT: FakeHardwarePerturbation = { synapseGain: 0.9, synapseMismatch: 0.05, cadcBaseline: 80, cadcPerModelUnit: 50, cadcRipple: 0.5 };

/**
 * A test-only hardware backend: libs/snn's mock device (the software model, step by step) run on the hardware
 * weights it is sent (w_hw / scale, so discretised and saturated), with weaker, mismatched synapses, and its
 * membrane reported in CADC LSB with a ripple. Enough to prove the hardware-in-the-loop plumbing: the forward is
 * what this "chip" reports, the gradient the software model's on it.
 */
export class FakeHardwareBackend implements SnnBackend {
  readonly name = 'fake-hardware';
  readonly requests: ExecutionRequest[] = [];
  lastObservations: ReadonlyMap<number, PopulationObservation> | null = null;

  constructor(readonly perturbation: FakeHardwarePerturbation = FAKE_HARDWARE_DEFAULT) {}

  async execute(request: ExecutionRequest): Promise<ReadonlyMap<number, PopulationObservation>> {
    this.requests.push(request);
    const { synapseGain, synapseMismatch, cadcBaseline, cadcPerModelUnit, cadcRipple } = this.perturbation;
    const populations: DevicePopulation[] = request.network.populations.map((population) => {
      if (population.kind === 'input') return { kind: 'input', id: population.id, size: population.size };
      const inputs = request.network.projections
        .filter((projection) => projection.post === population.id)
        .map((projection) => ({
          pre: projection.pre,
          weight: Float32Array.from(projection.weightsHardware, (w, k) => (w / projection.weightScale) * synapseGain * (1 + synapseMismatch * Math.sin(1.7 * k + projection.id))),
        }));
      return { ...population, inputs } as DevicePopulation;
    });
    const inputSpikes = new Map([...request.inputSpikes].map(([id, spikes]) => [id, spikes.data]));
    const traces = simulateDevice({
      populations, inputSpikes, steps: request.steps, batch: request.batch, dtUs: request.dtUs,
      effects: { membraneNoiseStd: 0, membraneBounds: null, rng: new Rng(0) },
    });
    const out = new Map<number, PopulationObservation>();
    for (const [id, { spikes, membrane }] of traces) {
      const perStep = membrane.length / request.steps;
      const membraneCadc = membrane.map((v, k) => cadcBaseline + cadcPerModelUnit * v + cadcRipple * Math.sin(0.7 * Math.floor(k / perStep) + (k % perStep)));
      out.set(id, { ...(spikes && { spikes }), membraneCadc });
    }
    this.lastObservations = out;
    return out;
  }
}
