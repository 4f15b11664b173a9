import { Parameter, Rng, Tensor } from '@bss2/autograd';
import { describe, expect, it } from 'vitest';
import { SnnError } from '../snn-error.js';
import { eventNetworkForward } from './eventprop-network.js';
import { readoutTrace } from './readout-trace.js';
import { eventsFromTimes, spikeTimesOfGrid } from './spike-events.js';
import { EventPropClassifier } from './eventprop-classifier.js';

const settings = { inputs: 5, hidden: 30, outputs: 3, tauMemUs: 6, tauSynUs: 6, tSimUs: 38, weightInitHidden: [1, 1], weightInitOutput: [0, 0.3], readoutScale: 10 } as const;

describe('readoutTrace and the readout maximum', () => {
  it('samples membranes whose maximum over a fine grid is the exact score', () => {
    const rng = new Rng(3);
    const network = new EventPropClassifier(settings, rng);
    const batch = 6;
    const times = new Tensor(Float32Array.from({ length: batch * 5 }, () => rng.uniformIn(2, 26)), [batch, 5]);
    const weights = { inputs: 5, hidden: 30, outputs: 3, weightHidden: Float64Array.from(network.weightHidden.data), weightOutput: Float64Array.from(network.weightOutput.data) };
    const record = eventNetworkForward(weights, times.data, batch, network.eventParameters);
    const dtUs = 0.001;
    const steps = Math.round(38 / dtUs) + 1;
    const trace = readoutTrace(record, weights.weightOutput, 3, dtUs, steps);
    let positive = 0;
    for (let slot = 0; slot < batch * 3; slot++) {
      let best = 0;
      for (let s = 0; s < steps; s++) best = Math.max(best, trace[s * batch * 3 + slot]!);
      // Grid samples never exceed the maximum, and the slope (< 1/µs here) bounds what half a grid step can miss.
      expect(best).toBeLessThanOrEqual(record.scores[slot]! + 1e-6);
      expect(best).toBeGreaterThanOrEqual(record.scores[slot]! - 1e-3);
      if (record.scores[slot]! > 0.05) positive++;
    }
    expect(positive).toBeGreaterThan(2);
  });

  it('gives the model\'s observe() the same traces and hidden spikes', () => {
    const network = new EventPropClassifier(settings, new Rng(4));
    const times = new Tensor(Float32Array.of(2, 10, 26, 18, 2), [1, 5]);
    const { readout, hiddenSpikes } = network.observe(times, 1, 38);
    expect(readout.shape).toEqual([38, 1, 3]);
    expect(readout.data[0]).toBe(0);
    expect(hiddenSpikes.timesUs.length).toBeGreaterThan(0);
    for (let e = 1; e < hiddenSpikes.timesUs.length; e++) expect(hiddenSpikes.timesUs[e]!).toBeGreaterThanOrEqual(hiddenSpikes.timesUs[e - 1]!);
    expect(network.weightHidden).toBeInstanceOf(Parameter);
  });
});

describe('spike events', () => {
  it('sorts each sample\'s spikes by time, ties in channel order', () => {
    const events = eventsFromTimes('test', [5, 1, 5, 0, 3, 3], 2, 3);
    expect(Array.from(events.offsets)).toEqual([0, 3, 6]);
    expect(Array.from(events.timesUs)).toEqual([1, 5, 5, 0, 3, 3]);
    expect(Array.from(events.sources)).toEqual([1, 0, 2, 0, 1, 2]);
  });

  it('drops silent channels (+∞) and refuses times that are neither a spike nor silence', () => {
    const events = eventsFromTimes('test', [Infinity, 2, 1, Infinity, Infinity, Infinity, 0, Infinity, 4], 3, 3);
    expect(Array.from(events.offsets)).toEqual([0, 2, 2, 4]);
    expect(Array.from(events.timesUs)).toEqual([1, 2, 0, 4]);
    expect(Array.from(events.sources)).toEqual([2, 1, 0, 2]);
    for (const bad of [-1, Number.NaN, -Infinity]) {
      expect(() => eventsFromTimes('test', [0, bad], 1, 2)).toThrow(expect.objectContaining({ code: 'out-of-range', value: bad }));
    }
  });

  it('reads at most one spike per channel off the dense grid (+∞ for none), and rejects two', () => {
    // [steps 3, batch 1, channels 2]: channel 0 at step 2, channel 1 at step 0.
    expect(Array.from(spikeTimesOfGrid('test', [0, 1, 0, 0, 1, 0], [3, 1, 2], 0.5))).toEqual([1, 0]);
    expect(() => spikeTimesOfGrid('test', [1, 1, 0, 0, 1, 0], [3, 1, 2], 1)).toThrow(/channel 0 of sample 0 spikes more than once/);
    expect(() => spikeTimesOfGrid('test', [1, 1, 0, 0, 1, 0], [3, 1, 2], 1)).toThrow(SnnError);
    expect(Array.from(spikeTimesOfGrid('test', [0, 1, 0, 0, 0, 0], [3, 1, 2], 1))).toEqual([Infinity, 0]);
  });
});
