import { Module, mul, noGrad, Parameter, Rng, Tensor } from '@bss2/autograd';
import { checkInteger, checkNonNegative, checkPositive } from '../snn-error.js';
import type { EventPropParameters } from './eventprop-parameters.js';
import { eventPropScores } from './eventprop-op.js';
import type { EventNetworkRecord } from './eventprop-network.js';
import { readoutTrace } from './readout-trace.js';
import type { SpikeEvents } from './spike-events.js';
import type { YinYangShape } from '../training/yin-yang-model.js';

/** The Yin-Yang network for EventProp: hxtorch's example sizes and neurons (§6.7), simulated event by event. */
export interface YinYangEventPropSettings extends YinYangShape {
  /** The window of the readout maximum: the surrogate run's t_sim (38 steps of 1 µs). */
  readonly tSimUs: number;
  /** Factor on the scores, part of the differentiated function (EventProp's gradient is the loss's exact one). */
  readonly readoutScale: number;
}

/**
 * 5 inputs → 120 LIF → 3 LI as `SpikingClassifier` (train-yin-yang.ts), with the same initialisation draws (hidden weights first, one
 * normal per weight, then the readout's) — leak 0, reset 0, threshold 1 — but each sample's forward is
 * the exact event-driven simulation and its backward EventProp's adjoint (`eventPropScores`).
 */
export class YinYangEventPropNetwork extends Module {
  readonly weightHidden: Parameter;
  readonly weightOutput: Parameter;
  readonly eventParameters: EventPropParameters;
  /** The events of the last forward (hidden spike counts for statistics). */
  lastRecord: EventNetworkRecord | null = null;

  constructor(readonly settings: YinYangEventPropSettings, rng: Rng) {
    super();
    const { inputs, hidden, outputs, tauMemUs, tauSynUs, tSimUs, readoutScale } = settings;
    checkInteger('YinYangEventPropNetwork', 'inputs', inputs, 1);
    checkInteger('YinYangEventPropNetwork', 'hidden', hidden, 1);
    checkInteger('YinYangEventPropNetwork', 'outputs', outputs, 1);
    checkPositive('YinYangEventPropNetwork', 'readoutScale', readoutScale);
    const [hiddenMean, hiddenStd] = settings.weightInitHidden;
    const [outputMean, outputStd] = settings.weightInitOutput;
    checkNonNegative('YinYangEventPropNetwork', 'weightInitHidden std', hiddenStd);
    checkNonNegative('YinYangEventPropNetwork', 'weightInitOutput std', outputStd);
    this.weightHidden = new Parameter(Float32Array.from({ length: hidden * inputs }, () => hiddenMean + hiddenStd * rng.normal()), [hidden, inputs]);
    this.weightOutput = new Parameter(Float32Array.from({ length: outputs * hidden }, () => outputMean + outputStd * rng.normal()), [outputs, hidden]);
    this.eventParameters = {
      hidden: { tauMemUs, tauSynUs, leak: 0, reset: 0, threshold: 1 },
      readout: { tauMemUs, tauSynUs },
      tSimUs,
    };
  }

  /** Scores `[batch, outputs]` = readoutScale · max over time of the readout membranes, for input times `[batch, inputs]` (µs). */
  forward(inputTimesUs: Tensor): Tensor {
    const { scores, record } = eventPropScores(inputTimesUs, this.weightHidden, this.weightOutput, this.eventParameters);
    this.lastRecord = record;
    return mul(scores, this.settings.readoutScale);
  }

  /**
   * For reports: the readout membranes (model units, without `readoutScale`) sampled on a grid of `steps` × `dtUs`,
   * `[steps, batch, outputs]`, and the hidden spikes in continuous time, for input times `[batch, inputs]`.
   */
  observe(inputTimesUs: Tensor, dtUs: number, steps: number): { readout: Tensor; hiddenSpikes: SpikeEvents } {
    const { record } = noGrad(() => eventPropScores(inputTimesUs, this.weightHidden, this.weightOutput, this.eventParameters));
    const outputs = this.settings.outputs;
    const readout = readoutTrace(record, Float64Array.from(this.weightOutput.data), outputs, dtUs, steps);
    return { readout: new Tensor(readout, [steps, inputTimesUs.shape[0]!, outputs]), hiddenSpikes: record.hiddenLayer.spikes };
  }
}
