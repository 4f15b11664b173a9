import { record, Tensor } from '@bss2/autograd';
import { SnnError } from '../snn-error.js';
import type { EventPropParameters } from './eventprop-parameters.js';
import { eventNetworkBackward, eventNetworkForward, eventNetworkRecordOfChip, type EventNetworkRecord, type EventNetworkWeights } from './eventprop-network.js';
import type { SpikeEvents } from './spike-events.js';

export interface EventPropOutput {
  /** max over [0, t_sim] of each readout membrane relative to its leak, `[batch, outputs]`, on the tape. */
  readonly scores: Tensor;
  /** The forward's events (hidden spike times and counts, for statistics and rasters). */
  readonly record: EventNetworkRecord;
}

/**
 * EventProp as one fused op on autograd's tape: input spike times `[batch, inputs]` (µs, at most one per channel, +∞ silent),
 * hidden weights `[hidden, inputs]` and readout weights `[outputs, hidden]` → readout scores `[batch, outputs]`.
 * The forward is the exact event-driven simulation and the backward the adjoint (`eventNetworkBackward`), both in
 * float64; only the op's boundary is float32. Gradients reach the weights and the input times, whichever
 * requires one.
 */
export function eventPropScores(inputTimesUs: Tensor, weightHidden: Tensor, weightOutput: Tensor, parameters: EventPropParameters): EventPropOutput {
  const { network, batch } = checkedNetwork('eventPropScores', inputTimesUs, weightHidden, weightOutput);
  const forward = eventNetworkForward(network, inputTimesUs.data, batch, parameters);
  return { scores: recordAdjoint(new Float32Array(forward.scores), network, forward, [inputTimesUs, weightHidden, weightOutput]), record: forward };
}

/** What a chip observed for one batch of the network: its hidden spikes and its readout scores. */
export interface ChipObservation {
  /** Per sample sorted by time, `sources` the hidden neuron (µs from the sample's step 0). */
  readonly hiddenSpikes: SpikeEvents;
  /** max over time of each readout's observed membrane in model units, `[batch, outputs]`. */
  readonly scores: Float32Array;
}

/**
 * EventProp with hardware in the loop: the chip's scores forward, and backward the adjoint of the model evaluated on
 * the chip's hidden spike times (`eventNetworkRecordOfChip`) — hxtorch's principle for the surrogate gradient
 * (§6.4) applied to EventProp, as Pehle et al. 2023 trained BrainScaleS-2. The returned record holds the model's
 * readout on the chip's spikes.
 */
export function eventPropScoresOnChip(
  inputTimesUs: Tensor, weightHidden: Tensor, weightOutput: Tensor, parameters: EventPropParameters, chip: ChipObservation,
): EventPropOutput {
  const where = 'eventPropScoresOnChip';
  const { network, batch } = checkedNetwork(where, inputTimesUs, weightHidden, weightOutput);
  if (chip.scores.length !== batch * network.outputs) {
    throw new SnnError('shape-mismatch', `${where}: ${chip.scores.length} chip scores for batch ${batch} × ${network.outputs} outputs`, 'scores', chip.scores.length, `${batch * network.outputs}`);
  }
  const record = eventNetworkRecordOfChip(network, inputTimesUs.data, batch, parameters, chip.hiddenSpikes);
  return { scores: recordAdjoint(Float32Array.from(chip.scores), network, record, [inputTimesUs, weightHidden, weightOutput]), record };
}

/** The scores tensor `[batch, outputs]` with EventProp's adjoint of `record` as its backward. */
function recordAdjoint(scores: Float32Array, network: EventNetworkWeights, forward: EventNetworkRecord, parents: readonly [Tensor, Tensor, Tensor]): Tensor {
  const out = new Tensor(scores, [forward.input.batch, network.outputs]);
  record(out, 'eventProp', parents, (gradScores) => {
    const gradients = eventNetworkBackward(network, forward, gradScores);
    return [Float32Array.from(gradients.inputTimes), Float32Array.from(gradients.weightHidden), Float32Array.from(gradients.weightOutput)];
  });
  return out;
}

function checkedNetwork(where: string, inputTimesUs: Tensor, weightHidden: Tensor, weightOutput: Tensor): { network: EventNetworkWeights; batch: number } {
  const [batch, inputs] = checkMatrix(where, 'inputTimesUs', inputTimesUs);
  const [hidden, hiddenInputs] = checkMatrix(where, 'weightHidden', weightHidden);
  const [outputs, outputInputs] = checkMatrix(where, 'weightOutput', weightOutput);
  if (hiddenInputs !== inputs) {
    throw new SnnError('shape-mismatch', `${where}: weightHidden [${hidden}, ${hiddenInputs}] does not take ${inputs} inputs`, 'weightHidden', weightHidden.shape, `[hidden, ${inputs}]`);
  }
  if (outputInputs !== hidden) {
    throw new SnnError('shape-mismatch', `${where}: weightOutput [${outputs}, ${outputInputs}] does not take ${hidden} hidden neurons`, 'weightOutput', weightOutput.shape, `[outputs, ${hidden}]`);
  }
  const network: EventNetworkWeights = {
    inputs, hidden, outputs, weightHidden: Float64Array.from(weightHidden.data), weightOutput: Float64Array.from(weightOutput.data),
  };
  return { network, batch };
}

export function checkMatrix(where: string, name: string, tensor: Tensor): [number, number] {
  if (tensor.shape.length !== 2) {
    throw new SnnError('shape-mismatch', `${where}: ${name} has shape [${tensor.shape.join(', ')}], needs a matrix`, name, tensor.shape, '[rows, columns]');
  }
  return [tensor.shape[0]!, tensor.shape[1]!];
}
