import { noGrad, Tensor } from '@bss2/autograd';
import { encodeCoordinates, gatherFeatures, HXTORCH_YIN_YANG_ENCODING, yinYangSplit, type LabelledSamples } from '@bss2/datasets';
import { repeatChannels, run, spikeTimesOfGrid, type YinYangEventPropNetwork, type YinYangNetwork } from '@bss2/snn';

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
  /** Index in the test set (1000 samples, seed 41, reference §9). */
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
 * Runs the trained network once (no gradient) on the first test sample of every class and returns what the
 * report draws: their readout membrane traces and the hidden raster of the first. The graph is the one of
 * YinYangNetwork.forward, called module by module, because forward keeps only the scores and the hidden handle.
 */
export async function observeTestSamples(network: YinYangNetwork): Promise<SampleObservations> {
  const { test, indices, encoded } = firstTestSamples();
  const spikes = repeatChannels(new Tensor(encoded.data, encoded.shape), network.settings.inputRepetitions);
  network.eval();
  const { hidden, readout } = await noGrad(async () => {
    const hiddenHandle = network.lifHidden.forward(network.linearHidden.forward(network.input.forward(spikes)));
    const readoutHandle = network.liReadout.forward(network.linearOutput.forward(hiddenHandle));
    await run(network.experiment, ENCODING.steps);
    return { hidden: hiddenHandle.spikes, readout: readoutHandle.membraneCadc };
  });
  const [, batch, hiddenSize] = hidden.shape as [number, number, number];
  const hiddenSpikes: HiddenSpike[] = [];
  for (let t = 0; t < ENCODING.steps; t++) {
    for (let n = 0; n < hiddenSize; n++) if (hidden.data[t * batch * hiddenSize + n]! > 0) hiddenSpikes.push({ timeUs: t * ENCODING.dtUs, neuron: n });
  }
  return observations(test, indices, readout, hiddenSpikes, hiddenSize);
}

/**
 * The same for a network trained with EventProp: its exact event-driven model sampled on the encoding's grid
 * (readout) and its hidden spikes at their exact times.
 */
export function observeEventPropTestSamples(network: YinYangEventPropNetwork): SampleObservations {
  const { test, indices, encoded } = firstTestSamples();
  const shape = encoded.shape as [number, number, number];
  const times = new Tensor(Float32Array.from(spikeTimesOfGrid('observeEventPropTestSamples', encoded.data, shape, ENCODING.dtUs)), [shape[1], shape[2]]);
  const { readout, hiddenSpikes: events } = network.observe(times, ENCODING.dtUs, ENCODING.steps);
  const hiddenSpikes: HiddenSpike[] = [];
  for (let e = events.offsets[0]!; e < events.offsets[1]!; e++) hiddenSpikes.push({ timeUs: events.timesUs[e]!, neuron: events.sources[e]! });
  return observations(test, indices, readout, hiddenSpikes, network.settings.hidden);
}

const ENCODING = HXTORCH_YIN_YANG_ENCODING;

function firstTestSamples() {
  const { test } = yinYangSplit();
  const indices = firstOfEachClass(test);
  return { test, indices, encoded: encodeCoordinates(gatherFeatures(test, indices), indices.length, ENCODING) };
}

/** Readout points and each sample's prediction (the class of the highest membrane peak) from `[steps, batch, outputs]`. */
function observations(test: LabelledSamples, indices: readonly number[], readout: Tensor, hiddenSpikes: readonly HiddenSpike[], hiddenSize: number): SampleObservations {
  const [steps, batch, outputs] = readout.shape as [number, number, number];
  const points: ReadoutPoint[] = [];
  const peak = indices.map(() => new Float64Array(outputs).fill(-Infinity));
  for (let t = 0; t < steps; t++) {
    for (let s = 0; s < batch; s++) {
      for (let n = 0; n < outputs; n++) {
        const membrane = readout.data[(t * batch + s) * outputs + n]!;
        points.push({ sample: s, neuron: n, timeUs: t * ENCODING.dtUs, membrane });
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
    durationUs: steps * ENCODING.dtUs,
  };
}

function firstOfEachClass(samples: LabelledSamples): number[] {
  const first = new Map<number, number>();
  for (let k = 0; k < samples.size && first.size < samples.classNames.length; k++) if (!first.has(samples.labels[k]!)) first.set(samples.labels[k]!, k);
  return [...first.values()].sort((a, b) => a - b);
}

function argmax(values: Float64Array): number {
  let best = 0;
  for (let k = 1; k < values.length; k++) if (values[k]! > values[best]!) best = k;
  return best;
}
