import { record, Tensor } from '@bss2/autograd';
import { SnnError } from '../snn-error.js';
import { eventPropConstants, type EventPropParameters } from './eventprop-parameters.js';
import { checkMatrix } from './eventprop-op.js';
import { liMaxAdjoint, liMaxForward } from './li-max-readout.js';
import { channelGradients, eventsFromTimes } from './spike-events.js';

/**
 * The maximum over [0, t_sim] of each hidden neuron's free membrane — u = v − leak integrated without threshold or
 * reset — for input times `[batch, inputs]` (µs, +∞ silent) and hidden weights `[hidden, inputs]`: `[batch, hidden]`,
 * on the tape. Before its first spike a LIF membrane is its free membrane, so the peak reaches the threshold
 * exactly when the neuron fires: it measures how far a silent neuron is from firing, with an exact gradient
 * (the LI readout's maximum, `liMaxAdjoint`, on the hidden flow) where EventProp's has none — a neuron that never
 * fires has no spike time for the adjoint to move. A peak at rest (u never above 0) has gradient 0.
 */
export function freeMembranePeaks(inputTimesUs: Tensor, weightHidden: Tensor, parameters: EventPropParameters): Tensor {
  const where = 'freeMembranePeaks';
  const [batch, inputs] = checkMatrix(where, 'inputTimesUs', inputTimesUs);
  const [hidden, hiddenInputs] = checkMatrix(where, 'weightHidden', weightHidden);
  if (hiddenInputs !== inputs) {
    throw new SnnError('shape-mismatch', `${where}: weightHidden [${hidden}, ${hiddenInputs}] does not take ${inputs} inputs`, 'weightHidden', weightHidden.shape, `[hidden, ${inputs}]`);
  }
  const constants = eventPropConstants(where, parameters);
  const input = eventsFromTimes(where, inputTimesUs.data, batch, inputs);
  const weights = Float64Array.from(weightHidden.data);
  const peaks = liMaxForward(input, weights, inputs, hidden, constants.hiddenFlow, constants.tSimUs);
  const output = new Tensor(Float32Array.from(peaks.scores), [batch, hidden]);
  record(output, 'freeMembranePeaks', [inputTimesUs, weightHidden], (gradPeaks) => {
    const gradWeights = new Float64Array(hidden * inputs);
    const gradEvents = new Float64Array(input.timesUs.length);
    liMaxAdjoint(input, weights, inputs, hidden, constants.hiddenFlow, constants.tSimUs, peaks, Float64Array.from(gradPeaks), gradWeights, gradEvents);
    return [Float32Array.from(channelGradients(input, gradEvents, inputs)), Float32Array.from(gradWeights)];
  });
  return output;
}
