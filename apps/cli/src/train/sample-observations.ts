import { noGrad, Tensor } from '@bss2/autograd';
import { gatherFeatures, type LabelledSamples } from '@bss2/datasets';
import { inputTimesOfSpikes, run, type SpikingClassifier, type TrainingData, type EventPropClassifier } from '@bss2/snn';

/** One readout membrane sample: neuron `neuron` of test sample `sample` at `timeUs` (model units). */
export interface ReadoutPoint {
  readonly sample: number;
  readonly neuron: number;
  readonly timeUs: number;
  readonly membrane: number;
}

export interface HiddenSpike {
  readonly timeUs: number;
  readonly neuron: number;
}

export interface ObservedSample {
  /** Index in the test set (Yin-Yang: 1000 samples, seed 41, reference §9). */
  readonly index: number;
  readonly label: number;
  readonly predicted: number;
}

export interface SampleObservations {
  readonly samples: readonly ObservedSample[];
  readonly classNames: readonly string[];
  readonly readout: readonly ReadoutPoint[];
  /** The hidden layer's spikes of the first sample. */
  readonly hiddenSpikes: readonly HiddenSpike[];
  readonly hiddenSize: number;
  readonly durationUs: number;
}

/**
 * Runs the trained network once (no gradient) on the first test samples of `count` distinct classes and returns
 * what the report draws: their readout membrane traces and the hidden raster of the first. The graph is
 * recorded with `SpikingClassifier.record`, because forward keeps only the scores and the hidden handle.
 */
export async function observeTestSamples(network: SpikingClassifier, data: TrainingData, count: number): Promise<SampleObservations> {
  const { indices, encoded } = firstTestSamples(data, count);
  const steps = encoded.shape[0];
  const dtUs = network.experiment.dtUs;
  network.eval();
  const { hidden, readout } = await noGrad(async () => {
    const handles = network.record(new Tensor(encoded.data, encoded.shape));
    await run(network.experiment, steps);
    return { hidden: handles.hidden.spikes, readout: handles.readout.membraneCadc };
  });
  const [, batch, hiddenSize] = hidden.shape as [number, number, number];
  const hiddenSpikes: HiddenSpike[] = [];
  for (let t = 0; t < steps; t++) {
    for (let n = 0; n < hiddenSize; n++) if (hidden.data[t * batch * hiddenSize + n]! > 0) hiddenSpikes.push({ timeUs: t * dtUs, neuron: n });
  }
  return observations(data.test, indices, readout, dtUs, hiddenSpikes, hiddenSize);
}

/**
 * The same for a network trained with EventProp: its exact event-driven model sampled on the encoding's grid
 * (readout) and its hidden spikes at their exact times.
 */
export function observeEventPropTestSamples(network: EventPropClassifier, data: TrainingData, count: number, dtUs: number): SampleObservations {
  const { indices, encoded } = firstTestSamples(data, count);
  const shape = encoded.shape as [number, number, number];
  const times = inputTimesOfSpikes('observeEventPropTestSamples', encoded, dtUs);
  const { readout, hiddenSpikes: events } = network.observe(times, dtUs, shape[0]);
  const hiddenSpikes: HiddenSpike[] = [];
  for (let e = events.offsets[0]!; e < events.offsets[1]!; e++) hiddenSpikes.push({ timeUs: events.timesUs[e]!, neuron: events.sources[e]! });
  return observations(data.test, indices, readout, dtUs, hiddenSpikes, network.settings.hidden);
}

function firstTestSamples(data: TrainingData, count: number) {
  const indices = firstOfDistinctClasses(data.test, count);
  return { indices, encoded: data.encode(gatherFeatures(data.test, indices), indices.length) };
}

/** Readout points and each sample's prediction (the class of the highest membrane peak) from `[steps, batch, outputs]`. */
function observations(
  test: LabelledSamples, indices: readonly number[], readout: Tensor, dtUs: number, hiddenSpikes: readonly HiddenSpike[], hiddenSize: number,
): SampleObservations {
  const [steps, batch, outputs] = readout.shape as [number, number, number];
  const points: ReadoutPoint[] = [];
  const peak = indices.map(() => new Float64Array(outputs).fill(-Infinity));
  for (let t = 0; t < steps; t++) {
    for (let s = 0; s < batch; s++) {
      for (let n = 0; n < outputs; n++) {
        const membrane = readout.data[(t * batch + s) * outputs + n]!;
        points.push({ sample: s, neuron: n, timeUs: t * dtUs, membrane });
        peak[s]![n] = Math.max(peak[s]![n]!, membrane);
      }
    }
  }
  return {
    samples: indices.map((index, s) => ({ index, label: test.labels[index]!, predicted: argmax(peak[s]!) })),
    classNames: test.classNames,
    readout: points,
    hiddenSpikes,
    hiddenSize,
    durationUs: steps * dtUs,
  };
}

/** The first test sample of each of the first `count` classes met in the set's order, in set order. */
function firstOfDistinctClasses(samples: LabelledSamples, count: number): number[] {
  const first = new Map<number, number>();
  for (let k = 0; k < samples.size && first.size < count; k++) if (!first.has(samples.labels[k]!)) first.set(samples.labels[k]!, k);
  return [...first.values()].sort((a, b) => a - b);
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
  return best;
}
