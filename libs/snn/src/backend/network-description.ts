import type { Experiment, GraphNode } from '../experiment.js';
import type { ExecutionRequest, PopulationDescription, ProjectionDescription, TimeMajorArray } from './backend.js';

/**
 * The request a backend executes for one run: the populations and projections the recorded calls used (in call
 * order), each projection with its current hardware weights and whether they changed since the previous run.
 */
export function describeRun(experiment: Experiment, graph: readonly GraphNode[], steps: number, batch: number): ExecutionRequest {
  const populations: PopulationDescription[] = [];
  const projections: ProjectionDescription[] = [];
  const inputSpikes = new Map<number, TimeMajorArray>();
  const postOf = new Map<number, number>();
  for (const node of graph) {
    if (node.kind === 'neuron') for (const input of node.inputs) postOf.set(input.projectionId, node.module.id);
  }
  for (const node of graph) {
    switch (node.kind) {
      case 'input':
        populations.push(node.module.describe());
        inputSpikes.set(node.module.id, { data: node.spikes.data, shape: node.spikes.shape });
        break;
      case 'neuron':
        populations.push(node.module.describe());
        break;
      case 'synapse': {
        const weightsHardware = node.module.hardwareWeights();
        projections.push({
          id: node.module.id,
          name: node.module.name,
          pre: node.input.populationId,
          post: postOf.get(node.module.id)!,
          weightsHardware,
          weightScale: node.module.weightScale,
          changedSinceLastRun: experiment.weightsChanged(node.module.id, weightsHardware),
        });
        break;
      }
    }
  }
  return { network: { populations, projections }, inputSpikes, steps, batch, dtUs: experiment.dtUs };
}
