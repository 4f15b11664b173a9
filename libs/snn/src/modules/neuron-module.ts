import { Module, Tensor, add } from '@bss2/autograd';
import type { AtomicNeuronOnDLS } from '@bss2/coords';
import type { PopulationDescription, PopulationObservation } from '../backend/backend.js';
import type { Experiment } from '../experiment.js';
import { NeuronHandle, type SynapseHandle } from '../handles.js';
import { checkFinite, checkInteger, checkPositive, SnnError } from '../snn-error.js';
import { NEURON_HARDWARE_DEFAULTS, type NeuronHardwareParameters } from './neuron-parameters.js';

/** Options every neuron module shares (hxtorch's `Neuron` keyword arguments, §6.3). */
export interface NeuronModuleOptions {
  readonly name?: string;
  /** One neuron per population member (hxtorch's `placement_constraint`). */
  readonly placement?: readonly AtomicNeuronOnDLS[];
  /** Hardware halves of the parameters (§6.3 defaults). */
  readonly hardware?: Partial<NeuronHardwareParameters>;
  readonly enableSpikeRecording?: boolean;
  readonly enableCadcRecording?: boolean;
  /** Model units per CADC LSB: model membrane = (trace − offset) · scale (§6.4; the Yin-Yang example: 1/50). */
  readonly traceScale?: number;
  /** CADC LSB subtracted before scaling; `'first-sample'` uses each trace's first sample (hxtorch's `shift_cadc_to_first`). */
  readonly traceOffsetCadc?: number | 'first-sample';
  /**
   * Neuron circuits per logical neuron on a hardware backend: 2 joins the top and bottom circuit of one column
   * (reference §2.4 `connectBottom`, shared firing), so a neuron has both hemispheres' synapse rows (Cramer et al.
   * 2022's MNIST). The software model is unchanged; the mock backend ignores it. Default 1.
   */
  readonly circuits?: 1 | 2;
}

/** Observables in model units on the dt grid, ready for autograd's `observed` option. */
export interface ModelObservation {
  readonly spikes?: Tensor;
  readonly membrane?: Tensor;
}

export interface IntegrationResult {
  readonly spikes: Tensor | null;
  readonly membrane: Tensor;
}

/** The base of LIF, LI and AdEx: registration, the call that records the graph, and trace post-processing. */
export abstract class NeuronModule extends Module {
  abstract readonly kind: 'lif' | 'li' | 'adex';
  readonly id: number;
  readonly name: string;
  readonly placement: readonly AtomicNeuronOnDLS[] | null;
  readonly hardware: NeuronHardwareParameters;
  readonly recordSpikes: boolean;
  readonly recordMembrane: boolean;
  readonly traceScale: number;
  readonly traceOffsetCadc: number | 'first-sample';
  readonly circuits: 1 | 2;

  constructor(readonly size: number, readonly experiment: Experiment, options: NeuronModuleOptions, defaultName: string) {
    super();
    checkInteger(defaultName, 'size', size, 1);
    this.id = experiment.register(this);
    this.name = options.name ?? `${defaultName}${this.id}`;
    this.placement = options.placement ?? null;
    if (this.placement !== null && this.placement.length !== size) {
      throw new SnnError('shape-mismatch', `${this.name}: placement has ${this.placement.length} neurons for a population of ${size}`, 'placement', this.placement.length, `${size} neurons`);
    }
    this.hardware = { ...NEURON_HARDWARE_DEFAULTS, ...options.hardware };
    this.recordSpikes = options.enableSpikeRecording ?? true;
    this.recordMembrane = options.enableCadcRecording ?? true;
    this.traceScale = options.traceScale ?? 1;
    checkPositive(this.name, 'traceScale', this.traceScale);
    this.traceOffsetCadc = options.traceOffsetCadc ?? 0;
    if (this.traceOffsetCadc !== 'first-sample') checkFinite(this.name, 'traceOffsetCadc', this.traceOffsetCadc);
    this.circuits = options.circuits ?? 1;
    checkInteger(this.name, 'circuits', this.circuits, 1, 2);
  }

  /** Whether this population emits spikes (LI does not). */
  abstract get spiking(): boolean;

  /**
   * Records the call: the synaptic inputs (one handle or several, summed as hxtorch does) feed this population.
   * Returns the handle `run` fills.
   */
  forward(input: SynapseHandle | readonly SynapseHandle[]): NeuronHandle {
    const inputs = Array.isArray(input) ? (input as readonly SynapseHandle[]) : [input as SynapseHandle];
    if (inputs.length === 0) throw new SnnError('invalid-graph', `${this.name}: needs at least one synapse input`, 'input', 0, '≥ 1 SynapseHandle');
    const output = new NeuronHandle(this.id, this.name, this.spiking, true);
    this.experiment.record({ kind: 'neuron', module: this, inputs, output });
    return output;
  }

  /** @internal The software model over `current [steps, batch, size]`, taking `observed` values where given (§6.4). */
  abstract integrate(current: Tensor, observed: ModelObservation | null): IntegrationResult;

  /** @internal This population for a backend. */
  abstract describe(): PopulationDescription;

  /**
   * @internal A backend's raw observation → model units: spikes as they are, the CADC trace as
   * (trace − offset) · scale (hxtorch's `trace_offset` / `trace_scale` / `shift_cadc_to_first`, §6.4).
   */
  toModelObservation(raw: PopulationObservation | undefined, steps: number, batch: number): ModelObservation {
    const shape = [steps, batch, this.size];
    const expected = steps * batch * this.size;
    const need = (what: string, data: Float32Array | undefined): Float32Array => {
      if (data === undefined) throw new SnnError('backend', `${this.name}: the backend returned no ${what}`, what, undefined, `[${shape.join(', ')}] values`);
      if (data.length !== expected) throw new SnnError('backend', `${this.name}: the backend returned ${data.length} ${what} values for [${shape.join(', ')}]`, what, data.length, `${expected} values`);
      return data;
    };
    const spikes = this.spiking ? new Tensor(need('spikes', raw?.spikes), shape) : undefined;
    const membrane = this.recordMembrane ? new Tensor(this.mapTrace(need('membraneCadc', raw?.membraneCadc), steps, batch), shape) : undefined;
    if (!this.spiking && membrane === undefined) {
      throw new SnnError('invalid-graph', `${this.name}: a non-spiking population needs CADC recording with a hardware backend`, 'enableCadcRecording', false, 'true');
    }
    return { ...(spikes && { spikes }), ...(membrane && { membrane }) };
  }

  private mapTrace(trace: Float32Array, steps: number, batch: number): Float32Array {
    const perStep = batch * this.size;
    const out = new Float32Array(trace.length);
    for (let t = 0; t < steps; t++) {
      for (let j = 0; j < perStep; j++) {
        const offset = this.traceOffsetCadc === 'first-sample' ? trace[j]! : this.traceOffsetCadc;
        out[t * perStep + j] = (trace[t * perStep + j]! - offset) * this.traceScale;
      }
    }
    return out;
  }
}

/** The summed synaptic input of a population. */
export function sumCurrents(currents: readonly Tensor[]): Tensor {
  return currents.reduce((total, current) => add(total, current));
}
