import { max, maximum, mean, Module, mul, noGrad, Parameter, Rng, sub, Tensor } from '@bss2/autograd';
import { checkInteger, checkNonNegative, checkPositive } from '../snn-error.js';
import type { EventPropParameters } from './eventprop-parameters.js';
import { eventPropScores, eventPropScoresOnChip, type ChipObservation } from './eventprop-op.js';
import { freeMembranePeaks } from './free-membrane-peaks.js';
import type { EventNetworkRecord } from './eventprop-network.js';
import { readoutTrace } from './readout-trace.js';
import type { SpikeEvents } from './spike-events.js';
import type { ClassifierShape } from '../training/spiking-classifier.js';

/** An inputs → LIF → LI classifier for EventProp: the surrogate classifier's shape (§6.7), simulated event by event. */
export interface EventPropClassifierSettings extends ClassifierShape {
  /** The window of the readout maximum: the surrogate run's t_sim (Yin-Yang and MNIST16: 38 steps of 1 µs). */
  readonly tSimUs: number;
  /** Factor on the scores, part of the differentiated function (EventProp's gradient is the loss's exact one). */
  readonly readoutScale: number;
}

/**
 * inputs → LIF → LI as `SpikingClassifier` (Yin-Yang 5 → 120 → 3, MNIST16 256 → 246 → 10), with the same
 * initialisation draws (hidden weights first, one normal per weight, then the readout's) — leak 0, reset 0,
 * threshold 1 — but each sample's forward is the exact event-driven simulation and its backward EventProp's
 * adjoint (`eventPropScores`). Inputs are spike times, +∞ for a channel that stays silent.
 */
export class EventPropClassifier extends Module {
  readonly weightHidden: Parameter;
  readonly weightOutput: Parameter;
  readonly eventParameters: EventPropParameters;
  /** The events of the last forward (hidden spike counts for statistics). */
  lastRecord: EventNetworkRecord | null = null;

  constructor(readonly settings: EventPropClassifierSettings, rng: Rng) {
    super();
    const { inputs, hidden, outputs, tauMemUs, tauSynUs, tSimUs, readoutScale } = settings;
    checkInteger('EventPropClassifier', 'inputs', inputs, 1);
    checkInteger('EventPropClassifier', 'hidden', hidden, 1);
    checkInteger('EventPropClassifier', 'outputs', outputs, 1);
    checkPositive('EventPropClassifier', 'readoutScale', readoutScale);
    const [hiddenMean, hiddenStd] = settings.weightInitHidden;
    const [outputMean, outputStd] = settings.weightInitOutput;
    checkNonNegative('EventPropClassifier', 'weightInitHidden std', hiddenStd);
    checkNonNegative('EventPropClassifier', 'weightInitOutput std', outputStd);
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
   * The same scores with hardware in the loop: the chip's observation of this batch forward (its readout maxima ×
   * readoutScale), EventProp's adjoint on the chip's hidden spike times backward (`eventPropScoresOnChip`).
   */
  forwardOnChip(inputTimesUs: Tensor, chip: ChipObservation): Tensor {
    const { scores, record } = eventPropScoresOnChip(inputTimesUs, this.weightHidden, this.weightOutput, this.eventParameters, chip);
    this.lastRecord = record;
    return mul(scores, this.settings.readoutScale);
  }

  /**
   * How far the hidden layer is from every neuron firing: the mean over hidden neurons of
   * max(0, threshold − the highest free-membrane peak of the batch), for input times `[batch, inputs]`; 0 when each
   * neuron fires for some sample. A term of the loss that revives silent neurons with an exact gradient
   * (`freeMembranePeaks`), since EventProp's own gradient never reaches them.
   */
  silenceDistance(inputTimesUs: Tensor): Tensor {
    const { threshold, leak } = this.eventParameters.hidden;
    const best = max(freeMembranePeaks(inputTimesUs, this.weightHidden, this.eventParameters), 0);
    return mean(maximum(sub(threshold - leak, best), 0));
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
