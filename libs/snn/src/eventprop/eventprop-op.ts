import { record, Tensor } from '@bss2/autograd';
import { SnnError } from '../snn-error.js';
import type { EventPropParameters } from './eventprop-parameters.js';
import { eventNetworkBackward, eventNetworkForward, type EventNetworkRecord, type EventNetworkWeights } from './eventprop-network.js';

export interface EventPropOutput {
  /** max over [0, t_sim] of each readout membrane relative to its leak, `[batch, outputs]`, on the tape. */
  readonly scores: Tensor;
  /** The forward's events (hidden spike times and counts, for statistics and rasters). */
  readonly record: EventNetworkRecord;
}

/**
 * EventProp as one fused op on autograd's tape: input spike times `[batch, inputs]` (µs, one spike per channel),
 * hidden weights `[hidden, inputs]` and readout weights `[outputs, hidden]` → readout scores `[batch, outputs]`.
 * The forward is the exact event-driven simulation and the backward the adjoint (`eventNetworkBackward`), both in
 * float64; only the op's boundary is float32. Gradients reach the weights and the input times, whichever
 * requires one.
 */
export function eventPropScores(inputTimesUs: Tensor, weightHidden: Tensor, weightOutput: Tensor, parameters: EventPropParameters): EventPropOutput {
  const where = 'eventPropScores';
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
  const forward = eventNetworkForward(network, inputTimesUs.data, batch, parameters);
  const scores = new Tensor(Float32Array.from(forward.scores), [batch, outputs]);
  record(scores, 'eventProp', [inputTimesUs, weightHidden, weightOutput], (gradScores) => {
    const gradients = eventNetworkBackward(network, forward, gradScores);
    return [Float32Array.from(gradients.inputTimes), Float32Array.from(gradients.weightHidden), Float32Array.from(gradients.weightOutput)];
  });
  return { scores, record: forward };
}

export function checkMatrix(where: string, name: string, tensor: Tensor): [number, number] {
  if (tensor.shape.length !== 2) {
    throw new SnnError('shape-mismatch', `${where}: ${name} has shape [${tensor.shape.join(', ')}], needs a matrix`, name, tensor.shape, '[rows, columns]');
  }
  return [tensor.shape[0]!, tensor.shape[1]!];
}
