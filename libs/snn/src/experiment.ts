import { Rng, type Tensor } from '@bss2/autograd';
import type { Connection } from '@bss2/playback';
import type { Chip } from '@bss2/regs';
import type { SnnBackend } from './backend/backend.js';
import { twinBackendFor } from './backend/twin-backend-choice.js';
import type { NeuronHandle, SynapseHandle } from './handles.js';
import { resolveMockImperfections, type MockImperfections, type ResolvedMockImperfections } from './mock/mock-imperfections.js';
import type { InputNeuron } from './modules/input-neuron.js';
import type { NeuronModule } from './modules/neuron-module.js';
import type { Synapse } from './modules/synapse.js';
import { checkInteger, checkPositive, SnnError } from './snn-error.js';

export interface ExperimentOptions {
  /**
   * `'mock'` simulates the network in software on the dt grid (hxtorch's `mock=True`); an `SnnBackend` executes
   * it (the twin, the chip) and injects its observables (§6.4). `'twin'` is an in-process `analog` twin and a
   * `Connection` any twin or chip, both run through `TwinBackend` (mapping, playback programs).
   */
  readonly backend?: 'mock' | 'twin' | SnnBackend | Connection;
  /**
   * For `'twin'` or a `Connection`: a calibration result as a Chip (libs/calib `calibrationChip`), or `'network'`
   * to calibrate the chip for the targets the network's modules ask for before the first run (hxtorch's
   * `ExecutionInstance.calibrate`, §6.6); default the backend's nominal CapMem settings.
   */
  readonly calibration?: Chip | 'network';
  /** Time step in µs of hardware time (hxtorch's dt = 1e-6 s → 1). */
  readonly dtUs?: number;
  /** Hardware effects added to the mock; ignored by other backends. */
  readonly mock?: MockImperfections;
  /** Seed of the default weight initialisation of the experiment's synapses (default 42, hxtorch's example seed). */
  readonly seed?: number;
}

/** One module call, recorded until `run` executes it (hxtorch records the graph the same way). */
export type GraphNode =
  | { readonly kind: 'input'; readonly module: InputNeuron; readonly spikes: Tensor; readonly output: NeuronHandle }
  | { readonly kind: 'synapse'; readonly module: Synapse; readonly input: NeuronHandle; readonly output: SynapseHandle }
  | { readonly kind: 'neuron'; readonly module: NeuronModule; readonly inputs: readonly SynapseHandle[]; readonly output: NeuronHandle };

type RegisteredModule = InputNeuron | NeuronModule | Synapse;

/**
 * hxtorch's `Experiment`: holds the modules registered to it, records their calls, and says where `run` executes
 * them. Modules register at construction; each module may be called once per run; `run` consumes the recorded
 * calls, so the next forward records afresh.
 */
export class Experiment {
  readonly backend: 'mock' | SnnBackend;
  readonly dtUs: number;
  readonly mock: ResolvedMockImperfections;
  readonly seed: number;
  /** @internal The mock's membrane-noise stream. */
  readonly noiseRng: Rng;
  private readonly modules: RegisteredModule[] = [];
  private graph: GraphNode[] = [];
  private readonly lastWeights = new Map<number, Int8Array>();

  constructor(options: ExperimentOptions = {}) {
    this.backend = twinBackendFor(options.backend ?? 'mock', options.calibration);
    this.dtUs = options.dtUs ?? 1;
    checkPositive('Experiment', 'dtUs', this.dtUs);
    this.mock = resolveMockImperfections(options.mock);
    this.seed = options.seed ?? 42;
    checkInteger('Experiment', 'seed', this.seed, 0, 0xffffffff);
    this.noiseRng = new Rng(this.mock.seed);
  }

  /** @internal Called by module constructors; returns the module's id (registration order). */
  register(module: RegisteredModule): number {
    this.modules.push(module);
    return this.modules.length - 1;
  }

  /** Every registered module, in registration order. */
  get registered(): readonly RegisteredModule[] {
    return this.modules;
  }

  /** @internal Called by module calls. */
  record(node: GraphNode): void {
    if (this.graph.some((other) => other.module === node.module)) {
      throw new SnnError('invalid-graph', `${node.module.name}: called twice before run(experiment, steps)`, 'module', node.module.name, 'one call per run');
    }
    this.graph.push(node);
  }

  /** @internal The calls since the last run, handed to `run` and forgotten here. */
  takeGraph(): readonly GraphNode[] {
    const graph = this.graph;
    this.graph = [];
    return graph;
  }

  /** @internal Whether a projection's hardware weights differ from those it had in the previous run; remembers them. */
  weightsChanged(projectionId: number, weights: Int8Array): boolean {
    const last = this.lastWeights.get(projectionId);
    this.lastWeights.set(projectionId, weights);
    return last === undefined || last.length !== weights.length || last.some((w, k) => w !== weights[k]);
  }
}
