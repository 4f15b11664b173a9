import { Rng } from '@bss2/autograd';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EventPropParameters } from './eventprop-parameters.js';
import { eventNetworkBackward, eventNetworkForward, type EventNetworkRecord, type EventNetworkWeights } from './eventprop-network.js';

/**
 * Finite-difference checks of EventProp (issue 6): the adjoint's gradient against central differences of the
 * exact float64 forward, on random small input → LIF → LI networks, for the loss Σ r ⊙ scores with random r.
 * A coordinate whose ±h perturbation changes the event structure (a spike appears or vanishes, a readout maximum
 * changes place) is not differentiable there and is skipped; so is a case with a spike that grazes the threshold
 * (|du/dt| < 1e-3 at the crossing), where central differences lose their accuracy. Some input channels stay
 * silent (spike time +∞): their time gradient must be exactly 0.
 */

const STEP = 1e-6;
const ABSOLUTE = 2e-6;
const RELATIVE = 1e-5;
const GRAZING_SLOPE = 1e-3;

interface Case {
  readonly network: EventNetworkWeights;
  readonly parameters: EventPropParameters;
  readonly batch: number;
  readonly inputTimes: Float64Array;
  readonly lossWeights: Float64Array;
}

function randomCase(seed: number): Case {
  const rng = new Rng(seed);
  const inputs = 2 + (rng.nextUint32() % 4);
  const hidden = 2 + (rng.nextUint32() % 5);
  const outputs = 2 + (rng.nextUint32() % 2);
  const batch = 1 + (rng.nextUint32() % 3);
  const taus = [3, 5, 6, 10];
  const tauMemUs = taus[rng.nextUint32() % taus.length]!;
  // Equal time constants (the Yin-Yang case) in half of the cases, unequal in the others.
  const tauSynUs = rng.uniform() < 0.5 ? tauMemUs : taus[rng.nextUint32() % taus.length]!;
  const parameters: EventPropParameters = {
    hidden: { tauMemUs, tauSynUs, leak: rng.uniformIn(-0.2, 0.2), reset: rng.uniformIn(-0.3, 0), threshold: rng.uniformIn(0.5, 1.2) },
    readout: { tauMemUs: taus[rng.nextUint32() % taus.length]!, tauSynUs: taus[rng.nextUint32() % taus.length]! },
    tSimUs: 30,
  };
  const network: EventNetworkWeights = {
    inputs, hidden, outputs,
    weightHidden: Float64Array.from({ length: hidden * inputs }, () => 1.2 + 1.5 * rng.normal()),
    weightOutput: Float64Array.from({ length: outputs * hidden }, () => rng.normal()),
  };
  return {
    network, parameters, batch,
    // One channel in ten stays silent (+∞), as a latency-encoded pixel below threshold (MNIST16).
    inputTimes: Float64Array.from({ length: batch * inputs }, () => (rng.uniform() < 0.1 ? Infinity : rng.uniformIn(0, 20))),
    lossWeights: Float64Array.from({ length: batch * outputs }, () => rng.normal()),
  };
}

function loss(c: Case, record: EventNetworkRecord): number {
  let total = 0;
  for (let k = 0; k < record.scores.length; k++) total += c.lossWeights[k]! * record.scores[k]!;
  return total;
}

/** Spike counts per (sample, neuron) and the readouts' maximum kinds and places: what must not change under ±h. */
function structure(record: EventNetworkRecord): string {
  return `${record.hiddenLayer.neuronOffsets.join()}|${record.readout.kind.join()}|${record.readout.eventsBefore.join()}|${record.hiddenLayer.spikes.sources.join()}`;
}

function grazes(record: EventNetworkRecord): boolean {
  const { hiddenLayer, constants } = record;
  for (const current of hiddenLayer.currentAtSpike) if (Math.abs(current - constants.thresholdU) / constants.hiddenFlow.tauMemUs < GRAZING_SLOPE) return true;
  return false;
}

interface CheckCounts { checked: number; nonZero: number; skipped: number }

/** Compares one gradient array with central differences of the forward in the same coordinates. */
function checkAgainstDifferences(c: Case, target: Float64Array, analytic: Float64Array, base: string, counts: CheckCounts, run: () => EventNetworkRecord): void {
  for (let k = 0; k < target.length; k++) {
    const original = target[k]!;
    // A silent channel has no spike time to move: its gradient is exactly 0.
    if (original === Infinity) {
      expect(analytic[k], `silent coordinate ${k}`).toBe(0);
      continue;
    }
    target[k] = original + STEP;
    const plus = run();
    target[k] = original - STEP;
    const minus = run();
    target[k] = original;
    if (structure(plus) !== base || structure(minus) !== base) {
      counts.skipped++;
      continue;
    }
    const difference = (loss(c, plus) - loss(c, minus)) / (2 * STEP);
    expect(Math.abs(analytic[k]! - difference), `coordinate ${k}: adjoint ${analytic[k]} vs differences ${difference}`).toBeLessThanOrEqual(ABSOLUTE + RELATIVE * Math.abs(difference));
    counts.checked++;
    if (Math.abs(difference) > 1e-4) counts.nonZero++;
  }
}

describe('EventProp gradient vs finite differences of the exact forward', () => {
  it('matches for the hidden weights, the readout weights and the input spike times of random networks', () => {
    const totals: CheckCounts = { checked: 0, nonZero: 0, skipped: 0 };
    let cases = 0;
    let hiddenSpikes = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 0x7fffffff }), (seed) => {
        const c = randomCase(seed);
        const run = () => eventNetworkForward(c.network, c.inputTimes, c.batch, c.parameters);
        const record = run();
        if (grazes(record)) return;
        cases++;
        hiddenSpikes += record.hiddenLayer.timesUs.length;
        const gradients = eventNetworkBackward(c.network, record, c.lossWeights);
        const base = structure(record);
        checkAgainstDifferences(c, c.network.weightHidden, gradients.weightHidden, base, totals, run);
        checkAgainstDifferences(c, c.network.weightOutput, gradients.weightOutput, base, totals, run);
        checkAgainstDifferences(c, c.inputTimes, gradients.inputTimes, base, totals, run);
      }),
    );
    // The check must have teeth: most cases run, with spikes, and most coordinates have a gradient to compare.
    expect(cases).toBeGreaterThan(0.8 * Number(process.env['FC_NUM_RUNS'] ?? 100));
    expect(hiddenSpikes).toBeGreaterThan(cases);
    expect(totals.nonZero, `${totals.nonZero} of ${totals.checked}`).toBeGreaterThan(0.5 * totals.checked);
    expect(totals.skipped).toBeLessThan(0.02 * totals.checked);
  });
});
