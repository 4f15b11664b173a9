import { isGradEnabled, noGrad, Tensor } from '@bss2/autograd';
import type { SpikeTimes } from './backend/backend.js';
import { describeRun } from './backend/network-description.js';
import type { Experiment, GraphNode } from './experiment.js';
import { simulateDevice, type DevicePopulation } from './mock/device-simulation.js';
import { needsDeviceSimulation } from './mock/mock-imperfections.js';
import { sumCurrents, type ModelObservation } from './modules/neuron-module.js';
import { checkInteger, SnnError } from './snn-error.js';

/**
 * hxtorch's `run(experiment, runtime)`: executes the calls recorded since the last run over `steps` time steps and
 * fills their handles. In mock mode the software model runs alone (autograd's fused kernels, exact surrogate
 * gradient); with a hardware backend — or the mock's membrane effects, simulated as a device — the backend's
 * observables become the forward values and the gradient is the software model's evaluated on them (§6.4).
 *
 * The grad mode in effect when `run` is called holds for its execution, although that happens after the backend's
 * await: `noGrad(() => run(experiment, steps))` records nothing.
 */
export async function run(experiment: Experiment, steps: number): Promise<void> {
  checkInteger('run', 'steps', steps, 1);
  const gradEnabled = isGradEnabled();
  const graph = experiment.takeGraph();
  const batch = checkGraph(graph, steps);
  const { observations, spikeTimes } = await observe(experiment, graph, steps, batch);
  if (gradEnabled) execute(graph, observations, spikeTimes);
  else noGrad(() => execute(graph, observations, spikeTimes));
}

/** Runs the software model over the graph, in call order, and fills the handles. */
function execute(graph: readonly GraphNode[], observations: Map<number, ModelObservation> | null, spikeTimes: ReadonlyMap<number, SpikeTimes>): void {
  for (const node of graph) {
    switch (node.kind) {
      case 'input':
        node.output.fill(node.spikes, null);
        break;
      case 'synapse':
        node.output.fill(node.module.current(node.input.spikes));
        break;
      case 'neuron': {
        const result = node.module.integrate(sumCurrents(node.inputs.map((input) => input.current)), observations?.get(node.module.id) ?? null);
        node.output.fill(result.spikes, result.membrane, spikeTimes.get(node.module.id) ?? null);
        break;
      }
    }
  }
}

/** Checks that the graph is closed and its inputs share one grid; returns the batch size. */
function checkGraph(graph: readonly GraphNode[], steps: number): number {
  if (graph.length === 0) throw new SnnError('invalid-graph', 'run: no module was called since the last run', 'graph', 0, '≥ 1 recorded call');
  const populations = new Set<number>();
  const projections = new Set<number>();
  let batch: number | null = null;
  for (const node of graph) {
    if (node.kind === 'input') {
      const [inputSteps, inputBatch] = node.spikes.shape;
      if (inputSteps !== steps) {
        throw new SnnError('shape-mismatch', `run: ${node.module.name} has ${inputSteps} time steps of spikes, run asked for ${steps}`, 'steps', inputSteps, `${steps}`);
      }
      if (batch !== null && inputBatch !== batch) {
        throw new SnnError('shape-mismatch', `run: ${node.module.name} has batch ${inputBatch}, another input has ${batch}`, 'batch', inputBatch, `${batch}`);
      }
      batch = inputBatch!;
      populations.add(node.module.id);
    } else if (node.kind === 'synapse') {
      if (!populations.has(node.input.populationId)) {
        throw new SnnError('invalid-graph', `run: ${node.module.name} reads ${node.input.populationName}, which was not called in this run`, 'pre', node.input.populationName, 'a population called before it in this run');
      }
      projections.add(node.module.id);
    } else {
      for (const input of node.inputs) {
        if (!projections.has(input.projectionId)) {
          throw new SnnError('invalid-graph', `run: ${node.module.name} reads ${input.projectionName}, which was not called in this run`, 'input', input.projectionName, 'a synapse called before it in this run');
        }
      }
      populations.add(node.module.id);
    }
  }
  if (batch === null) throw new SnnError('invalid-graph', 'run: the graph has no InputNeuron', 'graph', 'no input', 'an InputNeuron call');
  return batch;
}

/**
 * The observables that replace the software forward, per population id, in model units (null for the exact mock),
 * and the spike times a backend reports beside its binned spikes.
 */
async function observe(
  experiment: Experiment, graph: readonly GraphNode[], steps: number, batch: number,
): Promise<{ observations: Map<number, ModelObservation> | null; spikeTimes: Map<number, SpikeTimes> }> {
  const spikeTimes = new Map<number, SpikeTimes>();
  if (experiment.backend === 'mock') {
    return { observations: needsDeviceSimulation(experiment.mock) ? simulateMockDevice(experiment, graph, steps, batch) : null, spikeTimes };
  }
  const request = describeRun(experiment, graph, steps, batch);
  const raw = await experiment.backend.execute(request);
  const out = new Map<number, ModelObservation>();
  for (const node of graph) {
    if (node.kind !== 'neuron') continue;
    const observed = raw.get(node.module.id);
    out.set(node.module.id, node.module.toModelObservation(observed, steps, batch));
    if (observed?.spikeTimes) spikeTimes.set(node.module.id, observed.spikeTimes);
  }
  return { observations: out, spikeTimes };
}

/**
 * The mock's membrane effects: the network runs on the mock device and its spikes and noisy membrane become the
 * observables. The membrane observed is v'_t before the reset, the quantity autograd's `observed.membrane` stands
 * for, so the surrogate sees the noisy threshold crossings (as hxtorch's mock adds its noise inside the model).
 */
function simulateMockDevice(experiment: Experiment, graph: readonly GraphNode[], steps: number, batch: number): Map<number, ModelObservation> {
  const weightOf = new Map<number, { pre: number; weight: Float32Array }>();
  const inputSpikes = new Map<number, Float32Array>();
  const populations: DevicePopulation[] = [];
  for (const node of graph) {
    if (node.kind === 'synapse') weightOf.set(node.module.id, { pre: node.input.populationId, weight: node.module.modelWeight().data });
    else if (node.kind === 'input') {
      inputSpikes.set(node.module.id, node.spikes.data);
      populations.push({ kind: 'input', id: node.module.id, size: node.module.size });
    } else {
      const inputs = node.inputs.map((input) => weightOf.get(input.projectionId)!);
      const { id, size } = node.module;
      populations.push({ ...node.module.describe(), id, size, inputs } as DevicePopulation);
    }
  }
  const { membraneNoiseStd, membraneBounds } = experiment.mock;
  const traces = simulateDevice({ populations, inputSpikes, steps, batch, dtUs: experiment.dtUs, effects: { membraneNoiseStd, membraneBounds, rng: experiment.noiseRng } });
  const shapeOf = (size: number): number[] => [steps, batch, size];
  const out = new Map<number, ModelObservation>();
  for (const node of graph) {
    if (node.kind !== 'neuron') continue;
    const { spikes, preReset } = traces.get(node.module.id)!;
    const shape = shapeOf(node.module.size);
    out.set(node.module.id, { ...(spikes && { spikes: new Tensor(spikes, shape) }), membrane: new Tensor(preReset, shape) });
  }
  return out;
}
