import type { AtomicNeuronOnDLS } from '@bss2/coords';
import type { AdExModelParameters, LiModelParameters, LifModelParameters, NeuronHardwareParameters } from '../modules/neuron-parameters.js';

/** Spikes or traces of one population, time-major `[steps, batch, size]` (libs/datasets' `DenseSpikes` fits). */
export interface TimeMajorArray {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

interface PopulationCommon {
  /** Registration index in the experiment (hxtorch's population descriptor). */
  readonly id: number;
  readonly name: string;
  readonly size: number;
  /** Where the neurons must go (hxtorch's `placement_constraint`, e.g. the Yin-Yang readout on row 1, columns 0..2). */
  readonly placement: readonly AtomicNeuronOnDLS[] | null;
}

export interface InputPopulationDescription extends PopulationCommon {
  readonly kind: 'input';
}

interface NeuronPopulationCommon extends PopulationCommon {
  readonly hardware: NeuronHardwareParameters;
  readonly recordSpikes: boolean;
  /** CADC membrane recording (hxtorch's `enable_cadc_recording`). */
  readonly recordMembrane: boolean;
  /** Neuron circuits per neuron: 2 = the top and bottom circuit of one column, joined (§2.4). */
  readonly circuits: 1 | 2;
}

export interface LifPopulationDescription extends NeuronPopulationCommon {
  readonly kind: 'lif';
  readonly model: LifModelParameters;
}

export interface LiPopulationDescription extends NeuronPopulationCommon {
  readonly kind: 'li';
  readonly model: LiModelParameters;
}

export interface AdExPopulationDescription extends NeuronPopulationCommon {
  readonly kind: 'adex';
  readonly model: AdExModelParameters;
}

/** A population of neuron circuits (every kind but the input). */
export type NeuronPopulationDescription = LifPopulationDescription | LiPopulationDescription | AdExPopulationDescription;

export type PopulationDescription = InputPopulationDescription | NeuronPopulationDescription;

/**
 * One `Synapse` module: signed integer weights in hardware units, row-major `[post, pre]`. A hardware backend
 * splits them into an excitatory and an inhibitory projection (two synapse rows, reference §6.5).
 */
export interface ProjectionDescription {
  readonly id: number;
  readonly name: string;
  /** Population ids. */
  readonly pre: number;
  readonly post: number;
  /** −63..63, `toHardwareWeights(weight, weightScale)`. */
  readonly weightsHardware: Int8Array;
  readonly weightScale: number;
  /** False when the weights equal those of the previous run, so a backend can skip rewriting them (hxtorch's `changed_since_last_run`). */
  readonly changedSinceLastRun: boolean;
}

/** The network of one `run`: populations in call order (inputs first), projections in call order. */
export interface NetworkDescription {
  readonly populations: readonly PopulationDescription[];
  readonly projections: readonly ProjectionDescription[];
}

/** Everything a backend needs to execute one batch. */
export interface ExecutionRequest {
  readonly network: NetworkDescription;
  /** Input population id → its spikes `[steps, batch, size]`, 0/1 on the dt grid. */
  readonly inputSpikes: ReadonlyMap<number, TimeMajorArray>;
  readonly steps: number;
  readonly batch: number;
  readonly dtUs: number;
}

/**
 * What the chip reports for one population, on the request's grid `[steps, batch, size]`: spikes binned onto dt,
 * and the CADC membrane interpolated onto dt in raw CADC LSB (reference §6.4). The snn layer maps the trace to
 * model units with the module's `(trace − offset) · scale`. A LIF/AdEx population must report spikes; a
 * population with membrane recording must report its membrane.
 */
export interface PopulationObservation {
  readonly spikes?: Float32Array;
  readonly membraneCadc?: Float32Array;
  /** The same spikes at the time the chip's event timestamps give (before binning), where the backend has them. */
  readonly spikeTimes?: SpikeTimes;
}

/**
 * Spikes in continuous time, per batch sample sorted by time (ties by neuron): sample b owns entries
 * `offsets[b] .. offsets[b + 1] − 1`; `timesUs` counts from the sample's step 0 (the time its step-0 inputs
 * arrive), `indices` is the neuron within the population. On the twin the resolution is one FPGA cycle (8 ns).
 */
export interface SpikeTimes {
  readonly offsets: Int32Array;
  readonly timesUs: Float64Array;
  readonly indices: Int32Array;
}

/**
 * A place to execute networks: the twin (in process or over a `Connection`) or the real chip. The forward values
 * of a `run` are what it returns; the gradient is the software model's evaluated on them (hxtorch's
 * hardware-in-the-loop gradient, §6.4).
 */
export interface SnnBackend {
  readonly name: string;
  /** Observations of every non-input population of the request, keyed by population id. */
  execute(request: ExecutionRequest): Promise<ReadonlyMap<number, PopulationObservation>>;
}
