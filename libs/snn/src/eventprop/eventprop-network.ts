import { SnnError } from '../snn-error.js';
import { eventPropConstants, type EventPropConstants, type EventPropParameters } from './eventprop-parameters.js';
import { lifLayerAdjoint } from './lif-layer-adjoint.js';
import { lifLayerForward, type LifLayerRecord } from './lif-layer-forward.js';
import { observedLifLayerRecord } from './observed-layer-record.js';
import { liMaxAdjoint, liMaxForward, type LiMaxRecord } from './li-max-readout.js';
import { channelGradients, eventsFromTimes, type SpikeEvents } from './spike-events.js';

/** Sizes and float64 weights of input → LIF → LI: `weightHidden` `[hidden, inputs]`, `weightOutput` `[outputs, hidden]`. */
export interface EventNetworkWeights {
  readonly inputs: number;
  readonly hidden: number;
  readonly outputs: number;
  readonly weightHidden: Float64Array;
  readonly weightOutput: Float64Array;
}

/** One forward pass: the scores and what the adjoint needs. */
export interface EventNetworkRecord {
  readonly constants: EventPropConstants;
  readonly input: SpikeEvents;
  readonly hiddenLayer: LifLayerRecord;
  readonly readout: LiMaxRecord;
  /** max over time of each readout membrane (relative to its leak), `[batch, outputs]`. */
  readonly scores: Float64Array;
}

export interface EventNetworkGradients {
  readonly weightHidden: Float64Array;
  readonly weightOutput: Float64Array;
  /** dL/d(input spike time) `[batch, inputs]`. */
  readonly inputTimes: Float64Array;
}

/**
 * The exact forward of the network for one spike per input channel at `inputTimesUs` `[batch, inputs]` (µs):
 * the hidden layer event by event (`lifLayerForward`), then the readout's maximum over time (`liMaxForward`).
 */
export function eventNetworkForward(network: EventNetworkWeights, inputTimesUs: ArrayLike<number>, batch: number, parameters: EventPropParameters): EventNetworkRecord {
  const { constants, input } = checkedInput('eventNetworkForward', network, inputTimesUs, batch, parameters);
  return withReadout(network, constants, input, lifLayerForward(input, network.weightHidden, network.inputs, network.hidden, constants));
}

/**
 * The record EventProp's adjoint needs, with the hidden spikes a chip fired (`hiddenSpikes`, per sample sorted by
 * time, `sources` the hidden neuron) in place of the model's (`observedLifLayerRecord`), and the model's readout
 * maximum driven by them: hardware in the loop, the gradient evaluated on the chip's observables (§6.4).
 */
export function eventNetworkRecordOfChip(
  network: EventNetworkWeights, inputTimesUs: ArrayLike<number>, batch: number, parameters: EventPropParameters, hiddenSpikes: SpikeEvents,
): EventNetworkRecord {
  const where = 'eventNetworkRecordOfChip';
  const { constants, input } = checkedInput(where, network, inputTimesUs, batch, parameters);
  if (hiddenSpikes.batch !== batch) {
    throw new SnnError('shape-mismatch', `${where}: hidden spikes of ${hiddenSpikes.batch} samples for batch ${batch}`, 'hiddenSpikes', hiddenSpikes.batch, `${batch}`);
  }
  const bad = hiddenSpikes.sources.findIndex((n) => n < 0 || n >= network.hidden);
  if (bad >= 0) throw new SnnError('out-of-range', `${where}: hidden spike ${bad} names neuron ${hiddenSpikes.sources[bad]}`, 'hiddenSpikes', hiddenSpikes.sources[bad], `0..${network.hidden - 1}`);
  return withReadout(network, constants, input, observedLifLayerRecord(input, hiddenSpikes, network.weightHidden, network.inputs, network.hidden, constants));
}

function checkedInput(
  where: string, network: EventNetworkWeights, inputTimesUs: ArrayLike<number>, batch: number, parameters: EventPropParameters,
): { constants: EventPropConstants; input: SpikeEvents } {
  checkWeights(where, 'weightHidden', network.weightHidden, network.hidden, network.inputs);
  checkWeights(where, 'weightOutput', network.weightOutput, network.outputs, network.hidden);
  if (inputTimesUs.length !== batch * network.inputs) {
    throw new SnnError('shape-mismatch', `${where}: ${inputTimesUs.length} input times for batch ${batch} × ${network.inputs} inputs`, 'inputTimesUs', inputTimesUs.length, `${batch * network.inputs}`);
  }
  return { constants: eventPropConstants(where, parameters), input: eventsFromTimes(where, inputTimesUs, batch, network.inputs) };
}

function withReadout(network: EventNetworkWeights, constants: EventPropConstants, input: SpikeEvents, hiddenLayer: LifLayerRecord): EventNetworkRecord {
  const readout = liMaxForward(hiddenLayer.spikes, network.weightOutput, network.hidden, network.outputs, constants.readoutFlow, constants.tSimUs);
  return { constants, input, hiddenLayer, readout, scores: readout.scores };
}

/**
 * EventProp: the exact gradient of a loss L(scores) given dL/dscores `[batch, outputs]` — the readout's adjoint
 * yields dL/dW_out and dL/dt_k for every hidden spike, which seeds the hidden layer's adjoint (dL/dW_hidden and
 * dL/d(input times)).
 */
export function eventNetworkBackward(network: EventNetworkWeights, record: EventNetworkRecord, gradScores: ArrayLike<number>): EventNetworkGradients {
  const { constants, input, hiddenLayer, readout } = record;
  const weightHidden = new Float64Array(network.hidden * network.inputs);
  const weightOutput = new Float64Array(network.outputs * network.hidden);
  const gradHiddenTimes = new Float64Array(hiddenLayer.spikes.timesUs.length);
  liMaxAdjoint(hiddenLayer.spikes, network.weightOutput, network.hidden, network.outputs, constants.readoutFlow, constants.tSimUs, readout, Float64Array.from(gradScores), weightOutput, gradHiddenTimes);
  const gradInputEvents = new Float64Array(input.timesUs.length);
  lifLayerAdjoint(input, network.weightHidden, network.inputs, hiddenLayer, gradHiddenTimes, constants, { weights: weightHidden, inputTimes: gradInputEvents });
  return { weightHidden, weightOutput, inputTimes: channelGradients(input, gradInputEvents, network.inputs) };
}

function checkWeights(where: string, name: string, weights: Float64Array, rows: number, columns: number): void {
  if (weights.length !== rows * columns) {
    throw new SnnError('shape-mismatch', `${where}: ${name} has ${weights.length} values, needs [${rows}, ${columns}] = ${rows * columns}`, name, weights.length, `${rows * columns}`);
  }
  const bad = weights.findIndex((w) => !Number.isFinite(w));
  if (bad >= 0) throw new SnnError('out-of-range', `${where}: ${name}[${bad}] = ${weights[bad]} must be finite`, name, weights[bad], '(−∞, ∞)');
}
